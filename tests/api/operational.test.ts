// /api/health (no auth) and /metrics (Prometheus text: the process's for operators, an account's own for its owners and admins).
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUser, adminWithToken, baseUrl, newAccount, newUser } from '../support/fixtures';

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

  it('GET /metrics: process metrics for operators only; owners and admins of an account get their own account’s figures', async () => {
    const admin = await adminUser();
    const get = (t: string) => fetch(`${baseUrl()}/metrics`, { headers: { Authorization: `Bearer ${t}` } });
    const { token: auditor } = await newUser(admin.accountId, 'auditor');
    const auditorRes = await get(auditor);
    expect(auditorRes.status).toBe(403);
    expect(await auditorRes.text()).not.toContain('meshdeck_http_requests_total');
    const other = await newAccount();
    const otherRes = await get(other.token);
    expect(otherRes.status).toBe(200);
    const otherText = await otherRes.text();
    expect(otherText).not.toContain('meshdeck_http_requests_total');
    expect(otherText).toContain(`meshdeck_account_users{account="${other.account.domain}"} 1`);
    expect(otherText).not.toContain(admin.accountId);
    expect([...otherText.matchAll(/account="([^"]+)"/g)].every((m) => m[1] === other.account.domain)).toBe(true);
    // An admin of the installation account who is not an operator gets that account's figures.
    const { token: installationAdmin } = await newUser(admin.accountId, 'admin');
    const adminText = await (await get(installationAdmin)).text();
    expect(adminText).toContain('meshdeck_account_peers');
    expect(adminText).not.toContain('meshdeck_http_requests_total');
    expect(await (await get(token)).text()).toContain('meshdeck_http_requests_total');
  });

  it('unknown ids, however spelled, add no series', async () => {
    const series = async () => (await (await fetch(`${baseUrl()}/metrics`, { headers: { 'X-ZT1-Auth': token } })).text()).split('\n').filter((l) => l.startsWith('meshdeck_http')).length;
    const seen = (await fetch(`${baseUrl()}/api/peers/%41warmup`)).status;
    expect(seen).toBe(401);
    const before = await series();
    const spellings = (r: string) => [`%41${r}`, `x%2e${r}`, `%E2%82%AC${r}`, r];
    for (let i = 0; i < 1250; i++) {
      const r = Math.random().toString(36).slice(2);
      // 5,000 requests in batches of 4: without and with a token (401 and 404 each have their series).
      await Promise.all(spellings(r).map((id, j) => fetch(`${baseUrl()}/api/peers/${id}`, j % 2 ? { headers: { 'X-ZT1-Auth': token } } : {})));
    }
    const text = await (await fetch(`${baseUrl()}/metrics`, { headers: { 'X-ZT1-Auth': token } })).text();
    expect(text).toMatch(/meshdeck_http_requests_total\{method="GET",route="\/api\/peers\/\{peerId\}",status="401"\} \d+/);
    expect(text).toMatch(/meshdeck_http_requests_total\{method="GET",route="\/api\/peers\/\{peerId\}",status="404"\} \d+/);
    // At most the route's 404 counter and one histogram (14 lines) are new; per-id labels would add
    // thousands of lines.
    expect((await series()) - before).toBeLessThanOrEqual(1 + 14);
  });
});
