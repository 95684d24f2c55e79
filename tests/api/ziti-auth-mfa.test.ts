// OpenZiti MFA: TOTP enrollment (codes computed here with otpauth), the QR code, verification, the
// MFA gate on later sessions (partial until POST /authenticate/mfa), recovery codes, removal.
import { URI } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminWithToken, testDb } from '../support/fixtures';
import { expectZitiError, ziti } from '../support/ziti-client';
import { createZitiIdentity, passwordLogin } from '../support/ziti-helpers';

const username = `mfa-${Math.random().toString(36).slice(2, 8)}`;
const password = 'mfa-password-1';
let identityId: string;
let totp: { generate(): string };
let recoveryCodes: string[];

const login = async () => (await passwordLogin(username, password)).body.data;

beforeAll(async () => {
  const { token } = await adminWithToken('ziti-mfa');
  const created = await createZitiIdentity(token, { name: `mfa-${username}`, enrollment_method: 'updb', username });
  identityId = created.identity.id;
  expect((await ziti()('POST', `/enroll?method=updb&token=${created.enrollment.token}`, { password })).status).toBe(200);
});

describe('MFA enrollment', () => {
  it('starts, shows the provisioning URL, QR code and recovery codes until verified', async () => {
    const call = ziti((await login()).token);
    expectZitiError(await call('GET', '/current-identity/mfa'), 404, 'NOT_FOUND');
    expect((await call('POST', '/current-identity/mfa')).status).toBe(201);
    expectZitiError(await call('POST', '/current-identity/mfa'), 409, 'MFA_EXISTS');
    const mfa = (await call('GET', '/current-identity/mfa')).body.data;
    expect(mfa.isVerified).toBe(false);
    expect(mfa.provisioningUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(mfa.recoveryCodes).toHaveLength(20);
    recoveryCodes = mfa.recoveryCodes;
    totp = URI.parse(mfa.provisioningUrl) as unknown as { generate(): string };
    const qr = await call('GET', '/current-identity/mfa/qr-code');
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(qr.text, 'base64').subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const row = await (await testDb()).zitiIdentity.findUniqueOrThrow({ where: { id: identityId } });
    expect(row.mfaSecret).toMatch(/^v1\./);
    expect(row.mfaSecret).not.toContain(new URL(mfa.provisioningUrl).searchParams.get('secret'));
  });

  it('refuses a wrong code and stays unverified; a right code completes enrollment', async () => {
    const call = ziti((await login()).token);
    expectZitiError(await call('POST', '/current-identity/mfa/verify', { code: '000000' === totp.generate() ? '111111' : '000000' }), 400, 'MFA_INVALID_TOKEN');
    expect((await (await testDb()).zitiIdentity.findUniqueOrThrow({ where: { id: identityId } })).mfaEnabled).toBe(false);
    expect((await call('POST', '/current-identity/mfa/verify', { code: totp.generate() })).status).toBe(200);
    const mfa = (await call('GET', '/current-identity/mfa')).body.data;
    expect(mfa).toMatchObject({ isVerified: true });
    expect(mfa.provisioningUrl).toBeUndefined();
    expectZitiError(await call('GET', '/current-identity/mfa/qr-code'), 404, 'NOT_FOUND');
    const stored = (await (await testDb()).zitiIdentity.findUniqueOrThrow({ where: { id: identityId } })).mfaRecoveryCodes;
    for (const c of recoveryCodes) expect(stored).not.toContain(c);
    // The session that verified counts as MFA-complete.
    expect((await call('GET', '/current-identity')).body.data.isMfaEnabled).toBe(true);
  });
});

describe('the MFA gate', () => {
  it('makes new sessions partial until POST /authenticate/mfa succeeds', async () => {
    const session = await login();
    expect(session).toMatchObject({ isMfaRequired: true, isMfaComplete: false });
    expect(session.authQueries).toEqual([expect.objectContaining({ provider: 'ziti', typeId: 'MFA' })]);
    const call = ziti(session.token);
    expectZitiError(await call('GET', '/current-identity'), 401, 'UNAUTHORIZED');
    expectZitiError(await call('GET', '/current-api-session/certificates'), 401, 'UNAUTHORIZED');
    expect((await call('GET', '/current-api-session')).status).toBe(200);
    expectZitiError(await call('POST', '/authenticate/mfa', { code: 'abcdef' }), 401, 'MFA_INVALID_TOKEN');
    expectZitiError(await call('GET', '/current-identity'), 401, 'UNAUTHORIZED');
    expect((await call('POST', '/authenticate/mfa', { code: totp.generate() })).status).toBe(200);
    expect((await call('GET', '/current-identity')).status).toBe(200);
    expect((await call('GET', '/current-api-session')).body.data.isMfaComplete).toBe(true);
  });

  it('issues a TOTP token for posture checks only to a complete session with a valid code', async () => {
    const call = ziti((await login()).token);
    expectZitiError(await call('POST', '/current-api-session/totp-token', { code: totp.generate() }), 401, 'UNAUTHORIZED');
    expect((await call('POST', '/authenticate/mfa', { code: totp.generate() })).status).toBe(200);
    expectZitiError(await call('POST', '/current-api-session/totp-token', { code: '12345' }), 400, 'MFA_INVALID_TOKEN');
    expectZitiError(await call('POST', '/current-api-session/totp-token', { code: recoveryCodes[1] }), 400, 'MFA_INVALID_TOKEN');
    expectZitiError(await call('POST', '/current-api-session/totp-token', {}), 400, 'COULD_NOT_VALIDATE');
    const before = Date.now();
    const issued = await call('POST', '/current-api-session/totp-token', { code: totp.generate() });
    expect(issued.status).toBe(200);
    expect(issued.body.data.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(issued.body.data.issuedAt)).toBeGreaterThanOrEqual(before - 1000);
    const again = await call('POST', '/current-api-session/totp-token', { code: totp.generate() });
    expect(again.body.data.token).not.toBe(issued.body.data.token);
  });

  it('accepts a recovery code once', async () => {
    const first = ziti((await login()).token);
    expect((await first('POST', '/authenticate/mfa', { code: recoveryCodes[0] })).status).toBe(200);
    const second = ziti((await login()).token);
    expectZitiError(await second('POST', '/authenticate/mfa', { code: recoveryCodes[0] }), 401, 'MFA_INVALID_TOKEN');
  });

  it('regenerates recovery codes with a valid code, and removes MFA only with one', async () => {
    const call = ziti((await login()).token);
    expect((await call('POST', '/authenticate/mfa', { code: totp.generate() })).status).toBe(200);
    const remaining = await call('GET', '/current-identity/mfa/recovery-codes', undefined, { headers: { 'mfa-validation-code': totp.generate() } });
    expect(remaining.body.data.recoveryCodes).toHaveLength(19);
    expectZitiError(await call('GET', '/current-identity/mfa/recovery-codes', undefined, { headers: { 'mfa-validation-code': '12' } }), 400, 'MFA_INVALID_TOKEN');
    expectZitiError(await call('POST', '/current-identity/mfa/recovery-codes', { code: '999999x' }), 400, 'MFA_INVALID_TOKEN');
    const fresh = await call('POST', '/current-identity/mfa/recovery-codes', { code: totp.generate() });
    expect(fresh.body.data.recoveryCodes).toHaveLength(20);
    expectZitiError(await call('DELETE', '/current-identity/mfa', undefined, { headers: { 'mfa-validation-code': 'nope' } }), 400, 'MFA_INVALID_TOKEN');
    expect((await (await testDb()).zitiIdentity.findUniqueOrThrow({ where: { id: identityId } })).mfaEnabled).toBe(true);
    expect((await call('DELETE', '/current-identity/mfa', undefined, { headers: { 'mfa-validation-code': fresh.body.data.recoveryCodes[0] } })).status).toBe(200);
    const after = await login();
    expect(after.isMfaRequired).toBe(false);
    expect((await ziti(after.token)('GET', '/current-identity')).body.data.isMfaEnabled).toBe(false);
    expectZitiError(await ziti(after.token)('POST', '/current-api-session/totp-token', { code: totp.generate() }), 409, 'MFA_NOT_ENROLLED');
  });
});
