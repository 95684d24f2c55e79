// One token, every dialect's way of presenting it; and the 401/403 answers when it is wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import { actorOf, adminUser, adminWithToken, baseUrl, newUser, testDb } from '../support/fixtures';
import { seedToken } from '@/lib/domain/users/tokens';

let token = '';
let email = '';

beforeAll(async () => {
  const r = await adminWithToken('styles');
  email = r.admin.email;
  token = r.token;
});

const basic = (t: string) => 'Basic ' + Buffer.from(`${t}:`).toString('base64');
const styles: [string, (t: string) => { headers?: Record<string, string>; query?: string }][] = [
  ['Authorization: Token', (t) => ({ headers: { Authorization: `Token ${t}` } })],
  ['Authorization: Bearer', (t) => ({ headers: { Authorization: `Bearer ${t}` } })],
  ['HTTP Basic (token as user name)', (t) => ({ headers: { Authorization: basic(t) } })],
  ['X-ZT1-Auth header', (t) => ({ headers: { 'X-ZT1-Auth': t } })],
];

async function current(opts: { headers?: Record<string, string>; query?: string }) {
  return fetch(`${baseUrl()}/api/users/current${opts.query ?? ''}`, { headers: opts.headers });
}

describe('API token auth styles', () => {
  it('answers 401 in NetBird shape without any credentials', async () => {
    const r = await current({});
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ message: expect.any(String), code: 401 });
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-v]{20}$/);
  });

  for (const [name, present] of styles) {
    it(`accepts a valid token as ${name}`, async () => {
      const r = await current(present(token));
      expect(r.status).toBe(200);
      const body = await r.json();
      expect(body.email).toBe(email);
      expect(body.is_current).toBe(true);
    });

    it(`answers 401 for a wrong token as ${name}`, async () => {
      // Same shape and checksum-valid, but unknown; and plain garbage.
      for (const bad of ['nbp_' + 'A'.repeat(30) + '000000', 'not-a-token']) {
        const r = await current(present(bad));
        expect(r.status).toBe(401);
        expect((await r.json()).code).toBe(401);
      }
    });
  }

  it('takes ?auth= only on ZeroTier routes (a token in a URL lands in proxy logs)', async () => {
    const q = `?auth=${encodeURIComponent(token)}`;
    const nb = await current({ query: q });
    expect(nb.status).toBe(401);
    expect(await nb.json()).toEqual({ message: expect.any(String), code: 401 });
    const tailscale = await fetch(`${baseUrl()}/api/v2/tailnet/-/devices${q}`);
    expect(tailscale.status).toBe(401);
    for (const path of ['/status', '/controller', '/network']) expect((await fetch(`${baseUrl()}${path}${q}`)).status).toBe(200);
    expect((await fetch(`${baseUrl()}/status?auth=not-a-token`)).status).toBe(401);
  });

  it('answers 401 for an expired token and for an empty Bearer', async () => {
    const db = await testDb();
    const admin = await adminUser();
    const { plain, token: row } = await seedToken(db, actorOf(admin), admin.id, { name: 'soon-expired', expiresInDays: 1 });
    await db.apiToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await current({ headers: { Authorization: `Token ${plain}` } })).status).toBe(401);
    expect((await current({ headers: { Authorization: 'Bearer ' } })).status).toBe(401);
  });

  it('answers 403 for a blocked user with a valid token', async () => {
    const admin = await adminUser();
    const { token: blockedToken } = await newUser(admin.accountId, 'admin', 'blocked');
    const r = await current({ headers: { Authorization: `Token ${blockedToken}` } });
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ message: 'user is blocked', code: 403 });
  });

  it('records last use of a token', async () => {
    const db = await testDb();
    const admin = await adminUser();
    const { plain, token: row } = await seedToken(db, actorOf(admin), admin.id, { name: 'used', expiresInDays: 1 });
    expect(row.lastUsedAt).toBeNull();
    await current({ headers: { Authorization: `Bearer ${plain}` } });
    const after = await db.apiToken.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.lastUsedAt).toBeInstanceOf(Date);
  });
});
