// Request hardening across the server: page numbers that cannot overflow the database.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl } from '../support/fixtures';
import { cookieHeader, signIn } from '../support/session';

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
