// Admin pages: DNS, account settings, ZeroTier, setup-key group editing and audit filters, one
// create/edit/delete flow each; then an axe check (no serious or critical violations) of every
// console page in light and dark mode, and keyboard focus that can be seen.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { guard, settled, shot, signIn } from './helpers';

// Refused writes (validation errors shown on the page) are logged by the browser as failed loads.
const REFUSED = [/status of (400|422)/];

test('DNS: a nameserver group, MagicDNS, search paths and split DNS', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!, REFUSED);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^DNS/ }).click();
  await expect(page.getByRole('heading', { name: 'DNS', exact: true })).toBeVisible();
  await expect(page.getByText('No nameserver groups yet')).toBeVisible();
  await expect(page.getByText('No split DNS')).toBeVisible();

  // Create, with the form's own checks first.
  await page.getByRole('button', { name: 'Add nameserver group' }).click();
  const form = page.getByRole('form', { name: 'New nameserver group' });
  await form.getByRole('button', { name: 'Create nameserver group' }).click();
  await expect(form.getByRole('alert')).toHaveText('Give the nameserver group a name.');
  await form.getByLabel('Name', { exact: true }).fill('Office DNS');
  await form.getByLabel('Nameserver 1 address').fill('10.0.0.300');
  await form.getByRole('button', { name: 'Create nameserver group' }).click();
  await expect(form.getByRole('alert')).toHaveText('"10.0.0.300" is not an IP address.');
  await form.getByLabel('Nameserver 1 address').fill('10.0.0.53');
  await form.getByRole('checkbox', { name: 'All' }).check();
  await form.getByRole('switch', { name: /Resolve all domains/ }).uncheck();
  await form.getByRole('textbox', { name: 'Match domains' }).fill('corp.example');
  await form.getByRole('textbox', { name: 'Match domains' }).press('Enter');
  await expect(form.getByRole('button', { name: 'Remove corp.example' })).toBeVisible();
  await form.getByRole('button', { name: 'Create nameserver group' }).click();
  const row = page.getByTestId('ns-row').filter({ hasText: 'Office DNS' });
  await expect(row).toContainText('10.0.0.53');
  await expect(row).toContainText('corp.example');

  // A second group of the same name: the server's message is shown.
  await page.getByRole('button', { name: 'Add nameserver group' }).click();
  const again = page.getByRole('form', { name: 'New nameserver group' });
  await again.getByLabel('Name', { exact: true }).fill('Office DNS');
  await again.getByLabel('Nameserver 1 address').fill('10.0.0.54');
  await again.getByRole('checkbox', { name: 'All' }).check();
  await again.getByRole('button', { name: 'Create nameserver group' }).click();
  await expect(again.getByRole('alert')).toContainText('already exists');
  await again.getByRole('button', { name: 'Cancel' }).click();

  // Edit.
  await row.getByRole('button', { name: 'Edit Office DNS' }).click();
  const edit = page.getByRole('form', { name: 'Edit Office DNS' });
  await edit.getByLabel('Name', { exact: true }).fill('Office resolvers');
  await edit.getByRole('button', { name: 'Add nameserver' }).click();
  await edit.getByLabel('Nameserver 2 address').fill('10.0.0.54');
  await edit.getByLabel('Port').nth(1).fill('5353');
  await edit.getByRole('button', { name: 'Save nameserver group' }).click();
  const edited = page.getByTestId('ns-row').filter({ hasText: 'Office resolvers' });
  await expect(edited).toContainText('10.0.0.54:5353');

  // Tailnet DNS: MagicDNS needs a nameserver first.
  const magic = page.getByRole('switch', { name: /MagicDNS/ });
  await expect(magic).toBeDisabled();
  await page.getByRole('textbox', { name: 'Global nameservers' }).fill('9.9.9.9');
  await page.getByRole('button', { name: 'Add to Global nameservers' }).click();
  await page.getByRole('button', { name: 'Save nameservers' }).click();
  await expect(magic).toBeEnabled();
  await magic.check();
  await expect(magic).toBeChecked();
  await page.getByRole('textbox', { name: 'Search paths' }).fill('corp.example');
  await page.getByRole('textbox', { name: 'Search paths' }).press('Enter');
  await page.getByRole('button', { name: 'Save search paths' }).click();
  await expect(page.getByRole('button', { name: 'Save search paths' })).toBeDisabled();
  await page.getByLabel('Split DNS domain', { exact: true }).fill('lab.example');
  await page.getByLabel('Its nameservers (comma separated)').fill('10.1.0.53, 10.1.0.54');
  await page.getByRole('button', { name: 'Add split DNS' }).click();
  await expect(page.getByTestId('split-row')).toContainText('10.1.0.53, 10.1.0.54');
  await shot(page, 'dns');

  // Everything is stored.
  await page.reload();
  await expect(page.getByRole('switch', { name: /MagicDNS/ })).toBeChecked();
  await expect(page.getByRole('list', { name: 'Search paths' })).toContainText('corp.example');
  await expect(page.getByRole('list', { name: 'Global nameservers' })).toContainText('9.9.9.9');

  // Deleting asks first.
  await page.getByRole('button', { name: 'Remove split DNS for lab.example' }).click();
  await page.getByRole('button', { name: 'Confirm remove' }).click();
  await expect(page.getByText('No split DNS')).toBeVisible();
  await edited.getByRole('button', { name: 'Delete Office resolvers' }).click();
  await edited.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByText('No nameserver groups yet')).toBeVisible();
  check();
});

