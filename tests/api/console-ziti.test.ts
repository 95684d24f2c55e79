// The console's Ziti services and sessions endpoints: GET /api/console/ziti/services (each service
// with the identities the policy engine lets Dial / Bind it — checked against what the Edge Client
// API answers those identities), GET /api/console/ziti/{api-sessions,sessions} and their DELETE
// (revoke; the revoked token is refused by the Edge Client API). Identities are created, enrolled
// and signed in over HTTP; errors are NetBird's `{message, code}`.
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@/lib/domain/ids';
import { openApiSession } from '@/lib/domain/ziti/api-sessions';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { insertPeer } from '../support/peers';
import { cookieHeader, signIn } from '../support/session';
import { expectZitiError, ziti } from '../support/ziti-client';
import { createZitiIdentity, passwordLogin } from '../support/ziti-helpers';

type IdentityRef = { id: string; name: string; disabled: boolean };
type Service = { id: string; name: string; address: string; network: { id: string; name: string }; role_attributes: string[]; dial_identities: IdentityRef[]; bind_identities: IdentityRef[]; edge_routers: { name: string }[] };
type ApiSession = { id: string; identity: { id: string; name: string }; ip: string; mfa: string; sessions: number; created_at: string; last_activity_at: string; expires_at: string; expired: boolean };
type Session = { id: string; type: string; identity: { id: string; name: string }; service: { id: string; name: string }; api_session_id: string; created_at: string };

let acct: Awaited<ReturnType<typeof newAccount>>;
let api: ReturnType<typeof netbird>;
const g = { devs: '', ops: '', web: '' };
const ids = { alice: '', bob: '', router: '', web: '', db: '', policy: '' };
const suffix = newId().slice(-6);
const alice = { username: `alice-${suffix}`, password: 'alice-password-1', token: '' };

const services = async (query = '', as = api) => (await as<Service[]>('GET', `/api/console/ziti/services${query}`)).body;
const byName = (list: Service[], name: string) => list.find((s) => s.name === name)!;
const names = (refs: IdentityRef[]) => refs.map((r) => r.name);
const policy = (sources: string[]) => ({ name: 'Ziti devs to web', enabled: true, rules: [{ name: 'web', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['443'], sources, destinations: [g.web] }] });

async function aliceSignsIn(): Promise<string> {
  const r = await passwordLogin(alice.username, alice.password);
  expect(r.status).toBe(200);
  return r.body.data.token;
}

beforeAll(async () => {
  acct = await newAccount();
  api = netbird(acct.token);
  const edge = await insertPeer(acct.account.id, 'edge');
  g.devs = (await api('POST', '/api/groups', { name: 'devs' })).body.id;
  g.ops = (await api('POST', '/api/groups', { name: 'ops' })).body.id;
  g.web = (await api('POST', '/api/groups', { name: 'web-g' })).body.id;
  const net = (await api('POST', '/api/networks', { name: 'office' })).body;
  expect((await api('POST', `/api/networks/${net.id}/routers`, { peer: edge.id, metric: 100, masquerade: true, enabled: true })).status).toBe(200);
  ids.web = (await api('POST', `/api/networks/${net.id}/resources`, { name: 'web', address: '10.30.0.10', enabled: true, groups: [g.web] })).body.id;
  ids.db = (await api('POST', `/api/networks/${net.id}/resources`, { name: 'db', address: '10.30.0.20', enabled: true, groups: [] })).body.id;
  ids.policy = (await api('POST', '/api/policies', policy([g.devs]))).body.id;

  const a = await createZitiIdentity(acct.token, { name: 'alice', role_attributes: ['devs'], enrollment_method: 'updb', username: alice.username });
  ids.alice = a.identity.id;
  expect((await ziti()('POST', `/enroll?method=updb&token=${a.enrollment.token}`, { username: alice.username, password: alice.password })).status).toBe(200);
  ids.bob = (await createZitiIdentity(acct.token, { name: 'bob', role_attributes: ['ops'] })).identity.id;
  ids.router = (await createZitiIdentity(acct.token, { name: 'edge-host', peer_id: edge.id })).identity.id;
  alice.token = await aliceSignsIn();
});

