// Issue #22, "Finish": Monaco follows the console's theme (editor, save diff, history diff; toggled
// without a reload); every console page at phone width (390 px) with no sideways page scroll, the
// navigation behind its menu, the peers' filters behind one button and rows as cards (screenshots in
// e2e/screenshots/phone-*.png); bulk actions show progress; deletions say what they remove; and the
// axe sweep over every console page, light and dark.
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { editorArea, guard, setText, settled, shot, signIn } from './helpers';

const DARK_PANEL = 'rgb(23, 26, 33)'; // --panel in dark mode (app/globals.css), meshdeck-dark's background
const LIGHT_PANEL = 'rgb(255, 255, 255)';
const PHONE = { width: 390, height: 844 };
const PEERS = Array.from({ length: 60 }, (_, i) => `fin-${String(i).padStart(2, '0')}`);

/** Every page of the console, with what shows once it has loaded. `{peer}`/`{network}` are filled in. */
const PAGES = [
  '/app',
  '/app/peers',
  '/app/peers/{peer}',
  '/app/groups',
  '/app/acl',
  '/app/policies',
  '/app/posture-checks',
  '/app/setup-keys',
  '/app/routes',
  '/app/networks',
  '/app/networks/{network}',
  '/app/dns',
  '/app/users',
  '/app/tokens',
  '/app/traffic',
  '/app/audit',
  '/app/zerotier',
  '/app/ziti',
  '/app/ziti/services',
  '/app/ziti/sessions',
  '/app/settings',
  '/app/accounts',
];

const background = (page: Page, container: string) =>
  page.locator(`${container} .monaco-editor-background`).first().evaluate((el) => getComputedStyle(el).backgroundColor);


const EDITED = `// finish e2e: the theme check's edit
{
	"acls": [
		{"action": "accept", "src": ["*"], "dst": ["*:22"]},
	],
}
`;


async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((t) => localStorage.setItem('meshdeck-theme', t), theme);
}


/** Registers `names` as peers through the agent API, with a new setup key; returns the key's name. */
async function registerPeers(page: Page, request: APIRequestContext, names: string[], keyName: string) {
  await page.goto('/app/setup-keys');
  await page.getByLabel('Name').fill(keyName);
  await page.getByRole('button', { name: 'Create setup key' }).click();
  const key = (await page.getByTestId('key-secret').textContent())!.trim();
  for (const hostname of names) {
    const r = await request.post('/api/agent/register', { data: { setup_key: key, public_key: randomBytes(32).toString('base64'), hostname, meta: { os: 'linux', version: '0.60.0' } } });
    expect(r.status()).toBe(201);
  }
}

/** Ids to fill the detail pages' paths with: a peer and a network (made here if there is none). */
async function detailIds(page: Page) {
  return page.evaluate(async () => {
    const peers = await (await fetch('/api/peers')).json();
    let networks = await (await fetch('/api/networks')).json();
    if (!networks.length) {
      await fetch('/api/networks', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'finish-net', description: 'phone-width check' }) });
      networks = await (await fetch('/api/networks')).json();
    }
    return { peer: peers[0].id as string, network: networks[0].id as string };
  });
}

const fill = (path: string, ids: { peer: string; network: string }) => path.replace('{peer}', ids.peer).replace('{network}', ids.network);
const shotName = (path: string) => path.replace(/^\/app\/?/, '').replace(/\{(\w+)\}/g, '$1').replace(/\//g, '-') || 'dashboard';

test.describe.configure({ mode: 'serial' });

test('Monaco is dark in dark mode (editor, save diff, history diff) and follows a toggle without a reload', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const check = guard(page, baseURL!);
  await signIn(page);
  await setTheme(page, 'dark');
  await page.goto('/app/acl');
  await expect(editorArea(page)).toBeAttached({ timeout: 30_000 });
  await expect(page.getByTestId('acl-status')).toContainText(/No problems|problem/, { timeout: 30_000 });
  // Loaded in dark mode: the editor is dark from the start (it was repainted white on mount).
  await expect.poll(() => background(page, '[data-testid="acl-editor"]')).toBe(DARK_PANEL);

  // An edit, then its diff: dark as well.
  await setText(page, EDITED);
  await expect(page.getByTestId('acl-status')).toContainText('No problems');
  await page.getByRole('button', { name: 'Review and save…' }).click();
  await expect(page.getByTestId('diff-save')).toBeVisible();
  await expect.poll(() => background(page, '[data-testid="diff-save"]')).toBe(DARK_PANEL);
  await shot(page, 'acl-monaco-dark');

  // The toggle repaints every Monaco view at once.
  await page.getByRole('button', { name: 'Switch to light mode' }).click();
  await expect.poll(() => background(page, '[data-testid="acl-editor"]')).toBe(LIGHT_PANEL);
  await expect.poll(() => background(page, '[data-testid="diff-save"]')).toBe(LIGHT_PANEL);
  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await expect.poll(() => background(page, '[data-testid="acl-editor"]')).toBe(DARK_PANEL);

  // Saved, the history's diff is dark too.
  await page.getByLabel('Message (optional)').fill('finish: theme check');
  await page.getByRole('button', { name: 'Save policy' }).click();
  const saved = page.getByText(/Saved as version \d+\./);
  await expect(saved).toBeVisible();
  const version = Number((await saved.textContent())!.match(/version (\d+)/)![1]);
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: /^View version/ }).first().click();
  await expect(page.getByTestId('diff-history')).toBeVisible();
  await expect.poll(() => background(page, '[data-testid="diff-history"]')).toBe(DARK_PANEL);
  await shot(page, 'acl-history-dark');

  // Put back the document the specs after this one expect; the restore says what it replaces first.
  if (version > 1) {
    await page.getByRole('button', { name: `Restore version ${version - 1}` }).click();
    await expect(page.getByTestId('confirm-what')).toContainText(`Saves version ${version - 1} as the current document`);
    await page.getByRole('button', { name: `Confirm restore of version ${version - 1}` }).click();
    await expect(page.getByText('Version restored and saved as the newest version.')).toBeVisible();
  }
  await setTheme(page, 'light');
  check();
});

