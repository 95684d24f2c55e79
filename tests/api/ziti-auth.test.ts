// OpenZiti Edge Client API, authentication side: informational endpoints, the CA, enrollment
// (ott with a CSR, updb), password and certificate authentication, API sessions (expiry, refresh,
// logout), session certificates, current identity and authenticators. Every response is validated
// against the official Swagger spec by the client; bad input must store nothing.
import { createVerify, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminWithToken, authHeaders, newAccount, newUser, testDb } from '../support/fixtures';
import { sendJson } from '../support/http';
import { expectZitiError, ziti } from '../support/ziti-client';
import { certLogin, createZitiIdentity, enrollOtt, passwordLogin } from '../support/ziti-helpers';
import { makeCsr, x509 } from '../support/ziti-pki';

let adminToken: string;
const uniq = () => Math.random().toString(36).slice(2, 8);

async function caFromCacerts() {
  const r = await ziti()('GET', '/.well-known/est/cacerts');
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toContain('application/pkcs7-mime');
  const bundle = new x509.X509Certificates(Buffer.from(r.text, 'base64'));
  expect(bundle).toHaveLength(1);
  return bundle[0];
}

beforeAll(async () => {
  adminToken = (await adminWithToken('ziti-auth')).token;
});

describe('informational endpoints', () => {
  it('serves version, protocols, capabilities and the bundled spec', async () => {
    const call = ziti();
    for (const path of ['/', '/version']) {
      const v = await call('GET', path);
      expect(v.status).toBe(200);
      expect(v.body.data.apiVersions['edge-client'].v1.path).toBe('/edge/client/v1');
    }
    expect((await call('GET', '/protocols')).body.data.http.address).toMatch(/:\d+$/);
    expect((await call('GET', '/enumerated-capabilities')).body.data).toEqual([]);
    const specs = await call('GET', '/specs');
    expect(specs.body.data.map((s: { id: string }) => s.id)).toEqual(['edge-client']);
    expect((await call('GET', '/specs/edge-client')).body.data.name).toBe('edge-client');
    expect((await call('GET', '/specs/edge-client/spec')).body.data).toContain('swagger: "2.0"');
    expect((await call('GET', '/external-jwt-signers')).body.data).toEqual([]);
  });

  it('publishes the CA as PKCS#7, a JWKS, signed network JWTs and answers nonce challenges', async () => {
    const ca = await caFromCacerts();
    expect(ca.subject).toContain('meshdeck Ziti CA');
    expect(await ca.verify({ signatureOnly: true })).toBe(true);
    const call = ziti();
    const jwks = (await call('GET', '/enroll/jwks')).body;
    expect(jwks.keys).toHaveLength(1);
    const key = createPublicKey({ key: jwks.keys[0], format: 'jwk' });
    const [jwt] = (await call('GET', '/network-jwts')).body.data;
    const [h, p, s] = jwt.token.split('.');
    expect(createVerify('sha256').update(`${h}.${p}`).verify({ key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))).toBe(true);
    const nonce = crypto.randomUUID();
    const ch = await call('POST', '/enroll/challenge', { nonce, keyId: jwks.keys[0].kid });
    expect(ch.status).toBe(200);
    expect(createVerify('sha256').update(nonce).verify({ key, dsaEncoding: 'ieee-p1363' }, Buffer.from(ch.body.signature, 'base64url'))).toBe(true);
    expect((await call('POST', '/enroll/challenge', { nonce: 'not-a-uuid', keyId: 'x' })).status).toBe(400);
  });

  it('answers the enrollment kinds meshdeck does not offer with Ziti errors', async () => {
    const call = ziti();
    expectZitiError(await call('POST', '/enroll/ca'), 400, 'ENROLLMENT_NO_VALID_CAS');
    expectZitiError(await call('POST', '/enroll/ottca', {}), 400, 'ENROLLMENT_NO_VALID_CAS');
    expectZitiError(await call('POST', '/enroll/erott', {}), 400, 'INVALID_ENROLLMENT_TOKEN');
    expectZitiError(await call('POST', '/enroll/extend/router', { certCsr: 'x', serverCertCsr: 'y' }), 401, 'UNAUTHORIZED');
    expectZitiError(await call('POST', '/authenticate?method=ext-jwt', {}), 401, 'INVALID_AUTH');
    expectZitiError(await call('POST', '/authenticate?method=magic', {}), 400, 'COULD_NOT_VALIDATE');
  });
});

