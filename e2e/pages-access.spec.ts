// Console pages for access: policies, posture checks, routes and networks (with resources and
// routers). One create/edit/delete flow per page, an axe check of each page and of its form,
// dark mode, keyboard use, and the server's own messages shown in the forms.
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { guard, shot, signIn } from './helpers';

// Forms that the server refuses log the browser's own "Failed to load resource" line.
const REFUSED = [/status of 4(09|22)/];

async function noSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, serious.join('\n')).toEqual([]);
}

/** A peer registered through a setup key made with the console's own session (same origin). */
async function registerPeer(page: Page, baseURL: string, hostname: string) {
  const made = await page.request.post('/api/setup-keys', {
    headers: { Origin: baseURL },
    data: { name: `key for ${hostname}`, type: 'one-off', expires_in: 86400, usage_limit: 1, auto_groups: [], ephemeral: false },
  });
  expect(made.status()).toBe(200);
  const { key } = await made.json();
  const reg = await page.request.post('/api/agent/register', { data: { setup_key: key, public_key: randomBytes(32).toString('base64'), hostname, meta: { os: 'linux' } } });
  expect(reg.status()).toBe(201);
}

/** Chooses a peer by host name in the form's routing peer list (options read "name (ip)"). */
async function pickPeer(page: Page, hostname: string) {
  const select = page.getByRole('dialog').getByLabel('Routing peer', { exact: true });
  const value = await select.locator('option', { hasText: `${hostname} (` }).getAttribute('value');
  await select.selectOption(value!);
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const dialog = (page: Page) => page.getByRole('dialog');

test('policies: create with a new group and ports, switch off, edit, delete', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!, REFUSED);
  await signIn(page);
  await nav(page).getByRole('link', { name: /^Policies/ }).click();
  await expect(page.getByRole('heading', { name: 'Policies', level: 1 })).toBeVisible();
  await noSeriousAxeViolations(page);

  await page.getByRole('button', { name: 'Add policy' }).click();
  const form = dialog(page);
  await expect(form.getByRole('heading', { name: 'Add policy' })).toBeVisible();
  // Checked before sending.
  await form.getByRole('button', { name: 'Create policy' }).click();
  await expect(form.getByRole('alert')).toHaveText('Give the policy a name.');
  await form.getByLabel('Name', { exact: true }).fill('e2e web access');
  await form.getByRole('button', { name: 'Create policy' }).click();
  await expect(form.getByRole('alert')).toHaveText('Rule 1: choose at least one source group.');

  // Groups made from inside the form are picked at once, and offered to the other picker too.
  const sources = form.getByRole('group', { name: 'Sources' });
  await sources.getByLabel('New group for Sources').fill('e2e-devs');
  await sources.getByLabel('New group for Sources').press('Enter');
  await expect(sources.getByRole('checkbox', { name: 'e2e-devs' })).toBeChecked();
  const destinations = form.getByRole('group', { name: 'Destinations' });
  await destinations.getByLabel('New group for Destinations').fill('e2e-web');
  await destinations.getByRole('button', { name: 'Create group' }).click();
  await expect(destinations.getByRole('checkbox', { name: 'e2e-web' })).toBeChecked();
  await expect(destinations.getByRole('checkbox', { name: 'e2e-devs' })).not.toBeChecked();

  await expect(form.getByLabel('Ports and ranges')).toBeDisabled();
  await form.getByLabel('Protocol').selectOption('tcp');
  await form.getByLabel('Ports and ranges').fill('80, 70000');
  await form.getByRole('button', { name: 'Create policy' }).click();
  await expect(form.getByRole('alert')).toContainText('"70000"');
  await form.getByLabel('Ports and ranges').fill('80, 8000-8100');
  await noSeriousAxeViolations(page);
  await shot(page, 'policies-form');
  await form.getByRole('button', { name: 'Create policy' }).click();
  await expect(form).toHaveCount(0);

  const row = page.getByTestId('policy-row').filter({ hasText: 'e2e web access' });
  await expect(row).toContainText('e2e-devs ⇄ e2e-web · TCP 80, 8000-8100 · accept');

  // The switch turns the policy off, and that sticks.
  const enabled = row.getByRole('switch', { name: 'e2e web access enabled' });
  await expect(enabled).toBeChecked();
  await enabled.click();
  await expect(enabled).not.toBeChecked();
  await page.reload();
  await expect(page.getByTestId('policy-row').filter({ hasText: 'e2e web access' }).getByRole('switch')).not.toBeChecked();

  // Edit: drop instead of accept, one way only.
  await row.getByRole('button', { name: 'Edit e2e web access' }).click();
  await expect(form.getByLabel('Ports and ranges')).toHaveValue('80, 8000-8100');
  await form.getByLabel('Action').selectOption('drop');
  await form.getByRole('switch', { name: 'Bidirectional' }).click();
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(row).toContainText('e2e-devs → e2e-web · TCP 80, 8000-8100 · drop');
  await shot(page, 'policies');

  // Escape closes a form without saving.
  await row.getByRole('button', { name: 'Edit e2e web access' }).click();
  await form.getByLabel('Name', { exact: true }).fill('never saved');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(row).toContainText('e2e web access');

  await row.getByRole('button', { name: 'Delete e2e web access' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByTestId('policy-row').filter({ hasText: 'e2e web access' })).toHaveCount(0);
  check();
});