test('every console page at 390 px: no sideways scroll, the navigation in its menu, peers filters behind one button and rows as cards', async ({ page, baseURL, request }) => {
  test.setTimeout(240_000);
  const check = guard(page, baseURL!);
  await page.setViewportSize(PHONE);
  await page.goto('/app/login');
  await shot(page, 'phone-login');
  await signIn(page);
  await setTheme(page, 'light');
  await registerPeers(page, request, PEERS, 'finish-phone');
  const ids = await detailIds(page);

  const wide: string[] = [];
  for (const path of PAGES) {
    await page.goto(fill(path, ids));
    await settled(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) wide.push(`${path}: ${overflow}px wider than the screen`);
    await shot(page, `phone-${shotName(path)}`);
  }
  expect(wide, wide.join('\n')).toEqual([]);

  // The navigation: behind "Menu", every section reachable.
  await page.goto('/app/peers');
  await settled(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Groups' })).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(nav.getByRole('link', { name: 'Groups' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
  await shot(page, 'phone-menu-open');
  await nav.getByRole('link', { name: 'Peers' }).click();
  await expect(nav.getByRole('link', { name: 'Groups' })).toBeHidden();

  // Peers: one "Filters" button instead of the fields, so the first row shows on the first screen.
  const filters = page.getByRole('button', { name: /^Filters/ });
  await expect(filters).toBeVisible();
  await expect(filters).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Search')).toBeHidden();
  const first = page.getByTestId('peer-row').first();
  await expect(first).toBeVisible();
  expect((await first.boundingBox())!.y).toBeLessThan(PHONE.height);
  // Rows are cards: one line per column, labelled with the column's heading.
  expect(await first.evaluate((tr) => getComputedStyle(tr).display)).toBe('block');
  await expect(first.locator('td[data-label="IP"]')).toHaveText(/^\d+\.\d+\.\d+\.\d+$/);

  await filters.click();
  await expect(page.getByLabel('Search')).toBeVisible();
  await page.getByLabel('Search').fill('fin-0');
  await page.getByLabel('Search').press('Enter');
  await expect(page).toHaveURL(/q=fin-0/);
  await expect(page.getByRole('button', { name: 'Filters (1 set)' })).toBeVisible();
  await expect(page.getByTestId('peer-total')).toContainText('of 10 peers');
  await shot(page, 'phone-peers-filtered');

  // The virtualized list of cards still reaches its last row by scrolling.
  await page.goto('/app/peers?q=fin-');
  await expect(page.getByTestId('peer-total')).toContainText('of 60 peers');
  await expect(async () => {
    await page.locator('.table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.getByTestId('peer-row').filter({ hasText: 'fin-59' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  // Wide screens show the fields, no button.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('button', { name: /^Filters/ })).toBeHidden();
  await expect(page.getByLabel('Search')).toBeVisible();
  expect(await page.getByTestId('peer-row').first().evaluate((tr) => getComputedStyle(tr).display)).toBe('table-row');
  check();
});

async function seriousViolations(page: Page) {
  // Monaco's own widgets (hidden textarea, minimap-less overlays) are the editor's, not the page's.
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.monaco-editor').analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('axe: every console page, light and dark, wide and at phone width', async ({ page, baseURL }) => {
  test.setTimeout(600_000);
  const check = guard(page, baseURL!);
  await signIn(page);
  const ids = await detailIds(page);
  const problems: string[] = [];
  for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
    await page.setViewportSize(viewport);
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      for (const path of PAGES) {
        await page.goto(fill(path, ids));
        await settled(page);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        problems.push(...(await seriousViolations(page)).map((p) => `[${theme} ${viewport.width}px] ${p}`));
      }
    }
  }
  await setTheme(page, 'light');
  expect(problems, problems.join('\n')).toEqual([]);
  check();
});

test('bulk actions show their progress; deletions name what they remove before they do', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const check = guard(page, baseURL!);
  await signIn(page);
  await page.goto('/app/groups');
  await page.getByLabel('New group').fill('finish-bulk');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByTestId('group-row').filter({ hasText: 'finish-bulk' })).toHaveCount(1);

  // Each batch answers slowly (held 400 ms here), so the bar can be seen advancing.
  const batches: number[] = [];
  await page.route('**/api/console/peers/bulk', async (route) => {
    batches.push((route.request().postDataJSON() as { ids: string[] }).ids.length);
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await page.goto('/app/peers?q=fin-');
  await expect(page.getByTestId('peer-total')).toContainText('of 60 peers');
  await page.getByRole('checkbox', { name: 'Select all peers on this page' }).check();
  await expect(page.getByTestId('selected-count')).toHaveText('60 peers selected');
  await page.getByLabel('Group for the selection').selectOption({ label: 'finish-bulk' });
  await page.getByRole('button', { name: 'Add to group' }).click();
  const progress = page.getByTestId('progress');
  await expect(progress).toContainText('Adding to the group: 0 of 60 peers');
  await expect(progress).toContainText('Adding to the group: 50 of 60 peers');
  expect(await progress.locator('progress').getAttribute('value')).toBe('50');
  await shot(page, 'bulk-progress');
  await expect(page.getByText('Done: 60 of 60 selected peers changed.')).toBeVisible();
  await expect(progress).toHaveCount(0);
  expect(batches).toEqual([50, 10]);
  await page.unroute('**/api/console/peers/bulk');

  // The group's deletion says how many peers leave it (cancelled here).
  await page.goto('/app/groups');
  const row = page.getByTestId('group-row').filter({ hasText: 'finish-bulk' });
  await row.getByRole('button', { name: 'Delete finish-bulk' }).click();
  await expect(row.getByTestId('confirm-what')).toHaveText('Deletes group finish-bulk: 60 peers and 0 resources leave it.');
  await row.getByRole('button', { name: 'Cancel' }).click();

  // A bulk delete names the peers before it removes them.
  await page.goto('/app/peers?q=fin-5');
  await expect(page.getByTestId('peer-total')).toContainText('of 10 peers');
  for (const n of ['fin-50', 'fin-51', 'fin-52']) await page.getByRole('checkbox', { name: `Select ${n}` }).check();
  await page.getByRole('button', { name: 'Delete 3 peers' }).click();
  await expect(page.getByTestId('confirm-what')).toHaveText('Deletes 3 peers: fin-50, fin-51, fin-52. Each is cut off the network until it registers again.');
  await shot(page, 'bulk-delete-confirm');
  await page.getByRole('button', { name: 'Confirm: delete 3 peers' }).click();
  await expect(page.getByText('Done: 3 of 3 selected peers changed.')).toBeVisible();
  await expect(page.getByTestId('peer-total')).toContainText('of 7 peers');

  // Clean up for the specs that run after this one (same server): the other 57 peers in one bulk
  // delete (two batches; the confirmation names ten and counts the rest), then the group, the
  // setup key and the network made here.
  await page.goto('/app/peers?q=fin-');
  await expect(page.getByTestId('peer-total')).toContainText('of 57 peers');
  await page.getByRole('checkbox', { name: 'Select all peers on this page' }).check();
  await page.getByRole('button', { name: 'Delete 57 peers' }).click();
  await expect(page.getByTestId('confirm-what')).toContainText('fin-09 and 47 more.');
  await page.getByRole('button', { name: 'Confirm: delete 57 peers' }).click();
  await expect(page.getByText('Done: 57 of 57 selected peers changed.')).toBeVisible();
  await expect(page.getByTestId('peers-empty')).toBeVisible();
  const statuses = await page.evaluate(async () => {
    const out: number[] = [];
    const del = async (path: string) => out.push((await fetch(path, { method: 'DELETE' })).status);
    for (const g of await (await fetch('/api/groups')).json()) if (g.name === 'finish-bulk') await del(`/api/groups/${g.id}`);
    for (const k of await (await fetch('/api/setup-keys')).json()) if (k.name === 'finish-phone') await del(`/api/setup-keys/${k.id}`);
    for (const n of await (await fetch('/api/networks')).json()) if (n.name === 'finish-net') await del(`/api/networks/${n.id}`);
    return out;
  });
  // The network is made only when there was none.
  expect(statuses.length).toBeGreaterThanOrEqual(2);
  expect(statuses.every((st) => st === 200)).toBe(true);
  check();
});
