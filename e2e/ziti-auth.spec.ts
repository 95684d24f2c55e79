// Ziti identities in the console: create one (validation first), get its one-time enrollment token
// and QR code, redeem the token over the Edge Client API, see the credential, issue a new token,
// delete the identity.
import { expect, test } from '@playwright/test';
import { subtle, x509 } from '../lib/domain/ziti/x509';
import { guard, shot, signIn } from './helpers';

test('create a Ziti identity, enroll it with its token, re-issue and delete', async ({ page, baseURL, request }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Ziti/ }).click();
  await expect(page.getByRole('heading', { name: 'Ziti identities' })).toBeVisible();
  await expect(page.getByText('No Ziti identities yet')).toBeVisible();

  await page.getByRole('button', { name: 'Create identity' }).click();
  await expect(page.locator('p[role=alert]')).toHaveText('Give the identity a name.');
  await page.getByLabel('Name', { exact: true }).fill('alice-laptop');
  await page.getByLabel('Role attributes (group names, comma-separated)').fill('web, #bad');
  await page.getByRole('button', { name: 'Create identity' }).click();
  await expect(page.locator('p[role=alert]')).toContainText('Role attribute "#bad" is not valid');
  await page.getByLabel('Role attributes (group names, comma-separated)').fill('web, staff');
  await page.getByRole('button', { name: 'Create identity' }).click();

  const jwt = (await page.getByTestId('enrollment-jwt').textContent())!.trim();
  expect(jwt.split('.')).toHaveLength(3);
  await expect(page.getByRole('img', { name: 'QR code of the enrollment token for alice-laptop' })).toBeVisible();
  await shot(page, 'ziti-identity-created');
  const row = page.getByTestId('identity-row').filter({ hasText: 'alice-laptop' });
  await expect(row).toContainText('#web, #staff');
  await expect(row.getByTestId('identity-credentials')).toHaveText('not enrolled');

  // Redeem it as a tunneler would: a CSR as the body, the whole JWT as the token.
  const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=alice', keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } });
  const ott = await request.post(`/edge/client/v1/enroll?method=ott&token=${encodeURIComponent(jwt)}`, { headers: { 'Content-Type': 'application/x-pem-file' }, data: csr.toString('pem') });
  expect(ott.status()).toBe(200);
  expect((await ott.json()).data.cert).toContain('BEGIN CERTIFICATE');
  await page.getByRole('button', { name: 'Done' }).click();

  // A second identity with username/password enrollment, redeemed over the Edge Client API.
  await page.getByLabel('Name', { exact: true }).fill('bob');
  await page.getByLabel('Enrollment', { exact: true }).selectOption('updb');
  await page.getByLabel('Username', { exact: true }).fill('bob-user');
  await page.getByRole('button', { name: 'Create identity' }).click();
  const bobJwt = (await page.getByTestId('enrollment-jwt').textContent())!.trim();
  const enrolled = await request.post(`/edge/client/v1/enroll?token=${encodeURIComponent(bobJwt)}`, { data: { password: 'bob-password-1' } });
  expect(enrolled.status()).toBe(200);
  const login = await request.post('/edge/client/v1/authenticate?method=password', { data: { username: 'bob-user', password: 'bob-password-1' } });
  expect(login.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId('identity-row').filter({ hasText: 'bob' }).getByTestId('identity-credentials')).toHaveText('password (bob-user)');

  await expect(row.getByTestId('identity-credentials')).toHaveText('certificate');

  // The used token is refused; a new one can be issued (e.g. for a second device).
  const stale = await request.post(`/edge/client/v1/enroll?method=ott&token=${encodeURIComponent(jwt)}`, { headers: { 'Content-Type': 'application/x-pem-file' }, data: csr.toString('pem') });
  expect((await stale.json()).error.code).toBe('INVALID_ENROLLMENT_TOKEN');
  await row.getByRole('button', { name: 'New enrollment token for alice-laptop' }).click();
  const second = (await page.getByTestId('enrollment-jwt').textContent())!.trim();
  expect(second).not.toBe(jwt);
  await page.getByRole('button', { name: 'Done' }).click();

  // Deleting asks first.
  await row.getByRole('button', { name: 'Delete alice-laptop' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByTestId('identity-row').filter({ hasText: 'alice-laptop' })).toHaveCount(0);
  await shot(page, 'ziti-identities');
  check();
});
