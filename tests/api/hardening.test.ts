// Request hardening across the server: security headers on every response (console pages get a
// CSP and may not be framed), page numbers that cannot overflow the database, and the policy
// document's 1 MiB limit on both ways to save it.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_ACL_TEXT } from '@/lib/domain/acl/default-policy';
import { baseUrl, newAccount, testDb } from '../support/fixtures';
import { cookieHeader, signIn } from '../support/session';

describe('security headers', () => {
  it('every response says nosniff and same-origin referrers; HSTS only over https', async () => {
    for (const path of ['/api/health', '/api/users/current', '/status', '/edge/client/v1/version', '/app/login']) {
      const r = await fetch(`${baseUrl()}${path}`, { redirect: 'manual' });
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(r.headers.get('strict-transport-security'), path).toBeNull();
    }
    const https = await fetch(`${baseUrl()}/api/health`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });

  it('console pages may not be framed and carry a same-origin CSP', async () => {
    for (const path of ['/app/login', '/app', '/app/acl']) {
      const r = await fetch(`${baseUrl()}${path}`, { redirect: 'manual' });
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/https?:/);
    }
  });
});

describe('console audit page numbers', () => {
  let cookie = '';
  beforeAll(async () => {
    const s = await signIn(inject('adminEmail'), inject('adminPassword'));
    expect(s.ok).toBe(true);
    cookie = cookieHeader(s.jar);
  });

  for (const page of ['1e300', '99999999999', '-4', '0', 'abc', '1000001']) {
    it(`renders page=${page} as a clear empty page, not a 500`, async () => {
      const r = await fetch(`${baseUrl()}/app/audit?page=${page}`, { headers: { Cookie: cookie } });
      expect(r.status).toBe(200);
      const html = await r.text();
      expect(html).toContain('Not a page of the audit log');
      expect(html).not.toContain('data-testid="audit-row"');
    });
  }

  it('still pages normally', async () => {
    const r = await fetch(`${baseUrl()}/app/audit?page=1`, { headers: { Cookie: cookie } });
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('data-testid="audit-row"');
    const far = await fetch(`${baseUrl()}/app/audit?page=1000000`, { headers: { Cookie: cookie } });
    expect(far.status).toBe(200);
    expect(await far.text()).not.toContain('Not a page');
  });
});

/** The documented limit (README), not the code's constant: the test is of the promise. */
const MAX_POLICY_BYTES = 1024 * 1024;

describe('policy document size', () => {
  let token = '';
  let accountId = '';
  beforeAll(async () => {
    const a = await newAccount();
    token = a.token;
    accountId = a.account.id;
  });

  /** The default document after a leading comment that pads it to exactly `bytes` bytes. */
  const docOf = (bytes: number, pad = 'x') => `// ${pad.repeat(bytes - Buffer.byteLength(DEFAULT_ACL_TEXT) - 4)}\n${DEFAULT_ACL_TEXT}`;
  const versions = async () => (await testDb()).aclVersion.count({ where: { accountId } });
  const tsPost = (text: string) =>
    fetch(`${baseUrl()}/api/v2/tailnet/-/acl`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/hujson' }, body: text });
  const consolePut = (text: string) =>
    fetch(`${baseUrl()}/api/console/acl`, { method: 'PUT', headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) });

  it('Tailscale API: a 1 MiB document is saved, one byte more is 413 {message} and nothing is written', async () => {
    const ok = await tsPost(docOf(MAX_POLICY_BYTES));
    expect(ok.status, await ok.text()).toBe(200);
    const before = await versions();
    const r = await tsPost(docOf(MAX_POLICY_BYTES + 1));
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ message: expect.stringContaining('too large') });
    expect(await versions()).toBe(before);
    expect((await tsPost(docOf(4 * 1024 * 1024))).status).toBe(413);
  });

  it('console: the same limit on the document, whatever JSON escaping does to the body', async () => {
    // Quotes double in JSON: a 1 MiB document of them is a 2 MiB body, still accepted.
    const ok = await consolePut(docOf(MAX_POLICY_BYTES, '"'));
    expect(ok.status, await ok.text()).toBe(200);
    const before = await versions();
    for (const text of [docOf(MAX_POLICY_BYTES + 1), docOf(MAX_POLICY_BYTES + 1, '"'), docOf(3 * 1024 * 1024)]) {
      const r = await consolePut(text);
      expect(r.status).toBe(413);
      expect(await r.json()).toEqual({ message: expect.any(String), code: 413 });
    }
    expect(await versions()).toBe(before);
  });
});
