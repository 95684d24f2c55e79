// The traffic page on demo data: `npm run demo`'s script fills the e2e server's database, then the
// page's charts render, follow a filter and the range picker, the events table pages, keyboard
// users reach every control, and axe finds no serious or critical problem in light or dark mode.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { guard, shot, signIn } from './helpers';

test.beforeAll(() => {
  // The same database as the e2e server (playwright.config.ts); the demo works beside a running server.
  execFileSync('node_modules/.bin/tsx', ['scripts/demo.ts', '--events', '30000', '--days', '7'], {
    env: { ...process.env, MESHDECK_DATA_DIR: process.env.MESHDECK_E2E_DATA, DATABASE_URL: '' },
    stdio: 'pipe',
    timeout: 120_000,
  });
});

async function noSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

const totalFlows = async (page: Page) => Number((await page.getByTestId('traffic-totals').locator('.num').first().textContent())!.replace(/,/g, ''));

test('traffic charts from demo data follow the range and filters; table pages; keyboard, axe, dark mode', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Traffic/ }).click();
  await expect(page.getByRole('heading', { name: 'Traffic', level: 1 })).toBeVisible();

  // Last 24 hours (default): charts from the rollups.
  const bytes = page.getByRole('figure', { name: /Bytes over time/ });
  await expect(bytes.getByRole('application')).toBeVisible();
  await expect(bytes.locator('.recharts-area')).toHaveCount(2);
  await expect(page.getByRole('figure', { name: /Flows by protocol/ })).toContainText('TCP');
  await expect(page.getByRole('figure', { name: /Top peers/ }).locator('.recharts-bar-rectangle').first()).toBeVisible();
  const day = await totalFlows(page);
  expect(day).toBeGreaterThan(1000);

  // Last 7 days: more flows.
  await page.getByLabel('Time range', { exact: true }).selectOption('7d');
  await expect.poll(() => totalFlows(page)).toBeGreaterThan(day);
  const week = await totalFlows(page);
  expect(week).toBeGreaterThanOrEqual(29_000);

  // A filter: only UDP. The charts and the table follow it.
  await page.getByLabel('Protocol', { exact: true }).selectOption('17');
  await expect.poll(() => totalFlows(page)).toBeLessThan(week);
  await expect(page.getByRole('figure', { name: /Flows by protocol/ }).locator('figcaption')).toHaveText(/Flows by protocolUDP: [\d,]+$/);
  await expect(page.getByTestId('traffic-row').first()).toBeVisible();
  for (const cell of await page.getByTestId('traffic-row').locator('td:nth-child(5)').allTextContents()) expect(cell).toBe('UDP');
  await shot(page, 'traffic-udp-7d');

  // Paging the events table.
  await expect(page.getByTestId('traffic-page')).toContainText('Page 1 of');
  await page.getByRole('button', { name: 'Older →' }).click();
  await expect(page.getByTestId('traffic-page')).toContainText('Page 2 of');

  // Search from the keyboard: answered from the hourly search sums, so without a note.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => totalFlows(page)).toBe(week);
  await page.getByLabel(/^Search/).fill('wiki');
  await page.getByLabel(/^Search/).press('Enter');
  await expect.poll(() => totalFlows(page)).toBeLessThan(week);
  const wiki = await totalFlows(page);
  await expect(page.getByTestId('traffic-note')).toHaveCount(0);
  await expect(page.getByTestId('traffic-page')).toContainText('Page 1 of');
  await expect(page.getByTestId('traffic-row').first()).toContainText('wiki.internal');
  // A port number too (the sums and the events of the source ports it can match).
  await page.getByLabel(/^Search/).fill('5432');
  await page.getByLabel(/^Search/).press('Enter');
  await expect.poll(() => totalFlows(page)).not.toBe(wiki);
  await expect(page.getByTestId('traffic-note')).toHaveCount(0);
  await expect(page.getByTestId('traffic-row').first()).toContainText('5432');
  const port = await totalFlows(page);
  // One digit is inside most source ports: the sums by port digit answer, still without a note.
  await page.getByLabel(/^Search/).fill('7');
  await page.getByLabel(/^Search/).press('Enter');
  await expect.poll(() => totalFlows(page)).not.toBe(port);
  await expect(page.getByTestId('traffic-note')).toHaveCount(0);

  // Every control is reachable with Tab, in order.
  await page.getByLabel('Time range', { exact: true }).focus();
  const reached: string[] = [];
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || ''));
  }
  for (const id of ['f-reporter', 'f-source', 'f-destination', 'f-user', 'f-protocol', 'f-direction', 'f-connection', 'f-type', 'f-search']) expect(reached).toContain(id);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => totalFlows(page)).toBe(week);
  await noSeriousAxeViolations(page);
  await shot(page, 'traffic-7d');

  // Custom range: validated before sending.
  await page.getByLabel('Time range', { exact: true }).selectOption('custom');
  await page.getByLabel('From', { exact: true }).fill('2030-01-02T00:00');
  await page.getByLabel('To', { exact: true }).fill('2030-01-01T00:00');
  await page.getByRole('button', { name: 'Apply range' }).click();
  await expect(page.locator('p[role=alert]')).toHaveText('The end of the range must be after its start.');
  await page.getByLabel('To', { exact: true }).fill('2030-01-03T00:00');
  await page.getByRole('button', { name: 'Apply range' }).click();
  await expect(page.getByText('No traffic in this range')).toBeVisible();

  // Dark mode.
  await page.getByLabel('Time range', { exact: true }).selectOption('7d');
  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('figure', { name: /Bytes over time/ }).getByRole('application')).toBeVisible();
  await noSeriousAxeViolations(page);
  await shot(page, 'traffic-dark');
  await page.getByRole('button', { name: 'Switch to light mode' }).click();
  check();
});