test('posture checks: each kind of check, the server refusing a duplicate name and a check in use', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!, REFUSED);
  await signIn(page);
  await nav(page).getByRole('link', { name: /^Posture Checks/ }).click();
  await expect(page.getByRole('heading', { name: 'Posture checks', level: 1 })).toBeVisible();
  await expect(page.getByText('No posture checks yet. Add one')).toBeVisible();
  await noSeriousAxeViolations(page);

  await page.getByRole('button', { name: 'Add posture check' }).click();
  const form = dialog(page);
  await form.getByLabel('Name', { exact: true }).fill('e2e strict');
  await form.getByRole('button', { name: 'Create posture check' }).click();
  await expect(form.getByRole('alert')).toHaveText('Switch on at least one check.');

  await form.getByRole('switch', { name: 'Check netbird version' }).click();
  await form.getByLabel('Minimum NetBird version').fill('0.25.0');
  await form.getByRole('switch', { name: 'Check os version' }).click();
  await form.getByLabel('Minimum Linux kernel').fill('5.10');
  await form.getByRole('switch', { name: 'Check location' }).click();
  await form.getByLabel('Country 1').selectOption('DE');
  await form.getByLabel('City 1 (optional)').fill('Berlin');
  await form.getByRole('switch', { name: 'Check peer network range' }).click();
  await form.getByLabel('Network ranges (CIDR, one per line)').fill('10.0.0.0/8\n192.168.0.0/16');
  await form.getByRole('group', { name: 'Peer network range' }).getByLabel('Action').selectOption('deny');
  await form.getByRole('switch', { name: 'Check process' }).click();
  await form.getByLabel('Process 1 Linux path').fill('/usr/bin/agent');
  await noSeriousAxeViolations(page);
  await shot(page, 'posture-checks-form');
  await form.getByRole('button', { name: 'Create posture check' }).click();
  await expect(form).toHaveCount(0);

  const row = page.getByTestId('posture-row').filter({ hasText: 'e2e strict' });
  await expect(row).toContainText('NetBird ≥ 0.25.0');
  await expect(row).toContainText('OS: Linux kernel ≥ 5.10');
  await expect(row).toContainText('Location: allow Berlin (DE)');
  await expect(row).toContainText('Network: deny 10.0.0.0/8, 192.168.0.0/16');
  await expect(row).toContainText('Processes: 1 must run');

  // A second check with the same name: the server's message, in the form.
  await page.getByRole('button', { name: 'Add posture check' }).click();
  await form.getByLabel('Name', { exact: true }).fill('e2e strict');
  await form.getByRole('switch', { name: 'Check netbird version' }).click();
  await form.getByLabel('Minimum NetBird version').fill('0.30.0');
  await form.getByRole('button', { name: 'Create posture check' }).click();
  await expect(form.getByRole('alert')).toHaveText('posture check with name "e2e strict" already exists');
  await form.getByLabel('Name', { exact: true }).fill('e2e recent agent');
  await form.getByRole('button', { name: 'Create posture check' }).click();
  await expect(form).toHaveCount(0);

  // Edit: drop the location check, change the version.
  await row.getByRole('button', { name: 'Edit e2e strict' }).click();
  await expect(form.getByLabel('City 1 (optional)')).toHaveValue('Berlin');
  await form.getByRole('switch', { name: 'Check location' }).click();
  await form.getByLabel('Minimum NetBird version').fill('0.26.1');
  await form.getByRole('button', { name: 'Save posture check' }).click();
  await expect(row).toContainText('NetBird ≥ 0.26.1');
  await expect(row).not.toContainText('Location');
  await shot(page, 'posture-checks');

  // Required by a policy, it cannot be deleted; the server says which policy.
  await nav(page).getByRole('link', { name: /^Policies/ }).click();
  await page.getByRole('button', { name: 'Add policy' }).click();
  await form.getByLabel('Name', { exact: true }).fill('e2e checked');
  await form.getByRole('group', { name: 'Sources' }).getByRole('checkbox', { name: 'All', exact: true }).check();
  await form.getByRole('group', { name: 'Destinations' }).getByRole('checkbox', { name: 'All', exact: true }).check();
  await form.getByRole('checkbox', { name: 'e2e strict' }).check();
  await form.getByRole('button', { name: 'Create policy' }).click();
  await expect(page.getByTestId('policy-row').filter({ hasText: 'e2e checked' })).toContainText('e2e strict');

  await nav(page).getByRole('link', { name: /^Posture Checks/ }).click();
  await row.getByRole('button', { name: 'Delete e2e strict' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.locator('p[role=alert]')).toContainText('is used by policy "e2e checked"');
  const other = page.getByTestId('posture-row').filter({ hasText: 'e2e recent agent' });
  await other.getByRole('button', { name: 'Delete e2e recent agent' }).click();
  await other.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(other).toHaveCount(0);
  await expect(row).toHaveCount(1);
  check();
});

