// Console resource pages: setup keys (with an agent registration and the audit log), users, groups.
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
  // The command fetches the single-file agent from this server and joins with the key.
  const origin = new URL(baseURL!).origin;
  await expect(page.getByTestId('join-command')).toHaveText(
    `curl -fsSL ${origin}/agent/meshdeck-agent.mjs -o meshdeck-agent.mjs && sudo node meshdeck-agent.mjs up --server ${origin} --setup-key ${key}`,
  );
  await expect(page.getByTestId('service-hint')).toContainText('sudo node meshdeck-agent.mjs install-service');
  const agentFile = await request.get('/agent/meshdeck-agent.mjs');
  expect(agentFile.status()).toBe(200);
  expect(agentFile.headers()['content-type']).toMatch(/^text\/javascript/);
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
  await expect(page.getByTestId('audit-row').filter({ hasText: 'peer.setupkey.add' }).filter({ hasText: 'office laptops' })).toHaveCount(1);
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

test('groups: create a group, edit its members, and see an in-use group refuse deletion', async ({ page, baseURL, request }) => {
  const check = guard(page, baseURL!, [/status of 409/]);
  await signIn(page);
  // A peer to put in the group, registered with a key made through the API (the console's cookie
  // is not shared with the request fixture, so use the NetBird API with a token of our own).
  await page.goto('/app/setup-keys');
  await page.getByLabel('Name').fill('group-test');
  await page.getByRole('button', { name: 'Create setup key' }).click();
  const key = (await page.getByTestId('key-secret').textContent())!.trim();
  expect((await request.post('/api/agent/register', { data: { setup_key: key, public_key: randomBytes(32).toString('base64'), hostname: 'grouped-peer', meta: {} } })).status()).toBe(201);

  await page.goto('/app/groups');
  await expect(page.getByTestId('group-row').filter({ hasText: 'All' })).toContainText('built in');
  await page.getByLabel('New group').fill('servers');
  await page.getByRole('button', { name: 'Create group' }).click();
  const row = page.getByTestId('group-row').filter({ hasText: 'servers' });
  await expect(row).toContainText('0');
  await row.getByRole('button', { name: 'Edit members' }).click();
  await page.getByRole('checkbox', { name: /grouped-peer/ }).check();
  await page.getByRole('button', { name: 'Save members' }).click();
  await expect(row.locator('td').nth(1)).toHaveText('1');

  // Used by a setup key: deletion is refused with the server's message.
  await page.goto('/app/setup-keys');
  await page.getByLabel('Name').fill('uses-servers');
  await page.getByRole('checkbox', { name: 'servers' }).check();
  await page.getByRole('button', { name: 'Create setup key' }).click();
  await page.goto('/app/groups');
  await row.getByRole('button', { name: 'Delete servers' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.locator('p[role=alert]')).toContainText('in use');
  await expect(page.getByTestId('group-row').filter({ hasText: 'servers' })).toHaveCount(1);
  await shot(page, 'groups');
  check();
});
