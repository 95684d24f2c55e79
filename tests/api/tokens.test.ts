// The NetBird tokens API end to end: shown once, stored hashed, audited; bad input writes nothing.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminWithToken, authHeaders, baseUrl, testDb } from '../support/fixtures';

let token = '';
let userId = '';
let accountId = '';

beforeAll(async () => {
  const r = await adminWithToken('tokens-suite');
  userId = r.admin.id;
  accountId = r.admin.accountId;
  token = r.token;
});

const post = (body: string | undefined, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl()}/api/users/${userId}/tokens`, {
    method: 'POST',
    headers: { ...authHeaders(token), 'Content-Type': 'application/json', ...headers },
    body,
  });

async function counts() {
  const db = await testDb();
  return { tokens: await db.apiToken.count({ where: { accountId } }), audit: await db.auditEvent.count({ where: { accountId } }) };
}

describe('personal access tokens', () => {
  it('creates a token, shows the secret once, stores only its hash, and audits it', async () => {
    const r = await post(JSON.stringify({ name: 'ci', expires_in: 30 }));
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.plain_token).toMatch(/^nbp_[0-9A-Za-z]{36}$/);
    const pat = body.personal_access_token;
    expect(pat).toMatchObject({ name: 'ci', created_by: userId });
    expect(new Date(pat.expiration_date).getTime() - Date.now()).toBeGreaterThan(29 * 86400_000);

    // The secret is nowhere in the database; its SHA-256 is.
    const db = await testDb();
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: pat.id } });
    expect(row.secretHash).toBe(createHash('sha256').update(body.plain_token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(body.plain_token.slice(4));

    // Reads never show it again.
    const list = await (await fetch(`${baseUrl()}/api/users/${userId}/tokens`, { headers: authHeaders(token) })).json();
    expect(JSON.stringify(list)).not.toContain(body.plain_token);
    expect(list.map((t: { id: string }) => t.id)).toContain(pat.id);
    const one = await (await fetch(`${baseUrl()}/api/users/${userId}/tokens/${pat.id}`, { headers: authHeaders(token) })).json();
    expect(one).toEqual(expect.objectContaining({ id: pat.id, name: 'ci' }));
    expect(JSON.stringify(one)).not.toContain(body.plain_token);

    // The new token works.
    const me = await fetch(`${baseUrl()}/api/users/current`, { headers: authHeaders(body.plain_token) });
    expect(me.status).toBe(200);

    const ev = await db.auditEvent.findFirstOrThrow({ where: { accountId, targetId: pat.id } });
    expect(ev).toMatchObject({ activityCode: 'personal.access.token.create', initiatorId: userId, source: 'netbird' });
    expect(JSON.parse(ev.meta)).toMatchObject({ name: 'ci' });
  });

  it('revokes a token: it stops working at once and the deletion is audited', async () => {
    const created = await (await post(JSON.stringify({ name: 'short-lived', expires_in: 1 }))).json();
    const id = created.personal_access_token.id;
    const del = await fetch(`${baseUrl()}/api/users/${userId}/tokens/${id}`, { method: 'DELETE', headers: authHeaders(token) });
    expect(del.status).toBe(200);
    expect((await fetch(`${baseUrl()}/api/users/current`, { headers: authHeaders(created.plain_token) })).status).toBe(401);
    expect((await fetch(`${baseUrl()}/api/users/${userId}/tokens/${id}`, { headers: authHeaders(token) })).status).toBe(404);
    const db = await testDb();
    expect(await db.auditEvent.count({ where: { targetId: id, activityCode: 'personal.access.token.delete' } })).toBe(1);
  });

  const bad: [string, string | undefined, number][] = [
    ['malformed JSON', '{"name": "x", ', 400],
    ['an empty body', undefined, 400],
    ['a JSON array', '[1,2]', 400],
    ['a string where a name belongs', JSON.stringify({ name: 5, expires_in: 5 }), 400],
    ['a string where a number belongs', JSON.stringify({ name: 'x', expires_in: '5' }), 400],
    ['a fractional number of days', JSON.stringify({ name: 'x', expires_in: 1.5 }), 400],
    ['a missing field', JSON.stringify({ name: 'x' }), 400],
    ['an out-of-range expiry', JSON.stringify({ name: 'x', expires_in: 0 }), 422],
    ['an expiry over a year', JSON.stringify({ name: 'x', expires_in: 366 }), 422],
    ['an empty name', JSON.stringify({ name: '  ', expires_in: 5 }), 422],
  ];
  for (const [what, body, status] of bad) {
    it(`answers ${status} to ${what} and writes nothing`, async () => {
      const before = await counts();
      const r = await post(body);
      expect(r.status).toBe(status);
      const err = await r.json();
      expect(err).toEqual({ message: expect.any(String), code: status });
      expect(err.message.length).toBeGreaterThan(5);
      expect(await counts()).toEqual(before);
    });
  }

  it('answers 413 to an oversized body and writes nothing', async () => {
    const before = await counts();
    const r = await post(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), expires_in: 5 }));
    expect(r.status).toBe(413);
    expect((await r.json()).code).toBe(413);
    expect(await counts()).toEqual(before);
  });
});
