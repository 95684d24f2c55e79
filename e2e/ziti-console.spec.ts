// Ziti services and sessions in the console. Over HTTP: a group, a network resource in another group,
// a policy between them, an identity with that role attribute, enrolled (password) and signed in to
// the Edge Client API, with a Dial session. In the console: the Ziti views' navigation, the service
// with the identity as a Dial candidate (and the name filter), the API session and the session,
// revoking both with confirmation (the Edge Client API then refuses them), axe in light and dark.
// Names carry a random tag so the spec shares the e2e database with the others; it cleans up after.
import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { guard, shot, signIn } from './helpers';

async function seriousViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('see Ziti services with their Dial identities, see and revoke sessions', async ({ page, baseURL, request }) => {
  test.setTimeout(120_000);
  const check = guard(page, baseURL!);
  await signIn(page);
  const tag = randomBytes(3).toString('hex');
  const name = { devs: `zc-devs-${tag}`, web: `zc-web-${tag}`, net: `zc-net-${tag}`, identity: `zc-alice-${tag}`, service: `zc-intranet-${tag}` };
  const password = 'zc-alice-password-1';

  // The console's own session writes the setup (same-origin, as the console does).
  const api = async (method: 'post' | 'delete', path: string, data?: unknown) => {
    const r = await page.request[method](path, { headers: { Origin: baseURL! }, data });
    expect(r.status(), `${method} ${path}: ${await r.text()}`).toBe(200);
    const text = await r.text();
    return text ? JSON.parse(text) : {};
  };
  const devs = await api('post', '/api/groups', { name: name.devs });
  const web = await api('post', '/api/groups', { name: name.web });
  const net = await api('post', '/api/networks', { name: name.net });
  const service = await api('post', `/api/networks/${net.id}/resources`, { name: name.service, address: '10.77.0.10', enabled: true, groups: [web.id] });
  const policy = await api('post', '/api/policies', {
    name: `zc-policy-${tag}`,
    enabled: true,
    rules: [{ name: 'intranet', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['443'], sources: [devs.id], destinations: [web.id] }],
  });
  const created = await api('post', '/api/console/ziti/identities', { name: name.identity, role_attributes: [name.devs], enrollment_method: 'updb', username: name.identity });

  // The client side, over the Edge Client API: enroll a password, sign in, open a Dial session.
  const edge = '/edge/client/v1';
  expect((await request.post(`${edge}/enroll?method=updb&token=${created.enrollment.token}`, { data: { password } })).status()).toBe(200);
  const login = await request.post(`${edge}/authenticate?method=password`, { data: { username: name.identity, password } });
  expect(login.status()).toBe(200);
  const zt = { 'zt-session': (await login.json()).data.token };
  const dial = await request.post(`${edge}/sessions`, { headers: zt, data: { serviceId: service.id, type: 'Dial' } });
  expect(dial.status()).toBe(201);
  const dialId = (await dial.json()).data.id;

  // Services: reached through the Ziti views' navigation.
  await page.goto('/app/ziti');
  const views = page.getByRole('navigation', { name: 'Ziti views' });
  await expect(views.getByRole('link', { name: 'Identities' })).toHaveAttribute('aria-current', 'page');
  await views.getByRole('link', { name: 'Services' }).click();
  await expect(page.getByRole('heading', { name: 'Ziti services' })).toBeVisible();
  await expect(views.getByRole('link', { name: 'Services' })).toHaveAttribute('aria-current', 'page');
  await expect(views.getByRole('link', { name: 'Identities' })).not.toHaveAttribute('aria-current', /.*/);
  const row = page.getByTestId('service-row').filter({ hasText: name.service });
  await expect(row.getByTestId('service-dial')).toHaveText(name.identity);
  await expect(row.getByTestId('service-bind')).toHaveText('nobody');
  await expect(row).toContainText('10.77.0.10');
  await expect(row).toContainText(`#${name.web}`);
  await page.getByLabel('Filter by name').fill(`intranet-${tag}`);
  await expect(page.getByTestId('service-row')).toHaveCount(1);
  await shot(page, 'ziti-services');
  await page.getByLabel('Filter by name').fill(`no-such-service-${tag}`);
  await expect(page.getByText(`No service name contains “no-such-service-${tag}”.`)).toBeVisible();

  // Sessions: the API session and its Dial session.
  await views.getByRole('link', { name: 'Sessions' }).click();
  await expect(page.getByRole('heading', { name: 'Ziti sessions' })).toBeVisible();
  const apiRow = page.getByTestId('api-session-row').filter({ hasText: name.identity });
  await expect(apiRow).toHaveCount(1);
  await expect(apiRow).toContainText('not enrolled');
  const sessionRow = page.getByTestId('session-row').filter({ hasText: name.identity });
  await expect(sessionRow).toContainText(name.service);
  await expect(sessionRow).toContainText('Dial');
  await expect(apiRow.locator('td').nth(6)).toHaveText('1');
  await shot(page, 'ziti-sessions');

  // Light and dark: no serious accessibility problems on either view.
  const problems: string[] = [];
  for (const theme of ['dark', 'light']) {
    await page.evaluate((t) => localStorage.setItem('meshdeck-theme', t), theme);
    for (const path of ['/app/ziti/services', '/app/ziti/sessions']) {
      await page.goto(path);
      await expect(page.getByText('Loading…')).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      problems.push(...(await seriousViolations(page)));
      if (theme === 'dark') await shot(page, `ziti-${path.split('/').pop()}-dark`);
    }
  }
  expect(problems, problems.join('\n')).toEqual([]);

  // Revoke the Dial session: asks first; the Edge Client API then no longer knows it.
  await sessionRow.getByRole('button', { name: `Revoke Dial session of ${name.identity} for ${name.service}` }).click();
  await sessionRow.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(sessionRow).toHaveCount(0);
  await expect(apiRow.locator('td').nth(6)).toHaveText('0');
  expect((await request.get(`${edge}/sessions/${dialId}`, { headers: zt })).status()).toBe(404);

  // Revoke the API session: Cancel keeps it, Confirm ends it; its token is refused.
  await apiRow.getByRole('button', { name: new RegExp(`^Revoke API session .* of ${name.identity}$`) }).click();
  await apiRow.getByRole('button', { name: 'Cancel' }).click();
  await expect(apiRow).toHaveCount(1);
  await apiRow.getByRole('button', { name: new RegExp(`^Revoke API session .* of ${name.identity}$`) }).click();
  await apiRow.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(apiRow).toHaveCount(0);
  expect((await request.get(`${edge}/current-api-session`, { headers: zt })).status()).toBe(401);
  await shot(page, 'ziti-sessions-revoked');

  // Clean up: the identity through the Identities view, the rest over the API.
  await views.getByRole('link', { name: 'Identities' }).click();
  const identityRow = page.getByTestId('identity-row').filter({ hasText: name.identity });
  await identityRow.getByRole('button', { name: `Delete ${name.identity}` }).click();
  await identityRow.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(identityRow).toHaveCount(0);
  await api('delete', `/api/policies/${policy.id}`);
  await api('delete', `/api/networks/${net.id}`);
  await api('delete', `/api/groups/${devs.id}`);
  await api('delete', `/api/groups/${web.id}`);
  check();
});
