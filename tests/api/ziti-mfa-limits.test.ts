// MFA codes cannot be brute-forced: wrong codes are limited per API session (5) and per identity
// (10 in 10 minutes), concurrent guesses included; past that even the right code gets 429.
import { URI } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminWithToken } from '../support/fixtures';
import { expectZitiError, ziti } from '../support/ziti-client';
import { createZitiIdentity, passwordLogin } from '../support/ziti-helpers';

const username = `mfalimit-${Math.random().toString(36).slice(2, 8)}`;
const password = 'mfa-limit-password-1';
let totp: { generate(): string };
const login = async () => (await passwordLogin(username, password)).body.data.token as string;
const wrong = () => (totp.generate() === '000000' ? '111111' : '000000');

beforeAll(async () => {
  const { token } = await adminWithToken('ziti-mfa-limits');
  const created = await createZitiIdentity(token, { name: username, enrollment_method: 'updb', username });
  expect((await ziti()('POST', `/enroll?method=updb&token=${created.enrollment.token}`, { password })).status).toBe(200);
  const call = ziti(await login());
  expect((await call('POST', '/current-identity/mfa')).status).toBe(201);
  totp = URI.parse((await call('GET', '/current-identity/mfa')).body.data.provisioningUrl) as unknown as { generate(): string };
  expect((await call('POST', '/current-identity/mfa/verify', { code: totp.generate() })).status).toBe(200);
});

describe('MFA brute force', () => {
  it('judges 5 of 50 concurrent wrong codes on one session, then refuses even the right code', async () => {
    const session = await login();
    const statuses = await Promise.all(Array.from({ length: 50 }, () => ziti(session)('POST', '/authenticate/mfa', { code: wrong() }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(45);
    expectZitiError(await ziti(session)('POST', '/authenticate/mfa', { code: totp.generate() }), 429, 'RATE_LIMITED');
    // The partial session still opens nothing.
    expectZitiError(await ziti(session)('GET', '/services'), 401, 'UNAUTHORIZED');
  });

  it('limits the identity across sessions: the 11th wrong code in the window gets 429, the right one too', async () => {
    const second = await login();
    for (let i = 0; i < 5; i++) expectZitiError(await ziti(second)('POST', '/authenticate/mfa', { code: wrong() }), 401, 'MFA_INVALID_TOKEN');
    const third = await login();
    expectZitiError(await ziti(third)('POST', '/authenticate/mfa', { code: wrong() }), 429, 'RATE_LIMITED');
    const r = await ziti(third)('POST', '/authenticate/mfa', { code: totp.generate() });
    expectZitiError(r, 429, 'RATE_LIMITED');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts wrong current passwords of an authenticator update like failed sign-ins of that user name', async () => {
    const { token } = await adminWithToken('ziti-auth-update-limits');
    const name = `pwchange-${Math.random().toString(36).slice(2, 8)}`;
    const created = await createZitiIdentity(token, { name, enrollment_method: 'updb', username: name });
    expect((await ziti()('POST', `/enroll?method=updb&token=${created.enrollment.token}`, { password: 'pw-change-right-1' })).status).toBe(200);
    const call = ziti((await passwordLogin(name, 'pw-change-right-1')).body.data.token);
    const updb = (await call('GET', '/current-identity/authenticators')).body.data[0];
    for (let i = 0; i < 20; i++) {
      expectZitiError(await call('PATCH', `/current-identity/authenticators/${updb.id}`, { currentPassword: `wrong-${i}-pass`, password: 'pw-change-new-1' }), 401, 'UNAUTHORIZED');
    }
    expectZitiError(await call('PATCH', `/current-identity/authenticators/${updb.id}`, { currentPassword: 'pw-change-right-1', password: 'pw-change-new-1' }), 429, 'RATE_LIMITED');
    expectZitiError(await passwordLogin(name, 'pw-change-right-1'), 429, 'RATE_LIMITED');
  });
});