describe('identities in meshdeck', () => {
  it('only admins create identities; another account cannot see or delete them', async () => {
    const other = await newAccount();
    const { token: userToken } = await newUser(other.account.id, 'user');
    const name = `id-${uniq()}`;
    expect((await sendJson('POST', '/api/console/ziti/identities', authHeaders(userToken), { name })).status).toBe(403);
    expect((await sendJson('POST', '/api/console/ziti/identities', {}, { name })).status).toBe(401);
    const created = await createZitiIdentity(adminToken, { name, role_attributes: ['web'] });
    expect(created.enrollment.jwt.split('.')).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(created.enrollment.jwt.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: created.identity.id, em: 'ott', jti: created.enrollment.token });
    const row = await (await testDb()).zitiEnrollment.findUniqueOrThrow({ where: { id: created.enrollment.id } });
    expect(row.tokenHash).not.toContain(created.enrollment.token);
    expect((await sendJson('GET', '/api/console/ziti/identities', authHeaders(other.token))).body).toEqual([]);
    expect((await sendJson('DELETE', `/api/console/ziti/identities/${created.identity.id}`, authHeaders(other.token))).status).toBe(404);
    expect((await sendJson('POST', '/api/console/ziti/identities', authHeaders(adminToken), { name })).status).toBe(409);
  });
});

