// Installation operators and accounts: create (with an invited first owner), list, rename, suspend,
// resume and delete accounts; people in several accounts sign in to one and switch; a suspended
// account's tokens, sessions, agents and Ziti sessions are refused.
import { describe, expect, inject, it } from 'vitest';
import { newId } from '@/lib/domain/ids';
import { hashPassword } from '@/lib/domain/secrets';
import { adminWithToken, baseUrl, newAccount, testDb } from '../support/fixtures';
import { sendJson } from '../support/http';
import { netbird } from '../support/netbird-client';
import { register, sync } from '../support/peers';
import { cookieHeader, signIn } from '../support/session';
import { createZitiIdentity, passwordLogin } from '../support/ziti-helpers';
import { ziti } from '../support/ziti-client';
import { zt } from '../support/zerotier-client';
import { createNetwork } from '../support/zerotier-helpers';

const operator = async () => netbird((await adminWithToken('operator')).token);

async function invitedAccount(label = newId().slice(-6).toLowerCase()) {
  const op = await operator();
  const email = `owner-${label}@tenant.test`;
  const r = await op('POST', '/api/installation/accounts', { name: `Tenant ${label}`, domain: `${label}.tenant.test`, owner_email: email, owner_name: 'First Owner' });
  expect(r.status).toBe(201);
  return { op, email, created: r.body, secret: new URL(r.body.invite_url).hash.slice(1) };
}

const invite = (method: 'PUT' | 'POST', body: unknown) => sendJson(method, '/api/console/invite', {}, body);

