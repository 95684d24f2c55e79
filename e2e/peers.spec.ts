// The peers console: a setup key registers peers through the agent API, they appear in the table,
// which sorts, filters (kept in the URL) and bulk-assigns groups; the detail page edits and deletes.
// Each page passes an axe check (no serious or critical violations) in light and dark mode.
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { guard, shot, signIn } from './helpers';

const NAMES = ['pe2e-alpha', 'pe2e-bravo', 'pe2e-charlie'];

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

const rows = (page: Page) => page.getByTestId('peer-row');
const rowNames = (page: Page) => rows(page).getByRole('link').allTextContents();

test('a setup key registers peers that appear in the table; sort, filter, bulk-assign and bulk-delete them', async ({ page, baseURL, request }) => {
  const check = guard(page, baseURL!);
  await signIn(page);

  // A setup key, shown once; the agent API registers three peers with it.
  await page.goto('/app/setup-keys');
  await page.getByLabel('Name').fill('peers-e2e');
  await page.getByRole('button', { name: 'Create setup key' }).click();
  const key = (await page.getByTestId('key-secret').textContent())!.trim();
  for (const [i, hostname] of NAMES.entries()) {
    const r = await request.post('/api/agent/register', {
      data: { setup_key: key, public_key: randomBytes(32).toString('base64'), hostname, meta: { os: i === 1 ? 'darwin' : 'linux', version: `0.6${i}.0` } },
    });
    expect(r.status()).toBe(201);
  }
  await page.reload();
  const keyRow = page.getByTestId('key-row').filter({ hasText: 'peers-e2e' });
  await expect(keyRow).toContainText(`${key.slice(0, 5)}****`);
  await expect(keyRow).not.toContainText(key);

  await page.goto('/app/groups');
  await page.getByLabel('New group').fill('pe2e-fleet');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByTestId('group-row').filter({ hasText: 'pe2e-fleet' })).toHaveCount(1);

  // The registered peers are in the table.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Peers/ }).click();
  await expect(page.getByRole('heading', { name: 'Peers', exact: true })).toBeVisible();
  for (const n of NAMES) await expect(rows(page).filter({ hasText: n })).toHaveCount(1);

  // Filter by text (Enter applies it); the URL keeps it across a reload.
  await page.getByLabel('Search').fill('pe2e-');
  await page.getByLabel('Search').press('Enter');
  await expect(page).toHaveURL(/q=pe2e-/);
  await expect(rows(page)).toHaveCount(3);
  expect(await rowNames(page)).toEqual(NAMES);

  // Sort: the Name heading is a button; from the keyboard too.
  const nameSort = page.getByRole('button', { name: /^Name/ });
  await nameSort.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sort=name%3Adesc|sort=name:desc/);
  await expect.poll(() => rowNames(page)).toEqual([...NAMES].reverse());
  await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'descending');
  await page.reload();
  await expect(page.getByLabel('Search')).toHaveValue('pe2e-');
  await expect.poll(() => rowNames(page)).toEqual([...NAMES].reverse());

  await page.getByRole('textbox', { name: 'OS' }).fill('darwin');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => rowNames(page)).toEqual(['pe2e-bravo']);
  await page.getByRole('textbox', { name: 'OS' }).fill('');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(rows(page)).toHaveCount(3);
  await shot(page, 'peers-table');
  await axe(page);

  // Bulk: select two peers (keyboard: Space on a checkbox), add them to a group.
  await page.getByRole('checkbox', { name: 'Select pe2e-alpha' }).check();
  await page.getByRole('checkbox', { name: 'Select pe2e-charlie' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('selected-count')).toHaveText('2 peers selected');
  await page.getByRole('button', { name: 'Add to group' }).click();
  await expect(page.locator('p[role=alert]')).toHaveText('Choose a group first.');
  await page.getByLabel('Group for the selection').selectOption({ label: 'pe2e-fleet' });
  await page.getByRole('button', { name: 'Add to group' }).click();
  await expect(page.getByRole('status')).toContainText('2 of 2 selected peers changed');
  await expect(rows(page).filter({ hasText: 'pe2e-alpha' })).toContainText('All, pe2e-fleet');
  await expect(rows(page).filter({ hasText: 'pe2e-bravo' })).not.toContainText('pe2e-fleet');

  // The group filter finds exactly them.
  await page.getByLabel('Group', { exact: true }).selectOption({ label: 'pe2e-fleet' });
  await expect(page).toHaveURL(/group=/);
  await expect.poll(() => rowNames(page)).toEqual(['pe2e-charlie', 'pe2e-alpha']);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // Column visibility.
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Show the Version column' }).uncheck();
  await expect(page.getByRole('columnheader', { name: /^Version/ })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Show the Version column' }).check();
  await expect(page.getByRole('columnheader', { name: /^Version/ })).toHaveCount(1);

  // Bulk delete asks first and says how many.
  await page.getByLabel('Search').fill('pe2e-bravo');
  await page.getByLabel('Search').press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Select all peers on this page' }).check();
  await page.getByRole('button', { name: 'Delete 1 peer' }).click();
  await page.getByRole('button', { name: 'Confirm: delete 1 peer' }).click();
  await expect(page.getByTestId('peers-empty')).toContainText('No peer matches these filters');

  // Dark mode.
  await page.evaluate(() => localStorage.setItem('meshdeck-theme', 'dark'));
  await page.goto('/app/peers?q=pe2e-');
  await expect(rows(page)).toHaveCount(2);
  await shot(page, 'peers-table-dark');
  await axe(page);
  await page.evaluate(() => localStorage.setItem('meshdeck-theme', 'light'));
  check();
});

