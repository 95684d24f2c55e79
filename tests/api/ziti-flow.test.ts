// The OpenZiti client flow end to end over HTTP, as an SDK drives it: an admin creates an identity
// with enrollment tokens in meshdeck; the client enrolls with a CSR (its certificate verifies against
// the CA bundle from /.well-known/est/cacerts) and with a password, authenticates both ways, enrolls
// TOTP MFA (codes computed here), lists the services it may dial, opens a Dial session, is refused
// one the policy denies, and logs out. Every Edge Client API response is validated against the spec.
import { TOTP, URI } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@/lib/domain/ids';
import { authHeaders, newAccount, testDb } from '../support/fixtures';
import { sendJson } from '../support/http';
import { insertGroup, insertPeer, insertPolicy } from '../support/peers';
import { expectZitiError, ziti } from '../support/ziti-client';
import { certLogin, createZitiIdentity, enrollOtt, passwordLogin } from '../support/ziti-helpers';
import { makeCsr, x509 } from '../support/ziti-pki';

let token = '';
let accountId = '';
const svc = { web: '', db: '' };

beforeAll(async () => {
  const db = await testDb();
  const acct = await newAccount();
  token = acct.token;
  accountId = acct.account.id;
  // NetBird policy: the "devs" group may reach the resources of group "web-g", nothing reaches "db-g".
  const router = await insertPeer(accountId, 'edge');
  const devs = await insertGroup(accountId, 'devs');
  const webG = await insertGroup(accountId, 'web-g');
  const dbG = await insertGroup(accountId, 'db-g');
  await insertPolicy(accountId, { sources: [devs.id], destinations: [webG.id], protocol: 'tcp', ports: ['443'] });
  const net = await db.network.create({ data: { id: newId(), accountId, name: 'office' } });
  await db.networkRouter.create({ data: { id: newId(), accountId, networkId: net.id, peer: router.id } });
  for (const [key, address, groupId] of [['web', '10.20.0.10/32', webG.id], ['db', '10.20.0.20/32', dbG.id]] as const) {
    const r = await db.networkResource.create({ data: { id: newId(), accountId, networkId: net.id, name: key, address, type: 'host' } });
    await db.groupResource.create({ data: { groupId, resourceId: r.id } });
    svc[key] = r.id;
  }
});


