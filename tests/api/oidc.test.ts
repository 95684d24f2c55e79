// The optional OIDC sign-in, against a real (test) OpenID provider and a second meshdeck server
// started with OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET on the same database.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeOidc, type FakeOidc } from '../support/fake-oidc';
import { startServer, type RunningServer } from '../support/server';

let idp: FakeOidc;
let server: RunningServer;

beforeAll(async () => {
  idp = await startFakeOidc();
  server = await startServer({
    MESHDECK_DATA_DIR: inject('dataDir'),
    DATABASE_URL: inject('databaseUrl'),
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_NAME: 'Test IdP',
  });
});

afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

/** Follows the browser's redirects by hand, keeping cookies for the meshdeck origin. */
async function oidcSignIn(): Promise<{ finalUrl: string; cookie: string }> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${server.baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  let r = await fetch(`${server.baseUrl}/api/auth/signin/oidc`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie() },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/app' }),
  });
  keep(r);
  for (let hops = 0; hops < 6 && r.status >= 300 && r.status < 400; hops++) {
    const next = new URL(r.headers.get('location')!, server.baseUrl);
    const ours = next.origin === new URL(server.baseUrl).origin;
    r = await fetch(next, { redirect: 'manual', headers: ours ? { Cookie: cookie() } : {} });
    if (ours) keep(r);
    if (ours && next.pathname.startsWith('/app')) return { finalUrl: next.toString(), cookie: cookie() };
  }
  return { finalUrl: r.url, cookie: cookie() };
}

describe('OIDC sign-in', () => {
  it('offers the provider on the sign-in page', async () => {
    expect(await (await fetch(`${server.baseUrl}/app/login`)).text()).toMatch(/Sign in with (<!-- -->)?Test IdP/);
    const providers = await (await fetch(`${server.baseUrl}/api/auth/providers`)).json();
    expect(Object.keys(providers)).toEqual(expect.arrayContaining(['credentials', 'oidc']));
  });

  it('signs in an existing meshdeck user by email', async () => {
    idp.setUser({ sub: 'idp-owner', email: inject('adminEmail').toUpperCase(), name: 'Owner via IdP' });
    const { finalUrl, cookie } = await oidcSignIn();
    expect(new URL(finalUrl).pathname).toBe('/app');
    const me = await fetch(`${server.baseUrl}/api/users/current`, { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe(inject('adminEmail'));
  });

  it('refuses an identity whose provider does not vouch for its email', async () => {
    idp.setUser({ sub: 'unverified', email: inject('adminEmail'), name: 'Claims to be the owner', email_verified: false });
    const { finalUrl, cookie } = await oidcSignIn();
    expect(new URL(finalUrl).searchParams.get('error')).toBe('AccessDenied');
    expect((await fetch(`${server.baseUrl}/api/users/current`, { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('refuses an identity that has no meshdeck user', async () => {
    idp.setUser({ sub: 'stranger', email: 'stranger@elsewhere.test', name: 'Stranger' });
    const { finalUrl, cookie } = await oidcSignIn();
    expect(new URL(finalUrl).searchParams.get('error')).toBe('AccessDenied');
    expect((await fetch(`${server.baseUrl}/api/users/current`, { headers: { Cookie: cookie } })).status).toBe(401);
  });
});