describe('GET /api/console/ziti/services', () => {
  it('lists every service with the identities that may Dial and Bind it, and its edge routers', async () => {
    const list = await services();
    expect(list.map((s) => s.name)).toEqual(['db', 'web']);
    const web = byName(list, 'web');
    expect(web).toMatchObject({ id: ids.web, address: '10.30.0.10', network: { name: 'office' }, role_attributes: ['web-g'] });
    expect(names(web.dial_identities)).toEqual(['alice']);
    expect(names(web.bind_identities)).toEqual(['edge-host']);
    expect(web.edge_routers.map((r) => r.name)).toEqual(['edge']);
    // Nothing lets anyone reach db (no group, no rule); its router may still host it.
    expect(names(byName(list, 'db').dial_identities)).toEqual([]);
    expect(names(byName(list, 'db').bind_identities)).toEqual(['edge-host']);
    // The same answer as the Edge Client API gives alice.
    const hers = await ziti(alice.token)('GET', '/services');
    expect(hers.body.data.map((s: { name: string; permissions: string[] }) => [s.name, s.permissions])).toEqual([['web', ['Dial']]]);
  });

  it('follows a NetBird policy change: the Dial identities move with the rule’s sources', async () => {
    expect((await api('PUT', `/api/policies/${ids.policy}`, policy([g.ops]))).status).toBe(200);
    expect(names(byName(await services(), 'web').dial_identities)).toEqual(['bob']);
    expect((await ziti(alice.token)('GET', '/services')).body.data).toEqual([]);
    expect((await api('PUT', `/api/policies/${ids.policy}`, policy([g.devs, g.ops]))).status).toBe(200);
    expect(names(byName(await services(), 'web').dial_identities)).toEqual(['alice', 'bob']);
    expect((await api('PUT', `/api/policies/${ids.policy}`, policy([g.devs]))).status).toBe(200);
    expect(names(byName(await services(), 'web').dial_identities)).toEqual(['alice']);
  });

  it('filters by name (contains, case-insensitive)', async () => {
    expect((await services('?name=WE')).map((s) => s.name)).toEqual(['web']);
    expect(await services('?name=nothing-like-it')).toEqual([]);
  });

  it('leaves out identities whose linked user is blocked, and flags disabled ones', async () => {
    const member = await newUser(acct.account.id, 'user');
    const carol = (await createZitiIdentity(acct.token, { name: 'carol', role_attributes: ['devs'], user_id: member.user.id })).identity.id;
    const db = await testDb();
    expect(byName(await services(), 'web').dial_identities).toEqual([{ id: ids.alice, name: 'alice', disabled: false }, { id: carol, name: 'carol', disabled: false }]);
    await db.zitiIdentity.update({ where: { id: carol }, data: { disabled: true } });
    expect(byName(await services(), 'web').dial_identities).toContainEqual({ id: carol, name: 'carol', disabled: true });
    await db.user.update({ where: { id: member.user.id }, data: { status: 'blocked' } });
    expect(names(byName(await services(), 'web').dial_identities)).toEqual(['alice']);
    expect((await api('DELETE', `/api/console/ziti/identities/${carol}`)).status).toBe(200);
  });
});

describe('API sessions and service sessions', () => {
  let dialId = '';

  it('lists the API sessions with identity, times, MFA state and session count', async () => {
    const bob = await (await testDb()).zitiIdentity.update({ where: { id: ids.bob }, data: { mfaEnabled: true } });
    await openApiSession(await testDb(), bob, { authenticatorId: '', ip: '192.0.2.7' });
    const dial = await ziti(alice.token)('POST', '/sessions', { serviceId: ids.web, type: 'Dial' });
    expect(dial.status).toBe(201);
    dialId = dial.body.data.id;

    const list = (await api<ApiSession[]>('GET', '/api/console/ziti/api-sessions')).body;
    const hers = list.filter((s) => s.identity.id === ids.alice);
    expect(hers).toHaveLength(1);
    expect(hers[0]).toMatchObject({ identity: { name: 'alice' }, mfa: 'not_required', sessions: 1, expired: false, ip: expect.any(String) });
    expect(Date.parse(hers[0].expires_at)).toBeGreaterThan(Date.now());
    // Both set when she signed in a moment ago (activity is refreshed at most every few seconds).
    expect(Math.abs(Date.parse(hers[0].last_activity_at) - Date.parse(hers[0].created_at))).toBeLessThan(60_000);
    expect(list.find((s) => s.identity.id === ids.bob)).toMatchObject({ mfa: 'pending', ip: '192.0.2.7', sessions: 0 });
    await (await testDb()).zitiIdentity.update({ where: { id: ids.bob }, data: { mfaEnabled: false } });
  });

  it('lists the service sessions and revokes one; the Edge Client API no longer knows it', async () => {
    const list = (await api<Session[]>('GET', '/api/console/ziti/sessions')).body;
    expect(list).toEqual([{ id: dialId, type: 'Dial', identity: { id: ids.alice, name: 'alice' }, service: { id: ids.web, name: 'web' }, api_session_id: expect.any(String), created_at: expect.any(String) }]);
    const r = await api('DELETE', `/api/console/ziti/sessions/${dialId}`);
    expect(r.status).toBe(200);
    expect((await api<Session[]>('GET', '/api/console/ziti/sessions')).body).toEqual([]);
    expectZitiError(await ziti(alice.token)('GET', `/sessions/${dialId}`), 404, 'NOT_FOUND');
    const ev = await (await testDb()).auditEvent.findFirstOrThrow({ where: { accountId: acct.account.id, targetId: dialId, activityCode: 'ziti.session.delete' } });
    expect(JSON.parse(ev.meta)).toMatchObject({ identity_name: 'alice', service_name: 'web', type: 'Dial' });
    expect(ev.initiatorId).toBe(acct.owner.id);
  });

  it('revokes an API session: its token gets 401 on the Edge Client API and its sessions end', async () => {
    const dial = await ziti(alice.token)('POST', '/sessions', { serviceId: ids.web, type: 'Dial' });
    expect(dial.status).toBe(201);
    const session = (await api<ApiSession[]>('GET', '/api/console/ziti/api-sessions')).body.find((s) => s.identity.id === ids.alice)!;
    expect(session.sessions).toBe(1);
    expect((await api('DELETE', `/api/console/ziti/api-sessions/${session.id}`)).status).toBe(200);
    expectZitiError(await ziti(alice.token)('GET', '/services'), 401, 'UNAUTHORIZED');
    expect((await api<Session[]>('GET', '/api/console/ziti/sessions')).body).toEqual([]);
    expect((await api<ApiSession[]>('GET', '/api/console/ziti/api-sessions')).body.some((s) => s.id === session.id)).toBe(false);
    const ev = await (await testDb()).auditEvent.findFirstOrThrow({ where: { accountId: acct.account.id, targetId: session.id } });
    expect(ev).toMatchObject({ activityCode: 'ziti.api-session.delete', source: 'netbird' });
    // Signing in again works: revoking ends a session, not the identity.
    alice.token = await aliceSignsIn();
  });

  it('answers unknown ids with 404 in NetBird’s shape', async () => {
    for (const path of ['/api/console/ziti/api-sessions/nosuchsession000000', '/api/console/ziti/sessions/nosuchsession000000']) {
      const r = await api('DELETE', path);
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ message: expect.stringContaining('nosuchsession000000'), code: 404 });
    }
  });
});