test('Settings: change peer settings, see a refused network range explained, find the change in the audit log', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!, REFUSED);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Settings/ }).click();
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  const save = page.getByRole('button', { name: 'Save settings' });
  await expect(save).toBeDisabled();

  await page.getByLabel('Login expires after (hours)').fill('0');
  await save.click();
  await expect(page.locator('p[role=alert]')).toContainText('between 1 and 4320 hours');
  await page.getByLabel('Login expires after (hours)').fill('48');
  await page.getByRole('switch', { name: /Peer approval/ }).check();
  await save.click();
  await expect(save).toBeDisabled();
  await page.reload();
  await expect(page.getByLabel('Login expires after (hours)')).toHaveValue('48');
  await expect(page.getByRole('switch', { name: /Peer approval/ })).toBeChecked();
  await shot(page, 'settings');

  // A new network range asks first; the server refuses a public one with its reason.
  await page.getByLabel('Network range (IPv4)').fill('8.8.0.0/16');
  await save.click();
  await expect(page.getByText('gives every peer a new address')).toBeVisible();
  await page.getByRole('button', { name: 'Confirm new range' }).click();
  await expect(page.locator('p[role=alert]')).toContainText('must be inside 10.0.0.0/8');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByLabel('Network range (IPv4)')).toHaveValue('100.64.0.0/10');

  // The audit log, filtered to that change.
  await page.goto('/app/audit');
  await page.getByLabel('Activity').selectOption('account.setting.peer.approval.enable');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/activity=account\.setting\.peer\.approval\.enable/);
  await expect(page.getByTestId('audit-row')).toHaveCount(1);
  await page.getByLabel('Search').fill('no such thing anywhere');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No events match these filters')).toBeVisible();
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From (UTC)').fill(today);
  await page.getByLabel('Search').fill('LOGIN.EXPIRATION');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('audit-row')).toHaveCount(1);
  await expect(page.getByTestId('audit-row')).toContainText('account.setting.peer.login.expiration.update');
  await shot(page, 'audit-filtered');

  // Peer approval off again: the specs after this one register peers and expect them active.
  await page.goto('/app/settings');
  await page.getByRole('switch', { name: /Peer approval/ }).uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  await page.reload();
  await expect(page.getByRole('switch', { name: /Peer approval/ })).not.toBeChecked();
  check();
});