test('routes: a network route through a peer, edited to domains through a group, switched off, deleted', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!, REFUSED);
  await signIn(page);
  await registerPeer(page, baseURL!, 'e2e-router');
  await nav(page).getByRole('link', { name: /^Routes/ }).click();
  await expect(page.getByRole('heading', { name: 'Routes', level: 1 })).toBeVisible();
  await noSeriousAxeViolations(page);

  await page.getByRole('button', { name: 'Add route' }).click();
  const form = dialog(page);
  await form.getByLabel('Network identifier').fill('e2e-office');
  await form.getByRole('button', { name: 'Create route' }).click();
  await expect(form.getByRole('alert')).toHaveText('Enter the network range, e.g. 10.0.0.0/16.');
  await form.getByLabel('Network (CIDR)').fill('10.20.0.300/16');
  await pickPeer(page, 'e2e-router');
  await form.getByRole('group', { name: 'Distribution groups' }).getByRole('checkbox', { name: 'All', exact: true }).check();
  await form.getByLabel('Metric (1–9999, lower wins)').fill('100');
  // The server's own check of the range, shown in the form.
  await form.getByRole('button', { name: 'Create route' }).click();
  await expect(form.getByRole('alert')).toHaveText('network 10.20.0.300/16 is not a valid IPv4 or IPv6 CIDR');
  await form.getByLabel('Network (CIDR)').fill('10.20.0.0/16');
  await noSeriousAxeViolations(page);
  await form.getByRole('button', { name: 'Create route' }).click();
  await expect(form).toHaveCount(0);

  const row = page.getByTestId('route-row').filter({ hasText: 'e2e-office' });
  await expect(row).toContainText('10.20.0.0/16');
  await expect(row).toContainText('e2e-router');
  await expect(row).toContainText('100');
  await shot(page, 'routes');

  // Edit: domains instead of a range, routed by the peers of a new group.
  await row.getByRole('button', { name: 'Edit e2e-office' }).click();
  await form.getByLabel('Domains', { exact: true }).check();
  await form.getByLabel('Domains (one per line, *.example.com allowed)').fill('intranet.example\n*.corp.example');
  await form.getByLabel('Peers of groups').check();
  await form.getByLabel('New group for Routing peer groups').fill('e2e-routers');
  const routingGroups = form.getByRole('group', { name: 'Routing peer groups' });
  await routingGroups.getByRole('button', { name: 'Create group' }).click();
  await expect(routingGroups.getByRole('checkbox', { name: 'e2e-routers' })).toBeChecked();
  // Offered at once to the form's other pickers, unchecked there.
  await expect(form.getByRole('group', { name: 'Distribution groups' }).getByRole('checkbox', { name: 'e2e-routers' })).not.toBeChecked();
  await form.getByRole('button', { name: 'Save route' }).click();
  await expect(form).toHaveCount(0);
  await expect(row).toContainText('intranet.example, *.corp.example');
  await expect(row).toContainText('groups: e2e-routers');

  const enabled = row.getByRole('switch', { name: 'e2e-office enabled' });
  await enabled.click();
  await expect(enabled).not.toBeChecked();

  await row.getByRole('button', { name: 'Delete e2e-office' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(row).toHaveCount(0);
  check();
});

