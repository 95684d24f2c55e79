// The NetBird endpoints built so far answer exactly as the official spec describes.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminWithToken, authHeaders, baseUrl } from '../support/fixtures';
import { netbirdApi } from '../support/openapi';

let token = '';
let userId = '';

beforeAll(async () => {
  const r = await adminWithToken('spec');
  userId = r.admin.id;
  token = r.token;
});

async function call(method: string, path: string, body?: unknown) {
  const r = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...authHeaders(token), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

describe('NetBird spec conformance', () => {
  it('GET /api/users/current', async () => {
    const r = await call('GET', '/api/users/current');
    expect(r.status).toBe(200);
    netbirdApi().check('/api/users/current', 'get', 200, r.body);
  });

  it('the token endpoints', async () => {
    const created = await call('POST', `/api/users/${userId}/tokens`, { name: 'spec-check', expires_in: 7 });
    expect(created.status).toBe(200);
    netbirdApi().check('/api/users/{userId}/tokens', 'post', 200, created.body);
    const id = created.body.personal_access_token.id;

    const list = await call('GET', `/api/users/${userId}/tokens`);
    netbirdApi().check('/api/users/{userId}/tokens', 'get', 200, list.body);
    // Use the new token once so last_used is present and checked too.
    await fetch(`${baseUrl()}/api/users/current`, { headers: authHeaders(created.body.plain_token) });
    const one = await call('GET', `/api/users/${userId}/tokens/${id}`);
    expect(one.body.last_used).toBeDefined();
    netbirdApi().check('/api/users/{userId}/tokens/{tokenId}', 'get', 200, one.body);

    const del = await call('DELETE', `/api/users/${userId}/tokens/${id}`);
    expect(del.status).toBe(200);
  });

  it('the validator catches a wrong shape (so these tests can fail)', () => {
    expect(() => netbirdApi().check('/api/users/current', 'get', 200, { id: 1 })).toThrow(/does not match/);
  });
});
