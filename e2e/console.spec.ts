// The console shell: sign in, dashboard, create/use/revoke a token, themes, phone width, sign out.
import { expect, test } from '@playwright/test';
import { ADMIN, guard, shot, signIn } from './helpers';

test('sign in, see the dashboard, create and revoke a token, sign out', async ({ page, baseURL, request }) => {
  // The browser logs the deliberate wrong-password attempt's 401 as a console error.
  const check = guard(page, baseURL!, [/status of 401/]);

  // Pages need a session.
  await page.goto('/app/tokens');
  await expect(page).toHaveURL(/\/app\/login/);
  await shot(page, 'login');

  // A wrong password is refused with a message.
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('p[role=alert]')).toHaveText('Wrong email or password.');

  await signIn(page);
  await expect(page.getByTestId('who')).toContainText(ADMIN.email);
  await expect(page.getByTestId('card-peers')).toBeVisible();
  await shot(page, 'dashboard');

  // Every section is in the navigation.
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Peers', 'Groups', 'Access Control', 'Setup Keys', 'Routes', 'Networks', 'DNS', 'Users', 'API Tokens', 'Traffic', 'Audit', 'ZeroTier', 'Ziti', 'Settings']) {
    await expect(nav.getByRole('link', { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  // Create a token: the secret is shown once.
  await nav.getByRole('link', { name: /^API Tokens/ }).click();
  await expect(page.getByText('No tokens yet')).toBeVisible();
  await page.getByLabel('Name').fill('e2e token');
  await page.getByLabel('Expires in').selectOption('7');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('token-secret').textContent())!.trim();
  expect(secret).toMatch(/^nbp_[0-9A-Za-z]{36}$/);
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(page.getByTestId('token-row')).toHaveCount(1);
  await shot(page, 'tokens-created');

  // The secret works against the API, in NetBird's style.
  const me = await request.get('/api/users/current', { headers: { Authorization: `Token ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(ADMIN.email);

  // After a reload the secret is gone for good.
  await page.reload();
  await expect(page.getByTestId('token-row')).toHaveCount(1);
  await expect(page.getByText(secret)).toHaveCount(0);

  // Revoke asks first, then the token stops working.
  await page.getByRole('button', { name: 'Revoke e2e token' }).click();
  await page.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(page.getByText('No tokens yet')).toBeVisible();
  expect((await request.get('/api/users/current', { headers: { Authorization: `Token ${secret}` } })).status()).toBe(401);

  // Sign out ends the session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/app\/login/);
  await page.goto('/app');
  await expect(page).toHaveURL(/\/app\/login/);
  check();
});

test('dark mode and a phone-width screen', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const before = await theme();
  await page.getByRole('button', { name: /Switch to (dark|light) mode/ }).click();
  const after = await theme();
  expect(after).not.toBe(before);
  await page.reload();
  expect(await theme()).toBe(after);
  await page.evaluate(() => localStorage.setItem('meshdeck-theme', 'dark'));
  await page.reload();
  await shot(page, 'dashboard-dark');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/app/tokens');
  // The navigation folds into a menu button; nothing overflows sideways.
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toBeVisible();
  await menu.click();
  await expect(page.getByRole('link', { name: /^Dashboard/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'tokens-phone');
  check();
});