test('networks: a network with a resource and a router, each edited and deleted, in dark mode and by keyboard', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!, REFUSED);
  await signIn(page);
  await registerPeer(page, baseURL!, 'e2e-gateway');
  await page.evaluate(() => localStorage.setItem('meshdeck-theme', 'dark'));
  await page.goto('/app/networks');
  await expect(page.getByRole('heading', { name: 'Networks', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // Keyboard only: the add button, the name field, submit with Enter.
  const add = page.getByRole('button', { name: 'Add network' });
  await add.focus();
  await page.keyboard.press('Enter');
  const form = dialog(page);
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('Give the network a name.');
  await page.keyboard.type('e2e office');
  await page.keyboard.press('Tab');
  await page.keyboard.type('the office LAN');
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);

  const row = page.getByTestId('network-row').filter({ hasText: 'e2e office' });
  await expect(row).toContainText('the office LAN');
  await noSeriousAxeViolations(page);
  await shot(page, 'networks-dark');

  await row.getByRole('button', { name: 'Edit e2e office' }).click();
  await form.getByLabel('Name', { exact: true }).fill('e2e branch');
  await form.getByRole('button', { name: 'Save network' }).click();
  const renamed = page.getByTestId('network-row').filter({ hasText: 'e2e branch' });
  await expect(renamed).toHaveCount(1);

  await renamed.getByRole('link', { name: 'e2e branch' }).click();
  await expect(page.getByRole('heading', { name: 'Network e2e branch', level: 1 })).toBeVisible();
  await expect(page.getByText('No resources yet.')).toBeVisible();
  await expect(page.getByText('No routers yet.')).toBeVisible();

  // A resource: the server decides what an address is.
  await page.getByRole('button', { name: 'Add resource' }).click();
  await form.getByLabel('Resource name').fill('e2e file server');
  await form.getByLabel('Address').fill('not an address!');
  await form.getByLabel('New group for Resource groups').fill('e2e-files');
  await form.getByLabel('New group for Resource groups').press('Enter');
  await expect(form.getByRole('checkbox', { name: 'e2e-files' })).toBeChecked();
  await form.getByRole('button', { name: 'Create resource' }).click();
  await expect(form.getByRole('alert')).toHaveText('address "not an address!" is not a valid host, subnet, or domain');
  await form.getByLabel('Address').fill('10.1.0.5');
  await noSeriousAxeViolations(page);
  await form.getByRole('button', { name: 'Create resource' }).click();
  await expect(form).toHaveCount(0);
  const resource = page.getByTestId('resource-row').filter({ hasText: 'e2e file server' });
  await expect(resource).toContainText('10.1.0.5');
  await expect(resource).toContainText('host');
  await expect(resource).toContainText('e2e-files');

  await resource.getByRole('button', { name: 'Edit e2e file server' }).click();
  await form.getByLabel('Address').fill('10.1.0.0/24');
  await form.getByRole('button', { name: 'Save resource' }).click();
  await expect(resource).toContainText('subnet');
  await resource.getByRole('switch', { name: 'e2e file server enabled' }).click();
  await expect(resource.getByRole('switch')).not.toBeChecked();

  // A router: one peer, then edited to a new metric and no masquerade.
  await page.getByRole('button', { name: 'Add router' }).click();
  await form.getByRole('button', { name: 'Create router' }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose the routing peer.');
  await pickPeer(page, 'e2e-gateway');
  await form.getByRole('button', { name: 'Create router' }).click();
  await expect(form).toHaveCount(0);
  const router = page.getByTestId('router-row').filter({ hasText: 'e2e-gateway' });
  await expect(router).toContainText('9999');
  await router.getByRole('button', { name: 'Edit router e2e-gateway' }).click();
  await form.getByLabel('Metric (1–9999, lower wins)').fill('10');
  await form.getByRole('switch', { name: 'Masquerade' }).click();
  await form.getByRole('button', { name: 'Save router' }).click();
  await expect(router.locator('td').nth(1)).toHaveText('10');
  await expect(router.locator('td').nth(2)).toHaveText('no');
  await noSeriousAxeViolations(page);
  await shot(page, 'network-detail-dark');

  await router.getByRole('button', { name: 'Delete router e2e-gateway' }).click();
  await router.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(router).toHaveCount(0);
  await resource.getByRole('button', { name: 'Delete e2e file server' }).click();
  await resource.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(resource).toHaveCount(0);

  await page.getByRole('link', { name: '← All networks' }).click();
  await renamed.getByRole('button', { name: 'Delete e2e branch' }).click();
  await renamed.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(renamed).toHaveCount(0);
  check();
});