describe('ott enrollment and certificate authentication', () => {
  it('signs the CSR into a client certificate that chains to the published CA, once', async () => {
    const { identity, enrollment } = await createZitiIdentity(adminToken, { name: `dev-${uniq()}`, type: 'Device' });
    const r = await enrollOtt(enrollment.token);
    expect(r.status).toBe(200);
    const cert = new x509.X509Certificate(r.body.data.cert);
    expect(cert.subject).toBe(`CN=${identity.id}`);
    expect(await cert.verify({ publicKey: (await caFromCacerts()).publicKey })).toBe(true);
    const db = await testDb();
    expect(await db.zitiAuthenticator.count({ where: { identityId: identity.id, method: 'cert' } })).toBe(1);

    expectZitiError(await enrollOtt(enrollment.token), 400, 'INVALID_ENROLLMENT_TOKEN');
    expect(await db.zitiAuthenticator.count({ where: { identityId: identity.id } })).toBe(1);

    const login = await certLogin(r.body.data.cert);
    expect(login.status).toBe(200);
    expect(login.body.data.identityId).toBe(identity.id);
    expect(login.body.data.isCertExtendable).toBe(true);
    const me = await ziti(login.body.data.token)('GET', '/current-identity');
    expect(me.body.data).toMatchObject({ id: identity.id, typeId: 'Device', authenticators: { cert: { fingerprint: expect.any(String) } } });
  });

  it('refuses malformed CSRs, bad and expired tokens without storing anything', async () => {
    const { identity, enrollment } = await createZitiIdentity(adminToken, { name: `bad-${uniq()}` });
    const call = ziti();
    const db = await testDb();
    const bad = (csr: string) => call('POST', `/enroll?method=ott&token=${enrollment.token}`, csr, { contentType: 'application/x-pem-file' });
    expectZitiError(await bad('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n'), 400, 'MISSING_OR_INVALID_CSR');
    expectZitiError(await call('POST', `/enroll?method=ott&token=${enrollment.token}`, { clientCsr: 'nonsense' }), 400, 'MISSING_OR_INVALID_CSR');
    expectZitiError(await call('POST', `/enroll/ott`, { token: enrollment.token }), 400, 'MISSING_OR_INVALID_CSR');
    expectZitiError(await call('POST', '/enroll?method=ott&token=00000000-0000-0000-0000-000000000000', (await makeCsr()).pem, { contentType: 'text/plain' }), 400, 'INVALID_ENROLLMENT_TOKEN');
    expectZitiError(await call('POST', `/enroll?method=updb&token=${enrollment.token}`, { password: 'whatever-1' }), 400, 'INVALID_ENROLL_METHOD');
    expect((await db.zitiEnrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).usedAt).toBeNull();
    await db.zitiEnrollment.update({ where: { id: enrollment.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectZitiError(await enrollOtt(enrollment.token), 400, 'ENROLLMENT_EXPIRED');
    expect(await db.zitiAuthenticator.count({ where: { identityId: identity.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { activityCode: 'ziti.identity.enroll', targetId: identity.id } })).toBe(0);
  });

  it('accepts the whole enrollment JWT as the token', async () => {
    const { enrollment } = await createZitiIdentity(adminToken, { name: `jwt-${uniq()}` });
    expect((await enrollOtt(enrollment.jwt)).status).toBe(200);
  });

  it('refuses certificates it did not issue, and missing certificates', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const foreign = await x509.X509CertificateGenerator.createSelfSigned({ name: 'CN=evil', keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } });
    expectZitiError(await certLogin(foreign.toString('pem')), 401, 'INVALID_AUTH');
    expectZitiError(await ziti()('POST', '/authenticate?method=cert', {}), 401, 'INVALID_AUTH');
  });

  it('extends a certificate: the new one works after extend-verify, the old one stops', async () => {
    const { enrollment } = await createZitiIdentity(adminToken, { name: `ext-${uniq()}` });
    const oldCert = (await enrollOtt(enrollment.token)).body.data.cert;
    const session = (await certLogin(oldCert)).body.data.token;
    const call = ziti(session);
    const [auth] = (await call('GET', '/current-identity/authenticators')).body.data;
    expect(auth.method).toBe('cert');
    const ext = await call('POST', `/current-identity/authenticators/${auth.id}/extend`, { clientCertCsr: (await makeCsr()).pem });
    expect(ext.status).toBe(200);
    expectZitiError(await call('POST', `/current-identity/authenticators/${auth.id}/extend-verify`, { clientCert: oldCert }), 400, 'INVALID_CLIENT_CERT');
    expect((await certLogin(oldCert)).status).toBe(200);
    expect((await call('POST', `/current-identity/authenticators/${auth.id}/extend-verify`, { clientCert: ext.body.data.clientCert })).status).toBe(200);
    expectZitiError(await certLogin(oldCert), 401, 'INVALID_AUTH');
    expect((await certLogin(ext.body.data.clientCert)).status).toBe(200);
  });
});

describe('updb enrollment, password authentication and API sessions', () => {
  const username = `user-${uniq()}`;
  let identityId: string;

  beforeAll(async () => {
    const created = await createZitiIdentity(adminToken, { name: `pw-${uniq()}`, type: 'User', enrollment_method: 'updb', username });
    identityId = created.identity.id;
    const r = await ziti()('POST', `/enroll/updb?token=${created.enrollment.token}`, { username, password: 'first-pass-1' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it('authenticates by password; wrong passwords and unknown users get INVALID_AUTH', async () => {
    const ok = await passwordLogin(username, 'first-pass-1');
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ identityId, isMfaRequired: false, authQueries: [] });
    expectZitiError(await passwordLogin(username, 'wrong-pass-1'), 401, 'INVALID_AUTH');
    expectZitiError(await passwordLogin('nobody-here', 'first-pass-1'), 401, 'INVALID_AUTH');
  });

  it('accepts the session as zt-session or Bearer, refreshes it on use, and refuses missing or expired ones', async () => {
    const token = (await passwordLogin(username, 'first-pass-1')).body.data.token;
    const db = await testDb();
    const row = await db.zitiApiSession.findFirstOrThrow({ where: { identityId }, orderBy: { createdAt: 'desc' } });
    await db.zitiApiSession.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() + 10_000) } });
    const cur = await ziti(token)('GET', '/current-api-session', undefined, { bearer: true });
    expect(cur.status).toBe(200);
    expect(cur.body.data.token).toBe(token);
    expect(cur.body.data.expirationSeconds).toBeGreaterThan(1000);
    expect((await db.zitiApiSession.findUniqueOrThrow({ where: { id: row.id } })).expiresAt.getTime()).toBeGreaterThan(Date.now() + 1000_000);

    expectZitiError(await ziti()('GET', '/current-identity'), 401, 'UNAUTHORIZED');
    expectZitiError(await ziti('00000000-0000-0000-0000-000000000000')('GET', '/current-identity'), 401, 'UNAUTHORIZED');
    await db.zitiApiSession.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectZitiError(await ziti(token)('GET', '/current-api-session'), 401, 'UNAUTHORIZED');
  });

  it('issues session certificates from a CSR and removes them', async () => {
    const call = ziti((await passwordLogin(username, 'first-pass-1')).body.data.token);
    expectZitiError(await call('POST', '/current-api-session/certificates', { csr: 'garbage' }), 400, 'MISSING_OR_INVALID_CSR');
    expect((await call('GET', '/current-api-session/certificates')).body.data).toEqual([]);
    const created = await call('POST', '/current-api-session/certificates', { csr: (await makeCsr()).pem });
    expect(created.status).toBe(201);
    const cert = new x509.X509Certificate(created.body.data.certificate);
    expect(await cert.verify({ publicKey: (await caFromCacerts()).publicKey })).toBe(true);
    const id = created.body.data.id;
    expect((await call('GET', `/current-api-session/certificates/${id}`)).body.data.subject).toBe(`CN=${identityId}`);
    expect((await call('GET', '/current-api-session/certificates')).body.data).toHaveLength(1);
    expect((await call('DELETE', `/current-api-session/certificates/${id}`)).status).toBe(200);
    expectZitiError(await call('GET', `/current-api-session/certificates/${id}`), 404, 'NOT_FOUND');
  });

  it('changes the password only with the current one', async () => {
    const call = ziti((await passwordLogin(username, 'first-pass-1')).body.data.token);
    const list = await call('GET', '/current-identity/authenticators');
    const updb = list.body.data.find((a: { method: string }) => a.method === 'updb');
    expect(updb.username).toBe(username);
    expect((await call('GET', `/current-identity/authenticators/${updb.id}`)).body.data.id).toBe(updb.id);
    expectZitiError(await call('PUT', `/current-identity/authenticators/${updb.id}`, { currentPassword: 'wrong-pass-1', username, password: 'second-pass-2' }), 401, 'UNAUTHORIZED');
    expectZitiError(await call('PATCH', `/current-identity/authenticators/${updb.id}`, { password: 'second-pass-2' }), 400, 'COULD_NOT_VALIDATE');
    expect((await call('PATCH', `/current-identity/authenticators/${updb.id}`, { currentPassword: 'first-pass-1', password: 'second-pass-2' })).status).toBe(200);
    expectZitiError(await passwordLogin(username, 'first-pass-1'), 401, 'INVALID_AUTH');
    expect((await passwordLogin(username, 'second-pass-2')).status).toBe(200);
    expectZitiError(await call('GET', '/current-identity/authenticators/unknown'), 404, 'NOT_FOUND');
  });

  it('logs out', async () => {
    const token = (await passwordLogin(username, 'second-pass-2')).body.data.token;
    expect((await ziti(token)('DELETE', '/current-api-session')).status).toBe(200);
    expectZitiError(await ziti(token)('GET', '/current-api-session'), 401, 'UNAUTHORIZED');
  });
});