test('peer detail: addresses, groups, accessible peers, routes, traffic; rename, SSH, delete', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  // Other specs replace the access-policy document, so access comes from a NetBird policy of our own.
  const policyId = await page.evaluate(async () => {
    const groups: { id: string; name: string }[] = await (await fetch('/api/groups')).json();
    const fleet = groups.find((g) => g.name === 'pe2e-fleet')!.id;
    const rule = { name: 'fleet', enabled: true, action: 'accept', bidirectional: true, protocol: 'all', sources: [fleet], destinations: [fleet] };
    const res = await fetch('/api/policies', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'pe2e-fleet-mesh', enabled: true, rules: [rule] }) });
    return ((await res.json()) as { id: string }).id;
  });
  expect(policyId).toBeTruthy();
  await page.goto('/app/peers?q=pe2e-alpha');
  await page.getByRole('link', { name: 'pe2e-alpha' }).click();
  await expect(page.getByRole('heading', { name: 'pe2e-alpha', level: 1 })).toBeVisible();
  await expect(page.getByTestId('peer-facts')).toContainText(/100\.\d+\.\d+\.\d+/);
  await expect(page.getByTestId('peer-groups')).toContainText('pe2e-fleet');
  // pe2e-charlie shares the group, so the policy lets pe2e-alpha reach it.
  await expect(page.getByTestId('accessible-row').filter({ hasText: 'pe2e-charlie' })).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Routes' })).toBeVisible();
  await expect(page.getByText('This peer receives no routes.')).toBeVisible();
  await expect(page.getByText('This peer has reported no traffic yet.')).toBeVisible();
  await axe(page);

  await page.getByLabel('Name', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('p[role=alert]')).toHaveText('Give the peer a name.');
  await page.getByLabel('Name', { exact: true }).fill('pe2e-alpha-renamed');
  await page.getByRole('checkbox', { name: 'SSH server enabled' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('heading', { name: 'pe2e-alpha-renamed', level: 1 })).toBeVisible();
  await expect(page.getByTestId('peer-facts')).toContainText('pe2e-alpha-renamed.');
  await shot(page, 'peer-detail');

  await page.getByRole('button', { name: 'Delete peer' }).click();
  await page.getByRole('button', { name: 'Confirm: delete pe2e-alpha-renamed' }).click();
  await expect(page).toHaveURL(/\/app\/peers$/);
  await expect(rows(page).filter({ hasText: 'pe2e-alpha' })).toHaveCount(0);
  expect(await page.evaluate(async (id) => (await fetch(`/api/policies/${id}`, { method: 'DELETE' })).status, policyId)).toBe(200);
  check();
});