async function switchTo(jar: Map<string, string>, accountId: string) {
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { Cookie: cookieHeader(jar) } });
  const { csrfToken } = await csrf.json();
  const r = await fetch(`${baseUrl()}/api/auth/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookieHeader(jar) },
    body: JSON.stringify({ csrfToken, data: { accountId } }),
  });
  expect(r.status).toBe(200);
  for (const c of r.headers.getSetCookie()) {
    const [pair] = c.split(';');
    jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
  }
}

// The jar is read at each call: switching accounts replaces the session cookie in it.
const console$ = (jar: Map<string, string>) => (method: string, path: string, body?: unknown) => netbird({ cookie: cookieHeader(jar) })(method, path, body);

describe('installation operators', () => {
  it('create an account whose invited owner sets a password with the show-once link and finds it empty', async () => {
    const { op, email, created, secret } = await invitedAccount();
    expect(created).toMatchObject({ status: 'active', peers: 0, users: 1, owners: [email], owner_status: 'invited', installation: false });
    expect(created.invite_url).toMatch(/\/app\/invite#mdinv_/);
    const db = await testDb();
    expect(await db.accountInvite.count({ where: { tokenHash: secret } })).toBe(0); // stored hashed only
    expect((await invite('PUT', { secret })).body).toMatchObject({ email, account_name: created.name });
    expect((await invite('POST', { secret, password: 'short' })).status).toBe(422);
    expect((await invite('POST', { secret, password: 'a-long-new-password' })).status).toBe(200);
    expect((await invite('PUT', { secret })).status).toBe(404); // used up
    const s = await signIn(email, 'a-long-new-password');
    expect(s.ok).toBe(true);
    const me = console$(s.jar);
    expect((await me('GET', '/api/users/current')).body).toMatchObject({ email, role: 'owner' });
    expect((await me('GET', '/api/peers')).body).toEqual([]);
    expect((await me('GET', '/api/accounts')).body[0].id).toBe(created.id);
    // The listing shows the owner active now.
    expect((await op('GET', `/api/installation/accounts/${created.id}`)).body.owners).toEqual([email]);
  });

  it('are the only ones who see the installation API: others get 404, and nothing is written', async () => {
    const other = netbird((await newAccount()).token);
    const before = await (await testDb()).account.count();
    for (const [method, path, body] of [
      ['GET', '/api/installation/accounts'],
      ['POST', '/api/installation/accounts', { name: 'x', domain: 'x.sneaky.test', owner_email: 'x@sneaky.test' }],
      ['GET', '/api/installation/operators'],
      ['POST', '/api/installation/operators', { email: 'x@sneaky.test' }],
    ] as const) {
      expect((await other(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    const { created } = await invitedAccount();
    expect((await other('PUT', `/api/installation/accounts/${created.id}`, { status: 'suspended' })).status).toBe(404);
    expect((await other('DELETE', `/api/installation/accounts/${created.id}`)).status).toBe(404);
    expect(await (await testDb()).account.count()).toBe(before + 1);
  });

  it('refuse bad input with 4xx and write nothing', async () => {
    const op = await operator();
    const { created } = await invitedAccount();
    const before = await (await testDb()).account.count();
    expect((await op('POST', '/api/installation/accounts', { name: 'x', domain: 'not a domain', owner_email: 'a@b.test' })).status).toBe(422);
    expect((await op('POST', '/api/installation/accounts', { name: 'x', domain: 'ok.bad-email.test', owner_email: 'nope' })).status).toBe(422);
    expect((await op('POST', '/api/installation/accounts', { name: 'x', domain: created.domain, owner_email: 'a@b.test' })).status).toBe(409);
    expect((await op('PUT', `/api/installation/accounts/${created.id}`, { status: 'gone' })).status).toBe(422);
    expect((await op('PUT', `/api/installation/accounts/${created.id}`, { peer_quota: -1 })).status).toBe(422);
    expect(await (await testDb()).account.count()).toBe(before);
    // The installation account can be neither suspended nor deleted.
    const mine = (await op('GET', '/api/installation/accounts')).body.find((t: { installation: boolean }) => t.installation);
    expect((await op('PUT', `/api/installation/accounts/${mine.id}`, { status: 'suspended' })).status).toBe(403);
    expect((await op('DELETE', `/api/installation/accounts/${mine.id}`)).status).toBe(403);
  });

  it('name further operators, who can then list accounts; an operator cannot remove themselves', async () => {
    const op = await operator();
    const second = await newAccount();
    expect((await netbird(second.token)('GET', '/api/installation/accounts')).status).toBe(404);
    expect((await op('POST', '/api/installation/operators', { email: second.owner.email })).status).toBe(201);
    expect((await netbird(second.token)('GET', '/api/installation/accounts')).status).toBe(200);
    expect((await op('GET', '/api/installation/operators')).body.map((o: { email: string }) => o.email)).toContain(second.owner.email);
    expect((await op('DELETE', `/api/installation/operators/${encodeURIComponent(inject('adminEmail'))}`)).status).toBe(403);
    expect((await op('DELETE', `/api/installation/operators/${encodeURIComponent(second.owner.email)}`)).status).toBe(200);
    expect((await netbird(second.token)('GET', '/api/installation/accounts')).status).toBe(404);
    expect((await op('POST', '/api/installation/operators', { email: 'nobody@nowhere.test' })).status).toBe(404);
  });
});

describe('a person in several accounts', () => {
  it('signs in to the account asked for or the last used one, and switches between them', async () => {
    const op = await operator();
    const label = newId().slice(-6).toLowerCase();
    // The operator owns the new account themselves: no invitation, active at once.
    const mine = await op('POST', '/api/installation/accounts', { name: `Mine ${label}`, domain: `${label}.mine.test`, owner_email: inject('adminEmail') });
    expect(mine.status).toBe(201);
    expect(mine.body.invite_url).toBeUndefined();
    expect(mine.body.owner_status).toBe('active');
    const s = await signIn(inject('adminEmail'), inject('adminPassword'));
    const me = console$(s.jar);
    const list = (await me('GET', '/api/console/session/accounts')).body;
    expect(list.operator).toBe(true);
    expect(list.accounts.map((a: { account_id: string }) => a.account_id)).toContain(mine.body.id);
    const home = list.accounts.find((a: { current: boolean }) => a.current).account_id;
    expect(home).not.toBe(mine.body.id);
    await switchTo(s.jar, mine.body.id);
    expect((await me('GET', '/api/accounts')).body[0].id).toBe(mine.body.id);
    expect((await me('GET', '/api/peers')).body).toEqual([]);
    // An account the person is not in: the session stays where it is.
    const foreign = await newAccount();
    await switchTo(s.jar, foreign.account.id);
    expect((await me('GET', '/api/accounts')).body[0].id).toBe(mine.body.id);
    await switchTo(s.jar, home);
    expect((await me('GET', '/api/accounts')).body[0].id).toBe(home);
    // At sign-in, by domain.
    const direct = await signInTo(inject('adminEmail'), inject('adminPassword'), `${label}.mine.test`);
    expect((await console$(direct)('GET', '/api/accounts')).body[0].id).toBe(mine.body.id);
    await op('DELETE', `/api/installation/accounts/${mine.body.id}`);
  });
});

async function signInTo(email: string, password: string, account: string) {
  const jar = new Map<string, string>();
  const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => { const [p] = c.split(';'); jar.set(p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)); });
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  const r = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, account, json: 'true', callbackUrl: '/app' }),
  });
  keep(r);
  return jar;
}

describe('suspending an account', () => {
  it('refuses its tokens, console sessions, agent syncs and Ziti sessions until resumed; others are untouched', async () => {
    const op = await operator();
    const t = await newAccount();
    const other = await newAccount();
    const nb = netbird(t.token);
    const key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    const agent = await register(key);
    expect(agent.status).toBe(201);
    const username = `u-${newId().slice(-8)}`;
    const zid = await createZitiIdentity(t.token, { name: `z-${newId().slice(-5)}`, type: 'User', enrollment_method: 'updb', username });
    expect((await ziti()('POST', `/enroll/updb?token=${zid.enrollment.token}`, { username, password: 'ziti-pass-1' })).status).toBe(200);
    const zitiSession = (await passwordLogin(username, 'ziti-pass-1')).body.data.token as string;
    const db = await testDb();
    await db.person.upsert({ where: { email: t.owner.email }, create: { email: t.owner.email, passwordHash: await hashPassword('tenant-password-1') }, update: { passwordHash: await hashPassword('tenant-password-1') } });
    const s = await signIn(t.owner.email, 'tenant-password-1');
    expect(s.ok).toBe(true);
    expect((await op('PUT', `/api/installation/accounts/${t.account.id}`, { status: 'suspended' })).body.status).toBe('suspended');
    expect((await nb('GET', '/api/peers')).status).toBe(403);
    expect((await console$(s.jar)('GET', '/api/peers')).status).toBe(403);
    expect((await sync(agent.body.peer_token)).status).toBe(403);
    expect((await register(key)).status).toBe(403);
    expect((await signIn(t.owner.email, 'tenant-password-1')).ok).toBe(false);
    expect((await passwordLogin(username, 'ziti-pass-1')).status).toBe(401);
    expect((await ziti(zitiSession)('GET', '/current-identity')).status).toBe(401);
    expect((await netbird(other.token)('GET', '/api/peers')).status).toBe(200);
    await op('PUT', `/api/installation/accounts/${t.account.id}`, { status: 'active' });
    expect((await nb('GET', '/api/peers')).status).toBe(200);
    expect((await sync(agent.body.peer_token)).status).toBe(200);
    expect((await signIn(t.owner.email, 'tenant-password-1')).ok).toBe(true);
    expect((await ziti(zitiSession)('GET', '/current-identity')).status).toBe(200);
  });
});

describe('ZeroTier network ids', () => {
  it('are per account: another account\'s id names a network of the caller\'s own, and B\'s is untouched', async () => {
    const a = zt((await newAccount()).token);
    const b = zt((await newAccount()).token);
    const theirs = await createNetwork(b, { name: 'b-net' });
    const mine = await a('POST', `/controller/network/${theirs.id}`, { name: 'a-net' });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: theirs.id, name: 'a-net', revision: 1 });
    expect((await b('GET', `/controller/network/${theirs.id}`)).body).toMatchObject({ name: 'b-net', revision: theirs.revision });
    expect((await a('GET', '/controller/network')).body).toEqual([theirs.id]);
    expect((await b('GET', '/controller/network')).body).toEqual([theirs.id]);
    expect((await a('DELETE', `/controller/network/${theirs.id}`)).status).toBe(200);
    expect((await b('GET', `/controller/network/${theirs.id}`)).body.name).toBe('b-net');
  });
});
