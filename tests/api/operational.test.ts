// /api/health (no auth) and /metrics (Prometheus text, token auth).
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUser, adminWithToken, baseUrl, newUser } from '../support/fixtures';

let token = '';
beforeAll(async () => {
  token = (await adminWithToken('metrics')).token;
});

describe('operational endpoints', () => {
  it('GET /api/health answers without auth', async () => {
    const r = await fetch(`${baseUrl()}/api/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('GET /metrics needs a token and speaks Prometheus text', async () => {
    expect((await fetch(`${baseUrl()}/metrics`)).status).toBe(401);
    await fetch(`${baseUrl()}/api/users/current`, { headers: { 'X-ZT1-Auth': token } });
    const r = await fetch(`${baseUrl()}/metrics`, { headers: { 'X-ZT1-Auth': token } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    const text = await r.text();
    expect(text).toContain('# TYPE meshdeck_http_requests_total counter');
    expect(text).toMatch(/meshdeck_http_requests_total\{method="GET",route="\/api\/users\/current",status="200"\} \d+/);
    expect(text).toMatch(/meshdeck_http_request_duration_seconds_bucket\{method="GET",route="\/api\/users\/current",le="\+Inf"\} \d+/);
    // Ids in paths are folded into the route pattern, so series do not grow per object.
    const admin = await adminUser();
    await fetch(`${baseUrl()}/api/users/${admin.id}/tokens`, { headers: { 'X-ZT1-Auth': token } });
    const again = await (await fetch(`${baseUrl()}/metrics`, { headers: { 'X-ZT1-Auth': token } })).text();
    expect(again).toContain('route="/api/users/{userId}/tokens"');
    expect(again).not.toContain(admin.id);
  });

  it('GET /metrics is refused to a regular user', async () => {
    const admin = await adminUser();
    const { token: userToken } = await newUser(admin.accountId, 'user');
    expect((await fetch(`${baseUrl()}/metrics`, { headers: { Authorization: `Bearer ${userToken}` } })).status).toBe(403);
  });
});