test('ZeroTier: create a network, add, authorize and delete a member, edit and delete the network', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!, REFUSED);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^ZeroTier/ }).click();
  await expect(page.getByText('No ZeroTier networks yet')).toBeVisible();
  await page.getByRole('button', { name: 'New network' }).click();
  await page.getByRole('button', { name: 'Create network' }).click();
  await expect(page.locator('p[role=alert]')).toHaveText('Give the network a name.');
  await page.getByLabel('Network name').fill('lab');
  await page.getByLabel('Managed IPv4 range (optional)').fill('10.147.17.0/24');
  await page.getByRole('button', { name: 'Create network' }).click();
  const net = page.getByTestId('zt-network-row').filter({ hasText: 'lab' });
  await expect(net).toContainText('private');
  await expect(net).toContainText('10.147.17.0/24');

  // Members (the new network's panel opens by itself).
  await expect(page.getByRole('heading', { name: 'Members of lab' })).toBeVisible();
  await expect(page.getByText('No members yet')).toBeVisible();
  await page.getByLabel('Node id').fill('not-a-node');
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.locator('p[role=alert]')).toContainText('10 hexadecimal digits');
  await page.getByLabel('Node id').fill('89e92ceee5');
  await page.getByLabel('Member name').fill('build server');
  await page.getByRole('button', { name: 'Add member' }).click();
  const member = page.getByTestId('member-row').filter({ hasText: 'build server' });
  await expect(member.getByTestId('member-state')).toHaveText('authorized');
  await expect(member).toContainText('10.147.17.');
  await expect(net.getByTestId('zt-member-count')).toHaveText('1 / 1 authorized');
  await shot(page, 'zerotier');
  await member.getByRole('button', { name: 'Deauthorize build server' }).click();
  await expect(member.getByTestId('member-state')).toHaveText('not authorized');
  await expect(net.getByTestId('zt-member-count')).toHaveText('0 / 1 authorized');
  await member.getByRole('button', { name: 'Delete member build server' }).click();
  await member.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByText('No members yet')).toBeVisible();

  // Edit, then delete the network.
  await net.getByRole('button', { name: 'Edit lab' }).click();
  await page.getByLabel('Network name').fill('lab two');
  await page.getByRole('switch', { name: /Private/ }).uncheck();
  await page.getByRole('button', { name: 'Save network' }).click();
  const renamed = page.getByTestId('zt-network-row').filter({ hasText: 'lab two' });
  await expect(renamed).toContainText('public');
  await expect(renamed).toContainText('10.147.17.0/24');
  await renamed.getByRole('button', { name: 'Delete lab two' }).click();
  await renamed.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByText('No ZeroTier networks yet')).toBeVisible();
  check();
});

test('setup keys: extra DNS labels shown, auto-groups edited, key deleted', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  await page.goto('/app/groups');
  await page.getByLabel('New group').fill('kiosks');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByTestId('group-row').filter({ hasText: 'kiosks' })).toBeVisible();

  await page.goto('/app/setup-keys');
  await page.getByLabel('Name').fill('labelled key');
  await page.getByRole('checkbox', { name: 'Allow extra DNS labels' }).check();
  await page.getByRole('button', { name: 'Create setup key' }).click();
  await expect(page.getByTestId('key-secret')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  const row = page.getByTestId('key-row').filter({ hasText: 'labelled key' });
  await expect(row).toContainText('extra DNS labels');
  await expect(row).toContainText('never');

  await row.getByRole('button', { name: 'Edit groups of labelled key' }).click();
  const form = page.getByRole('form', { name: 'Auto-assigned groups of labelled key' });
  await form.getByRole('checkbox', { name: 'kiosks' }).check();
  await form.getByRole('button', { name: 'Save groups' }).click();
  await expect(form).toHaveCount(0);
  await expect(row.locator('td').nth(5)).toHaveText('kiosks');
  await shot(page, 'setup-keys');

  await row.getByRole('button', { name: 'Delete labelled key' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByTestId('key-row').filter({ hasText: 'labelled key' })).toHaveCount(0);
  check();
});

const PAGES = ['/app', '/app/groups', '/app/setup-keys', '/app/users', '/app/tokens', '/app/audit', '/app/dns', '/app/settings', '/app/zerotier'];

async function seriousViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('every console page passes axe in light and dark mode, with visible keyboard focus', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const check = guard(page, baseURL!);
  await signIn(page);
  const problems: string[] = [];
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => localStorage.setItem('meshdeck-theme', t), theme);
    for (const path of PAGES) {
      await page.goto(path);
      await settled(page);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      problems.push(...(await seriousViolations(page)));
    }
  }
  expect(problems, problems.join('\n')).toEqual([]);

  // Keyboard: Tab reaches the navigation and the page's first form control, each with a focus ring.
  await page.evaluate(() => localStorage.setItem('meshdeck-theme', 'light'));
  await page.goto('/app/dns');
  await expect(page.getByRole('button', { name: 'Add nameserver group' })).toBeVisible();
  const outline = () => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('meshdeck');
  expect(await outline()).toBe('solid');
  for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Add nameserver group'; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add nameserver group');
  expect(await outline()).toBe('solid');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'New nameserver group' })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('meshdeck-theme', 'dark'));
  await page.goto('/app/zerotier');
  await expect(page.getByText('No ZeroTier networks yet')).toBeVisible();
  await shot(page, 'zerotier-dark');
  await page.goto('/app/dns');
  await expect(page.getByText('No nameserver groups yet')).toBeVisible();
  await shot(page, 'dns-dark');
  check();
});