describe('failed authentication limits', () => {
  const attempt = (username: string, password: string, ip: string) =>
    ziti()('POST', '/authenticate?method=password', { username, password }, { headers: { 'X-Forwarded-For': ip } });

  it('answers 429 RATE_LIMITED after 20 failures for a user name from one address, even with the right password; other addresses are not locked out', async () => {
    const username = `limited-${uniq()}`;
    const created = await createZitiIdentity(adminToken, { name: username, enrollment_method: 'updb', username });
    expect((await ziti()('POST', `/enroll/updb?token=${created.enrollment.token}`, { username, password: 'right-pass-1' })).status).toBe(200);
    const db = await testDb();
    const sessionsBefore = await db.zitiApiSession.count({ where: { identityId: created.identity.id } });
    const guesser = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    for (let i = 0; i < 20; i++) expectZitiError(await attempt(username, `wrong-${i}`, guesser), 401, 'INVALID_AUTH');
    expectZitiError(await attempt(username, 'right-pass-1', guesser), 429, 'RATE_LIMITED');
    expect(await db.zitiApiSession.count({ where: { identityId: created.identity.id } })).toBe(sessionsBefore);
    // Whoever guesses (in another account or none) cannot lock the user out from their own address.
    expect((await attempt(username, 'right-pass-1', '198.51.100.250')).status).toBe(200);
  });

  it('limits one address across user names; a success gives back only its own attempt', async () => {
    const username = `iplimit-${uniq()}`;
    const created = await createZitiIdentity(adminToken, { name: username, enrollment_method: 'updb', username });
    expect((await ziti()('POST', `/enroll/updb?token=${created.enrollment.token}`, { username, password: 'right-pass-2' })).status).toBe(200);
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    for (let i = 0; i < 19; i++) expectZitiError(await attempt(`ghost-${uniq()}`, 'nope-nope-1', ip), 401, 'INVALID_AUTH');
    // A success does not wipe the address's failures (one valid account would reset the limit).
    expect((await attempt(username, 'right-pass-2', ip)).status).toBe(200);
    expectZitiError(await attempt(`ghost-${uniq()}`, 'nope-nope-1', ip), 401, 'INVALID_AUTH');
    expectZitiError(await attempt(`ghost-${uniq()}`, 'nope-nope-1', ip), 429, 'RATE_LIMITED');
    expectZitiError(await attempt(username, 'right-pass-2', ip), 429, 'RATE_LIMITED');
    expect((await attempt(username, 'right-pass-2', '192.0.2.9')).status).toBe(200);
  });
});