describe('tenancy and roles', () => {
  it('shows another account nothing of this one and lets it revoke nothing', async () => {
    const other = await newAccount();
    const theirs = netbird(other.token);
    expect((await theirs('GET', '/api/console/ziti/services')).body).toEqual([]);
    expect((await theirs('GET', '/api/console/ziti/api-sessions')).body).toEqual([]);
    expect((await theirs('GET', '/api/console/ziti/sessions')).body).toEqual([]);
    const mine = (await api<ApiSession[]>('GET', '/api/console/ziti/api-sessions')).body.find((s) => s.identity.id === ids.alice)!;
    expect((await theirs('DELETE', `/api/console/ziti/api-sessions/${mine.id}`)).status).toBe(404);
    const dial = await ziti(alice.token)('POST', '/sessions', { serviceId: ids.web, type: 'Dial' });
    expect((await theirs('DELETE', `/api/console/ziti/sessions/${dial.body.data.id}`)).status).toBe(404);
    expect((await ziti(alice.token)('GET', '/current-api-session')).status).toBe(200);
    expect((await ziti(alice.token)('GET', `/sessions/${dial.body.data.id}`)).status).toBe(200);
  });

  it('lets auditors read but not revoke, and regular users neither', async () => {
    const auditor = netbird((await newUser(acct.account.id, 'auditor')).token);
    const user = netbird((await newUser(acct.account.id, 'user')).token);
    const session = (await api<ApiSession[]>('GET', '/api/console/ziti/api-sessions')).body.find((s) => s.identity.id === ids.alice)!;
    for (const path of ['/api/console/ziti/services', '/api/console/ziti/api-sessions', '/api/console/ziti/sessions']) {
      expect((await auditor('GET', path)).status).toBe(200);
      expect((await user('GET', path)).status).toBe(403);
    }
    expect((await auditor('DELETE', `/api/console/ziti/api-sessions/${session.id}`)).status).toBe(403);
    expect((await user('DELETE', `/api/console/ziti/api-sessions/${session.id}`)).status).toBe(403);
    expect((await ziti(alice.token)('GET', '/current-api-session')).status).toBe(200);
  });

  it('works from the console with the session cookie', async () => {
    const s = await signIn(acct.owner.email, 'owner-password-123');
    const console_ = netbird({ cookie: cookieHeader(s.jar) });
    expect(names(byName(await services('', console_), 'web').dial_identities)).toEqual(['alice']);
    const session = (await console_<ApiSession[]>('GET', '/api/console/ziti/api-sessions')).body.find((x) => x.identity.id === ids.alice)!;
    expect((await console_('DELETE', `/api/console/ziti/api-sessions/${session.id}`)).status).toBe(200);
    expectZitiError(await ziti(alice.token)('GET', '/current-api-session'), 401, 'UNAUTHORIZED');
    const ev = await (await testDb()).auditEvent.findFirstOrThrow({ where: { accountId: acct.account.id, targetId: session.id } });
    expect(ev.source).toBe('console');
  });
});
