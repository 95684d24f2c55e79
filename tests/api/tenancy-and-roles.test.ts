// Account isolation (another account's objects are 404, never 403 or data) and role checks.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUser, authHeaders, baseUrl, newAccount, newUser, testDb } from '../support/fixtures';

let a: Awaited<ReturnType<typeof newAccount>>;
let b: Awaited<ReturnType<typeof newAccount>>;
let bTokenId = '';

beforeAll(async () => {
  a = await newAccount();
  b = await newAccount();
  const db = await testDb();
  bTokenId = (await db.apiToken.findFirstOrThrow({ where: { userId: b.owner.id } })).id;
});

describe('account isolation', () => {
  it("answers 404 for another account's user and token, on every method", async () => {
    const h = authHeaders(a.token);
    const list = await fetch(`${baseUrl()}/api/users/${b.owner.id}/tokens`, { headers: h });
    expect(list.status).toBe(404);
    expect(await list.json()).toEqual({ message: expect.stringContaining('not found'), code: 404 });

    const one = await fetch(`${baseUrl()}/api/users/${b.owner.id}/tokens/${bTokenId}`, { headers: h });
    expect(one.status).toBe(404);

    const del = await fetch(`${baseUrl()}/api/users/${b.owner.id}/tokens/${bTokenId}`, { method: 'DELETE', headers: h });
    expect(del.status).toBe(404);

    const create = await fetch(`${baseUrl()}/api/users/${b.owner.id}/tokens`, {
      method: 'POST',
      headers: { ...h, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'sneaky', expires_in: 1 }),
    });
    expect(create.status).toBe(404);

    const db = await testDb();
    expect(await db.apiToken.count({ where: { userId: b.owner.id } })).toBe(1);
    expect(await db.apiToken.findUnique({ where: { id: bTokenId } })).not.toBeNull();
  });

  it('shows each token holder only their own account', async () => {
    const ra = await (await fetch(`${baseUrl()}/api/users/current`, { headers: authHeaders(a.token) })).json();
    const rb = await (await fetch(`${baseUrl()}/api/users/current`, { headers: authHeaders(b.token) })).json();
    expect(ra.id).toBe(a.owner.id);
    expect(rb.id).toBe(b.owner.id);
  });
});

describe('roles', () => {
  it('refuses mutations to an auditor with 403 and writes nothing', async () => {
    const admin = await adminUser();
    const { user, token } = await newUser(admin.accountId, 'auditor');
    const db = await testDb();
    const before = await db.apiToken.count({ where: { userId: user.id } });
    const auditBefore = await db.auditEvent.count({ where: { accountId: admin.accountId } });
    const r = await fetch(`${baseUrl()}/api/users/${user.id}/tokens`, {
      method: 'POST',
      headers: { ...authHeaders(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'nope', expires_in: 5 }),
    });
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ message: 'auditors have read-only access', code: 403 });
    const del = await fetch(`${baseUrl()}/api/users/${user.id}/tokens/${(await db.apiToken.findFirstOrThrow({ where: { userId: user.id } })).id}`, {
      method: 'DELETE',
      headers: authHeaders(token),
    });
    expect(del.status).toBe(403);
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(before);
    expect(await db.auditEvent.count({ where: { accountId: admin.accountId } })).toBe(auditBefore);
    // Reading is fine.
    const list = await fetch(`${baseUrl()}/api/users/${user.id}/tokens`, { headers: authHeaders(token) });
    expect(list.status).toBe(200);
  });

  it("lets a regular user manage only their own tokens", async () => {
    const admin = await adminUser();
    const { user, token } = await newUser(admin.accountId, 'user');
    const own = await fetch(`${baseUrl()}/api/users/${user.id}/tokens`, {
      method: 'POST',
      headers: { ...authHeaders(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'mine', expires_in: 5 }),
    });
    expect(own.status).toBe(200);
    const others = await fetch(`${baseUrl()}/api/users/${admin.id}/tokens`, { headers: authHeaders(token) });
    expect(others.status).toBe(403);
  });
});
