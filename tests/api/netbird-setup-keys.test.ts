// Setup keys through the NetBird API and their whole lifecycle with agent registrations.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUser, adminWithToken, newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { insertGroup, register } from '../support/peers';

let call: ReturnType<typeof netbird>;
let accountId = '';

beforeAll(async () => {
  const { admin, token } = await adminWithToken('setup-keys');
  accountId = admin.accountId;
  call = netbird(token);
});

const createKey = (over: Record<string, unknown> = {}) =>
  call('POST', '/api/setup-keys', { name: 'key', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0, ...over });

describe('setup keys API', () => {
  it('creates a key, shows it once, stores it hashed, and masks it afterwards', async () => {
    const group = await insertGroup(accountId, `servers-${Date.now()}`);
    const r = await createKey({ name: 'Default key', auto_groups: [group.id], ephemeral: true, allow_extra_dns_labels: true });
    expect(r.status).toBe(200);
    expect(r.body.key).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(r.body).toMatchObject({ name: 'Default key', type: 'reusable', valid: true, revoked: false, used_times: 0, state: 'valid', auto_groups: [group.id], usage_limit: 0, ephemeral: true, allow_extra_dns_labels: true });
    const row = await (await testDb()).setupKey.findUniqueOrThrow({ where: { id: r.body.id } });
    expect(JSON.stringify(row)).not.toContain(r.body.key);
    const one = await call('GET', `/api/setup-keys/${r.body.id}`);
    expect(one.body.key).toBe(`${r.body.key.slice(0, 5)}****`);
    const list = await call('GET', '/api/setup-keys');
    expect(JSON.stringify(list.body)).not.toContain(r.body.key);
    expect(await (await testDb()).auditEvent.count({ where: { targetId: r.body.id, activityCode: 'setupkey.add' } })).toBe(1);
  });

  it('walks the lifecycle: usage limit, expiry, revocation', async () => {
    const db = await testDb();
    const group = await insertGroup(accountId, `auto-${Date.now()}`);
    const key = (await createKey({ usage_limit: 2, auto_groups: [group.id] })).body;
    const a = await register(key.key);
    expect(a.status).toBe(201);
    expect(a.body.peer.groups.map((g: { id: string }) => g.id)).toContain(group.id);
    expect(a.body.peer_token).toMatch(/^mdpeer_/);
    expect((await register(key.key)).status).toBe(201);
    const before = await db.peer.count({ where: { accountId } });
    const third = await register(key.key);
    expect(third.status).toBe(403);
    expect(third.body.message).toBe('setup key has been used up');
    expect(await db.peer.count({ where: { accountId } })).toBe(before);
    const state = (await call('GET', `/api/setup-keys/${key.id}`)).body;
    expect(state).toMatchObject({ state: 'overused', valid: false, used_times: 2 });
    expect(state.last_used).not.toBe('0001-01-01T00:00:00Z');

    const expiring = (await createKey()).body;
    await db.setupKey.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await register(expiring.key)).body.message).toBe('setup key has expired');
    expect((await call('GET', `/api/setup-keys/${expiring.id}`)).body.state).toBe('expired');

    const revoking = (await createKey()).body;
    const rv = await call('PUT', `/api/setup-keys/${revoking.id}`, { revoked: true, auto_groups: [] });
    expect(rv.body).toMatchObject({ revoked: true, state: 'revoked', valid: false });
    const refused = await register(revoking.key);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('setup key is revoked');
    expect((await db.setupKey.findUniqueOrThrow({ where: { id: revoking.id } })).usedTimes).toBe(0);
    expect((await call('PUT', `/api/setup-keys/${revoking.id}`, { revoked: false, auto_groups: [] })).status).toBe(422);
    expect((await register('00000000-0000-4000-8000-000000000000')).status).toBe(403);
  });

  it('lets a one-off key register exactly one of two concurrent peers', async () => {
    const db = await testDb();
    const key = (await createKey({ type: 'one-off' })).body;
    expect(key.usage_limit).toBe(1);
    const before = await db.peer.count({ where: { accountId } });
    const results = await Promise.all([register(key.key, 'race-a'), register(key.key, 'race-b'), register(key.key, 'race-c')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403]);
    expect(await db.peer.count({ where: { accountId } })).toBe(before + 1);
    expect((await db.setupKey.findUniqueOrThrow({ where: { id: key.id } })).usedTimes).toBe(1);
  });

  it('validates input and writes nothing on bad input', async () => {
    const db = await testDb();
    const count = () => db.setupKey.count({ where: { accountId } });
    const before = await count();
    expect((await createKey({ expires_in: 60 })).status).toBe(422);
    expect((await createKey({ expires_in: 31_536_001 })).status).toBe(422);
    expect((await createKey({ type: 'forever' })).status).toBe(422);
    expect((await createKey({ usage_limit: -1 })).status).toBe(422);
    expect((await createKey({ name: ' ' })).status).toBe(422);
    expect((await createKey({ auto_groups: ['nope'] })).status).toBe(422);
    expect((await createKey({ expires_in: '86400' })).status).toBe(400);
    expect((await createKey({ auto_groups: 'x' })).status).toBe(400);
    const all = await db.group.findFirstOrThrow({ where: { accountId, name: 'All' } });
    expect((await createKey({ auto_groups: [all.id] })).status).toBe(422);
    expect(await count()).toBe(before);
    expect((await register('x', 'h', 'not-a-key')).status).toBe(422);
  });

  it('keeps keys to their account and to admins', async () => {
    const other = await newAccount();
    const theirs = await netbird(other.token)('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 });
    expect((await call('GET', `/api/setup-keys/${theirs.body.id}`)).status).toBe(404);
    expect((await call('DELETE', `/api/setup-keys/${theirs.body.id}`)).status).toBe(404);
    const admin = await adminUser();
    const auditor = netbird((await newUser(admin.accountId, 'auditor')).token);
    expect((await auditor('GET', '/api/setup-keys')).status).toBe(200);
    expect((await auditor('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).status).toBe(403);
    const user = netbird((await newUser(admin.accountId, 'user')).token);
    expect((await user('GET', '/api/setup-keys')).status).toBe(403);
    const mine = (await createKey()).body;
    expect((await call('DELETE', `/api/setup-keys/${mine.id}`)).status).toBe(200);
    expect((await call('GET', `/api/setup-keys/${mine.id}`)).status).toBe(404);
  });
});
