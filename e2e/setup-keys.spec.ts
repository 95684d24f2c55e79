// Setup keys in the console: create (shown once, with a registration command), register a peer
// with it through the agent API, watch usage, revoke; then the audit log shows it all.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { guard, shot, signIn } from './helpers';

test('create a setup key, register a peer with it, revoke it, and read the audit log', async ({ page, baseURL, request }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Setup Keys/ }).click();
  await expect(page.getByRole('heading', { name: 'Setup keys' })).toBeVisible();

  // Validation before sending.
  await page.getByRole('button', { name: 'Create setup key' }).click();
  await expect(page.locator('p[role=alert]')).toHaveText('Give the key a name.');

  await page.getByLabel('Name').fill('office laptops');
  await page.getByLabel('Usage limit (0 = none)').fill('2');
  await page.getByRole('button', { name: 'Create setup key' }).click();
  const key = (await page.getByTestId('key-secret').textContent())!.trim();
  expect(key).toMatch(/^[0-9A-F-]{36}$/);
  await expect(page.getByTestId('register-command')).toContainText(`"setup_key":"${key}"`);
  await shot(page, 'setup-keys-created');

  // Register a peer with it, as an agent would.
  const reg = await request.post('/api/agent/register', {
    data: { setup_key: key, public_key: randomBytes(32).toString('base64'), hostname: 'e2e-laptop', meta: { os: 'linux' } },
  });
  expect(reg.status()).toBe(201);

  // After a reload the key is masked, and its usage shows the registration.
  await page.reload();
  const row = page.getByTestId('key-row').filter({ hasText: 'office laptops' });
  await expect(row).toContainText(`${key.slice(0, 5)}****`);
  await expect(row).not.toContainText(key);
  await expect(row).toContainText('1 / 2');
  await expect(row.getByTestId('key-state')).toHaveText('valid');

  // Revoking asks first.
  await row.getByRole('button', { name: 'Revoke office laptops' }).click();
  await row.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(row.getByTestId('key-state')).toHaveText('revoked');
  const refused = await request.post('/api/agent/register', {
    data: { setup_key: key, public_key: randomBytes(32).toString('base64'), hostname: 'too-late', meta: {} },
  });
  expect(refused.status()).toBe(403);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Audit/ }).click();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'setupkey.revoke' })).toHaveCount(1);
  await expect(page.getByTestId('audit-row').filter({ hasText: 'peer.setupkey.add' })).toHaveCount(1);
  await shot(page, 'audit');
  check();
});

test('users: invite a person, create a service user, change a role, block and delete', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  await page.goto('/app/users');
  await page.getByLabel('Email').fill('new.person@e2e.test');
  await page.getByLabel('Name').fill('New Person');
  await page.getByRole('button', { name: 'Invite' }).click();
  const person = page.getByTestId('user-row').filter({ hasText: 'new.person@e2e.test' });
  await expect(person.getByTestId('user-status')).toHaveText('invited');

  await page.getByLabel('Kind').selectOption('service');
  await page.getByLabel('Name').fill('ci-bot');
  await page.getByLabel('Role', { exact: true }).selectOption('auditor');
  await page.getByRole('button', { name: 'Create service user' }).click();
  const bot = page.getByTestId('user-row').filter({ hasText: 'ci-bot' });
  await expect(bot).toContainText('service user');
  await expect(bot.getByLabel('Role of ci-bot')).toHaveValue('auditor');

  await person.getByLabel('Role of New Person').selectOption('admin');
  await expect(person.getByLabel('Role of New Person')).toHaveValue('admin');
  await person.getByRole('button', { name: 'Block' }).click();
  await expect(person.getByTestId('user-status')).toHaveText('blocked');
  await person.getByRole('button', { name: 'Delete New Person' }).click();
  await person.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByTestId('user-row').filter({ hasText: 'new.person@e2e.test' })).toHaveCount(0);
  await shot(page, 'users');
  check();
});
