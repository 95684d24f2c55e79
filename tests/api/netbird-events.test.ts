// GET /api/events/audit: the account's audit trail in NetBird's Event shape, newest first.
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@/lib/domain/ids';
import { baseUrl, newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';

let acct: Awaited<ReturnType<typeof newAccount>>;
let other: Awaited<ReturnType<typeof newAccount>>;

async function addEvent(accountId: string, code: string, timestamp: Date, meta: Record<string, unknown> = {}) {
  const db = await testDb();
  return db.auditEvent.create({
    data: { id: newId(), accountId, activityCode: code, activity: `activity ${code}`, initiatorId: 'u1', initiatorName: 'Alice', initiatorEmail: 'alice@example.test', targetId: 't1', meta: JSON.stringify(meta), timestamp },
  });
}

beforeAll(async () => {
  acct = await newAccount();
  other = await newAccount();
});

describe('GET /api/events/audit', () => {
  it('lists the account’s events newest first in the Event shape, including changes made through the API', async () => {
    const api = netbird(acct.token);
    const created = await api('POST', `/api/users/${acct.owner.id}/tokens`, { name: 'ci', expires_in: 7 });
    expect(created.status).toBe(200);
    const r = await api('GET', '/api/events/audit');
    expect(r.status).toBe(200);
    const codes = r.body.map((e: { activity_code: string }) => e.activity_code);
    // Newest first: the token creation, then the account creation.
    expect(codes).toEqual(['personal.access.token.create', 'account.create']);
    const [tokenEvent] = r.body;
    expect(tokenEvent).toEqual({
      id: expect.any(String),
      timestamp: expect.any(String),
      activity: 'Personal access token created',
      activity_code: 'personal.access.token.create',
      initiator_id: acct.owner.id,
      initiator_name: acct.owner.name,
      initiator_email: acct.owner.email,
      target_id: created.body.personal_access_token.id,
      meta: { name: 'ci', user_id: acct.owner.id },
    });
    expect(Date.parse(tokenEvent.timestamp)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('orders by time, then id, and sends every meta value as a string', async () => {
    const { account } = await newAccount();
    const { token } = await newUser(account.id, 'admin');
    const older = await addEvent(account.id, 'group.add', new Date('2024-01-01T00:00:00Z'), { name: 'devs', count: 3, flag: true, list: ['a', 'b'], nested: { x: 1 }, none: null });
    const newer = await addEvent(account.id, 'group.delete', new Date('2025-01-01T00:00:00Z'), { name: 'devs' });
    const r = await netbird(token)('GET', '/api/events/audit');
    expect(r.status).toBe(200);
    const ids = r.body.map((e: { id: string }) => e.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    const e = r.body.find((x: { id: string }) => x.id === older.id);
    expect(e.meta).toEqual({ name: 'devs', count: '3', flag: 'true', list: '["a","b"]', nested: '{"x":1}', none: '' });
    expect(e.timestamp).toBe('2024-01-01T00:00:00.000Z');
  });

  it('leaves out events whose code NetBird does not know', async () => {
    const { account, token } = await newAccount();
    const odd = await addEvent(account.id, 'meshdeck.internal.thing', new Date());
    const r = await netbird(token)('GET', '/api/events/audit');
    expect(r.status).toBe(200);
    expect(r.body.map((e: { id: string }) => e.id)).not.toContain(odd.id);
    expect(r.body.map((e: { activity_code: string }) => e.activity_code)).toEqual(['account.create']);
  });

  it('never shows another account’s events', async () => {
    const secret = await addEvent(other.account.id, 'group.add', new Date(), { name: 'other-secret' });
    const r = await netbird(acct.token)('GET', '/api/events/audit');
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain('other-secret');
    expect(r.body.map((e: { id: string }) => e.id)).not.toContain(secret.id);
  });

  it('lets auditors and admins read, and refuses regular users and anonymous callers', async () => {
    const auditor = await newUser(acct.account.id, 'auditor');
    const admin = await newUser(acct.account.id, 'admin');
    const user = await newUser(acct.account.id, 'user');
    expect((await netbird(auditor.token)('GET', '/api/events/audit')).status).toBe(200);
    expect((await netbird(admin.token)('GET', '/api/events/audit')).status).toBe(200);
    expect((await netbird(user.token)('GET', '/api/events/audit')).status).toBe(403);
    expect((await netbird('')('GET', '/api/events/audit', undefined, { Authorization: '' })).status).toBe(401);
  });

  it('is read-only: other methods are not allowed and write nothing', async () => {
    const db = await testDb();
    const before = await db.auditEvent.count({ where: { accountId: acct.account.id } });
    const r = await fetch(`${baseUrl()}/api/events/audit`, { method: 'POST', headers: { Authorization: `Token ${acct.token}` } });
    expect(r.status).toBe(405);
    expect(await db.auditEvent.count({ where: { accountId: acct.account.id } })).toBe(before);
  });
});
