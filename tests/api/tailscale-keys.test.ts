// Tailscale API v2 auth keys = meshdeck setup keys: created here they are NetBird setup keys and
// the other way round; deleting revokes (the key still answers, marked invalid).
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register } from '../support/peers';
import { tailscale } from '../support/tailscale-client';
import { auditCodes } from '../support/tailscale-helpers';

let ts: ReturnType<typeof tailscale>;
let nb: ReturnType<typeof netbird>;
let accountId = '';
let domain = '';

beforeAll(async () => {
  // An account of its own: these tests replace the access-policy document.
  const a = await newAccount();
  accountId = a.account.id;
  ts = tailscale(a.token);
  nb = netbird(a.token);
  domain = (await (await testDb()).account.findUniqueOrThrow({ where: { id: accountId } })).domain;
});

const setAcl = (tagOwners: Record<string, string[]>) =>
  ts('POST', '/api/v2/tailnet/-/acl', { tagOwners, acls: [{ action: 'accept', src: ['*'], dst: ['*:*'] }] });

const keyCount = async () => (await testDb()).setupKey.count({ where: { accountId } });

describe('Tailscale auth keys', () => {
  it('creates an auth key that is a NetBird setup key, shows the secret once, and lets a device join with its tags', async () => {
    expect((await setAcl({ 'tag:ci': ['autogroup:admin'] })).status).toBe(200);
    const r = await ts('POST', '/api/v2/tailnet/-/keys', {
      keyType: 'auth',
      description: 'dev access',
      expirySeconds: 3600,
      capabilities: { devices: { create: { reusable: true, ephemeral: true, preauthorized: true, tags: ['tag:ci'] } } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: expect.any(String),
      key: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/),
      keyType: 'auth',
      expirySeconds: 3600,
      description: 'dev access',
      capabilities: { devices: { create: { reusable: true, ephemeral: true, preauthorized: true, tags: ['tag:ci'] } } },
    });
    expect(new Date(r.body.expires).getTime() - new Date(r.body.created).getTime()).toBe(3_600_000);
    expect(await auditCodes(r.body.id)).toContainEqual({ activityCode: 'setupkey.add', source: 'tailscale' });
    // Read back: no secret.
    const got = await ts('GET', `/api/v2/tailnet/-/keys/${r.body.id}`);
    expect(got.body.key).toBeUndefined();
    expect(got.body.invalid).toBeUndefined();
    // NetBird sees the same key.
    const inNetbird = (await nb('GET', '/api/setup-keys')).body.find((k: { id: string }) => k.id === r.body.id);
    expect(inNetbird).toMatchObject({ name: 'dev access', type: 'reusable', ephemeral: true, valid: true, revoked: false });
    // A device registered with it carries the key's tags and is ephemeral.
    const dev = await register(r.body.key, 'ts-ci-runner');
    expect(dev.status).toBe(201);
    const device = (await ts('GET', `/api/v2/device/${dev.body.peer.id}`)).body;
    expect(device).toMatchObject({ tags: ['tag:ci'], isEphemeral: true });
  });

  it('refuses tags the access-policy document does not define in tagOwners, storing nothing', async () => {
    expect((await setAcl({ 'tag:ci': ['autogroup:admin'] })).status).toBe(200);
    const before = await keyCount();
    const r = await ts('POST', '/api/v2/tailnet/-/keys', { capabilities: { devices: { create: { tags: ['tag:ci', 'tag:prod', 'tag:db'] } } } });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('requested tags [tag:prod tag:db] are invalid or not permitted');
    expect(await keyCount()).toBe(before);
    expect((await setAcl({ 'tag:ci': ['autogroup:admin'], 'tag:prod': [], 'tag:db': ['autogroup:member'] })).status).toBe(200);
    expect((await ts('POST', '/api/v2/tailnet/-/keys', { capabilities: { devices: { create: { tags: ['tag:ci', 'tag:prod', 'tag:db'] } } } })).status).toBe(200);
    expect(await keyCount()).toBe(before + 1);
  });

  it('defaults to a single-use, 90-day key with no tags, and lists NetBird’s setup keys as auth keys', async () => {
    const r = await ts('POST', `/api/v2/tailnet/${domain}/keys`, { capabilities: { devices: {} } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ expirySeconds: 90 * 86400, capabilities: { devices: { create: { reusable: false, ephemeral: false, preauthorized: false, tags: [] } } } });
    expect((await nb('GET', `/api/setup-keys/${r.body.id}`)).body).toMatchObject({ type: 'one-off', usage_limit: 1 });
    const fromNetbird = await nb('POST', '/api/setup-keys', { name: 'from netbird', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 });
    const listed = await ts('GET', '/api/v2/tailnet/-/keys');
    expect(listed.status).toBe(200);
    const mine = listed.body.keys.find((k: { id: string }) => k.id === fromNetbird.body.id);
    expect(mine).toMatchObject({ keyType: 'auth', description: 'from netbird', expirySeconds: 86400, capabilities: { devices: { create: { reusable: true } } } });
    expect(mine.key).toBeUndefined();
    expect(listed.body.keys.map((k: { id: string }) => k.id)).toContain(r.body.id);
    expect((await ts('GET', `/api/v2/tailnet/-/keys/${fromNetbird.body.id}`)).status).toBe(200);
    expect((await ts('GET', '/api/v2/tailnet/-/keys?all=true')).status).toBe(200);
  });

  it('deletes (revokes) a key: still readable as invalid, revoked in NetBird, gone from the list', async () => {
    const k = (await ts('POST', '/api/v2/tailnet/-/keys', { capabilities: { devices: { create: { reusable: true } } } })).body;
    const count = await keyCount();
    expect((await ts('DELETE', `/api/v2/tailnet/-/keys/${k.id}`)).status).toBe(200);
    expect(await keyCount()).toBe(count);
    const got = (await ts('GET', `/api/v2/tailnet/-/keys/${k.id}`)).body;
    expect(got).toMatchObject({ invalid: true, revoked: expect.any(String) });
    expect((await nb('GET', `/api/setup-keys/${k.id}`)).body).toMatchObject({ revoked: true, valid: false });
    expect((await ts('GET', '/api/v2/tailnet/-/keys')).body.keys.map((x: { id: string }) => x.id)).not.toContain(k.id);
    expect(await auditCodes(k.id)).toContainEqual({ activityCode: 'setupkey.revoke', source: 'tailscale' });
    expect((await register(k.key, 'ts-too-late')).status).toBe(403);
    expect((await ts('DELETE', '/api/v2/tailnet/-/keys/nosuchkey00000000000')).status).toBe(404);
  });

  it('refuses bad requests (400) and writes nothing', async () => {
    const before = await keyCount();
    const bad = [
      { keyType: 'client', scopes: ['all:read'], capabilities: { devices: {} } },
      { description: 'no capabilities' },
      { capabilities: {} },
      { capabilities: { devices: {} }, expirySeconds: 91 * 86400 },
      { capabilities: { devices: {} }, expirySeconds: -5 },
      { capabilities: { devices: {} }, expirySeconds: 1.5 },
      { capabilities: { devices: {} }, description: 'bad/chars!' },
      { capabilities: { devices: {} }, description: 'x'.repeat(51) },
      { capabilities: { devices: { create: { tags: ['ci'] } } } },
      { capabilities: { devices: { create: { reusable: 'yes' } } } },
      { capabilities: 'all' },
    ];
    for (const body of bad) expect((await ts('POST', '/api/v2/tailnet/-/keys', body)).status, JSON.stringify(body)).toBe(400);
    expect((await ts('POST', '/api/v2/tailnet/-/keys', '{')).status).toBe(400);
    expect(await keyCount()).toBe(before);
  });

  it('lets auditors read but not write, regular users neither, and hides other accounts (404)', async () => {
    const k = (await ts('POST', '/api/v2/tailnet/-/keys', { capabilities: { devices: {} } })).body;
    const auditor = tailscale((await newUser(accountId, 'auditor')).token);
    const user = tailscale((await newUser(accountId, 'user')).token);
    const before = await keyCount();
    expect((await auditor('GET', '/api/v2/tailnet/-/keys')).status).toBe(200);
    expect((await auditor('GET', `/api/v2/tailnet/-/keys/${k.id}`)).status).toBe(200);
    expect((await auditor('POST', '/api/v2/tailnet/-/keys', { capabilities: { devices: {} } })).status).toBe(403);
    expect((await auditor('DELETE', `/api/v2/tailnet/-/keys/${k.id}`)).status).toBe(403);
    expect((await user('GET', '/api/v2/tailnet/-/keys')).status).toBe(403);
    expect((await user('POST', '/api/v2/tailnet/-/keys', { capabilities: { devices: {} } })).status).toBe(403);
    expect((await user('DELETE', `/api/v2/tailnet/-/keys/${k.id}`)).status).toBe(403);
    const other = await newAccount();
    const them = tailscale(other.token);
    expect((await them('GET', `/api/v2/tailnet/-/keys/${k.id}`)).status).toBe(404);
    expect((await them('DELETE', `/api/v2/tailnet/-/keys/${k.id}`)).status).toBe(404);
    expect((await them('GET', `/api/v2/tailnet/${domain}/keys`)).status).toBe(404);
    expect((await them('POST', `/api/v2/tailnet/${domain}/keys`, { capabilities: { devices: {} } })).status).toBe(404);
    expect((await ts('GET', `/api/v2/tailnet/${other.account.domain}/keys/${k.id}`)).status).toBe(404);
    expect((await them('GET', '/api/v2/tailnet/-/keys')).body.keys).toEqual([]);
    expect(await keyCount()).toBe(before);
    expect((await (await testDb()).setupKey.findUniqueOrThrow({ where: { id: k.id } })).revoked).toBe(false);
  });
});