describe('OpenZiti client flow', () => {
  const state = { identityId: '', ott: '', updb: '', username: `flow-${newId().slice(-6)}`, password: 'flow-password-1', cert: '', session: '' };

  it('an admin creates an identity with an enrollment token (and a second one for a password)', async () => {
    const r = await createZitiIdentity(token, { name: 'flow-laptop', type: 'Device', role_attributes: ['devs'], enrollment_method: 'ott' });
    state.identityId = r.identity.id;
    state.ott = r.enrollment.token;
    expect(r.enrollment.jwt.split('.')).toHaveLength(3);
    const u = await sendJson('POST', `/api/console/ziti/identities/${state.identityId}/enrollments`, authHeaders(token), { enrollment_method: 'updb', username: state.username });
    expect(u.status).toBe(200);
    state.updb = u.body.token;
  });

  it('enrolls with a CSR; the certificate verifies against /.well-known/est/cacerts; the token works once', async () => {
    const bad = await ziti()('POST', `/enroll?method=ott&token=${state.ott}`, '-----BEGIN CERTIFICATE REQUEST-----\nnot a csr\n-----END CERTIFICATE REQUEST-----\n', { contentType: 'application/x-pem-file' });
    expect(bad.status).toBe(400);
    const r = await enrollOtt(state.ott);
    expect(r.status).toBe(200);
    const cert = new x509.X509Certificate(r.body.data.cert);
    const cacerts = await ziti()('GET', '/.well-known/est/cacerts');
    expect(cacerts.status).toBe(200);
    const cas = new x509.X509Certificates(Buffer.from(cacerts.text.replace(/\s+/g, ''), 'base64'));
    const issuer = cas.find((c) => c.subject === cert.issuer);
    expect(issuer).toBeDefined();
    expect(await cert.verify({ publicKey: issuer!.publicKey, signatureOnly: true })).toBe(true);
    state.cert = r.body.data.cert;
    const again = await ziti()('POST', `/enroll?method=ott&token=${state.ott}`, (await makeCsr('again')).pem, { contentType: 'application/x-pem-file' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toMatch(/INVALID_ENROLLMENT_TOKEN|ENROLLMENT_EXPIRED/);
  });

  it('enrolls a password and authenticates by password and by certificate', async () => {
    const e = await ziti()('POST', `/enroll?method=updb&token=${state.updb}`, { username: state.username, password: state.password });
    expect(e.status).toBe(200);
    expectZitiError(await passwordLogin(state.username, 'not-the-password'), 401, 'INVALID_AUTH');
    const pw = await passwordLogin(state.username, state.password);
    expect(pw.status).toBe(200);
    expect(pw.body.data.identityId).toBe(state.identityId);
    const byCert = await certLogin(state.cert);
    expect(byCert.status).toBe(200);
    expect(byCert.body.data.identityId).toBe(state.identityId);
    const me = await ziti(byCert.body.data.token)('GET', '/current-identity');
    expect(me.status).toBe(200);
    expect(me.body.data.id).toBe(state.identityId);
  });

  it('enrolls TOTP MFA; afterwards authentication needs the MFA step before anything else', async () => {
    const session = (await passwordLogin(state.username, state.password)).body.data.token;
    const call = ziti(session);
    expect((await call('POST', '/current-identity/mfa')).status).toBe(201);
    const mfa = await call('GET', '/current-identity/mfa');
    const totp = URI.parse(mfa.body.data.provisioningUrl) as TOTP;
    const wrongCode = totp.generate({ timestamp: Date.now() + 10 * 60_000 });
    const wrong = await call('POST', '/current-identity/mfa/verify', { code: wrongCode === totp.generate() ? '000000' : wrongCode });
    expectZitiError(wrong, 400, 'MFA_INVALID_TOKEN');
    expect((await call('POST', '/current-identity/mfa/verify', { code: totp.generate() })).status).toBe(200);

    const partial = (await passwordLogin(state.username, state.password)).body;
    expect(partial.data.authQueries).toEqual([expect.objectContaining({ typeId: 'MFA' })]);
    const blocked = await ziti(partial.data.token)('GET', '/services');
    expectZitiError(blocked, 401, 'UNAUTHORIZED');
    expect((await ziti(partial.data.token)('POST', '/authenticate/mfa', { code: totp.generate() })).status).toBe(200);
    state.session = partial.data.token;
    expect((await ziti(state.session)('GET', '/services')).status).toBe(200);
  });

  it('lists the services it may dial, opens a Dial session, is refused a denied service, logs out', async () => {
    const call = ziti(state.session);
    const list = await call('GET', '/services?configTypes=intercept.v1');
    expect(list.body.data.map((s: { name: string; permissions: string[] }) => [s.name, s.permissions])).toEqual([['web', ['Dial']]]);
    expect(list.body.data[0].config['intercept.v1'].addresses).toEqual(['10.20.0.10/32']);
    const count = async () => (await testDb()).zitiSession.count({ where: { identityId: state.identityId } });
    const dial = await call('POST', '/sessions', { serviceId: svc.web, type: 'Dial' });
    expect(dial.status).toBe(201);
    expect(dial.body.data).toMatchObject({ type: 'Dial', serviceId: svc.web, identityId: state.identityId });
    expect(dial.body.data.edgeRouters.map((r: { name: string }) => r.name)).toEqual(['edge']);
    expect(await count()).toBe(1);
    const denied = await call('POST', '/sessions', { serviceId: svc.db, type: 'Dial' });
    expectZitiError(denied, 404, 'NOT_FOUND');
    const bind = await call('POST', '/sessions', { serviceId: svc.web, type: 'Bind' });
    expectZitiError(bind, 400, 'INVALID_FIELD');
    expect(await count()).toBe(1);

    const out = await call('DELETE', '/current-api-session');
    expect(out.status).toBe(200);
    expectZitiError(await call('GET', '/services'), 401, 'UNAUTHORIZED');
    expectZitiError(await ziti()('POST', '/sessions', { serviceId: svc.web }), 401, 'UNAUTHORIZED');
    // Logging out ends the API session's sessions too.
    expect(await count()).toBe(0);
  });
});
