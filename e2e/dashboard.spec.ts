// The dashboard on demo data (`npm run demo` into an account of its own): every card links to the
// page filtered to match and that page lists as many as the card says; the 24 h traffic panel's top
// talker opens the traffic page filtered to it; the last 10 changes say who, what, when and
// through which API; an agent connecting raises the online count without a reload; axe finds no
// serious problem in light or dark mode.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { guard, shot, signIn } from './helpers';

const OWNER = { email: 'dash-owner@dash-demo.test', password: 'dash-owner-password' };
const env = { ...process.env, MESHDECK_DATA_DIR: process.env.MESHDECK_E2E_DATA, DATABASE_URL: '' };

test.beforeAll(() => {
  const tsx = 'node_modules/.bin/tsx';
  // A worker restarted after a failure runs this again: the account and its demo data are made once.
  const [account, made] = execFileSync(tsx, ['e2e/dashboard-account.ts', 'dash-demo.test', OWNER.email, OWNER.password], { env, encoding: 'utf8', timeout: 60_000 }).trim().split('\n').pop()!.split(' ');
  if (made === 'new') execFileSync(tsx, ['scripts/demo.ts', '--account', account, '--events', '20000', '--days', '2'], { env, stdio: 'pipe', timeout: 120_000 });
});

async function noSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

const cardValue = async (page: Page, id: string) => Number((await page.getByTestId(`card-${id}-value`).textContent())!.replace(/,/g, ''));
const peerTotal = async (page: Page) => {
  const text = (await page.getByTestId('peer-total').textContent())!;
  return text.startsWith('No peers') ? 0 : Number(/of ([\d,]+) peers/.exec(text)![1].replace(/,/g, ''));
};

const PEER_CARDS: [string, RegExp][] = [
  ['peers', /\/app\/peers$/],
  ['online', /connected=true/],
  ['offline', /connected=false&seen=stale24h/],
  ['pending', /approval=pending/],
  ['login-expiring', /loginExpiration=soon/],
  ['outdated', /outdated=true/],
  ['posture', /posture=failing/],
];

test('dashboard cards from demo data link to the pages filtered to match', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page.getByTestId('card-peers-value')).not.toHaveText('0');
  // The demo's network: ~50 peers, a fifth offline for days, several agent versions, peers outside
  // the posture check's countries, a setup key expiring within the week.
  expect(await cardValue(page, 'peers')).toBeGreaterThanOrEqual(40);
  expect(await cardValue(page, 'offline')).toBeGreaterThan(0);
  expect(await cardValue(page, 'outdated')).toBeGreaterThan(0);
  // Computed once per change, after answering: a first view may say "…" and fill in live.
  await expect(page.getByTestId('card-posture-value')).not.toHaveText('…', { timeout: 15_000 });
  expect(await cardValue(page, 'posture')).toBeGreaterThan(0);
  expect(await cardValue(page, 'keys-expiring')).toBeGreaterThanOrEqual(1);
  await shot(page, 'dashboard-demo');

  for (const [id, url] of PEER_CARDS) {
    // Back on the dashboard, the router may show its first render until the view refreshes itself.
    await expect(page.getByTestId('card-posture-value')).not.toHaveText('…', { timeout: 15_000 });
    const want = await cardValue(page, id);
    await page.getByTestId(`card-${id}`).click();
    await expect(page).toHaveURL(url);
    await expect(page.getByTestId('peer-total')).not.toContainText('Loading');
    await expect.poll(() => peerTotal(page), { message: `card ${id}` }).toBe(want);
    await page.goBack();
    await expect(page.getByTestId(`card-${id}`)).toBeVisible();
  }

  const keys = await cardValue(page, 'keys-expiring');
  await page.getByTestId('card-keys-expiring').click();
  await expect(page).toHaveURL(/\/app\/setup-keys\?expiring=7d/);
  await expect(page.getByTestId('keys-filter')).toBeVisible();
  await expect(page.getByTestId('key-row')).toHaveCount(keys);
  await page.goBack();

  await page.getByTestId('card-tokens-expiring').click();
  await expect(page).toHaveURL(/\/app\/tokens\?expiring=7d/);
  await expect(page.getByTestId('tokens-filter')).toBeVisible();
  await page.goBack();

  // The last 10 changes: who, what, when, through which API.
  const changes = page.getByTestId('dash-change');
  await expect(changes).toHaveCount(10);
  await expect(changes.first()).toContainText(/UTC/);
  await expect(changes.first().locator('td').nth(3)).toHaveText(/^(netbird|tailscale|zerotier|ziti|console|system)$/);
  await expect(page.getByTestId('dash-acl')).toContainText(/Never saved|Last saved/);

  // Traffic of the last 24 h, its top talker opening the traffic page filtered to that peer.
  await expect(page.getByTestId('dash-traffic-total')).not.toContainText(/^0 B/);
  const top = page.getByTestId('dash-top-peers').getByRole('link').first();
  const name = (await top.textContent())!;
  await top.click();
  await expect(page).toHaveURL(/\/app\/traffic\?reporter_id=/);
  await expect(page.getByLabel('Reporting peer')).toHaveValue(/.+/);
  await expect(page.getByLabel('Reporting peer').locator('option:checked')).toHaveText(name);
  await page.goBack();
  check();
});

test('an agent connecting raises the online count without a reload; axe clean in light and dark', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page, OWNER.email, OWNER.password);
  const before = await cardValue(page, 'online');
  const total = await cardValue(page, 'peers');
  const key = await page.evaluate(async () => {
    const r = await fetch('/api/setup-keys', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'live test', type: 'one-off', expires_in: 30 * 86_400, auto_groups: [], usage_limit: 1 }) });
    return (await r.json()).key as string;
  });
  const publicKey = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 7)).toString('base64');
  const reg = await page.request.post('/api/agent/register', { data: { setup_key: key, public_key: publicKey, hostname: 'live-agent', meta: { os: 'linux', version: '0.60.3', kernel_version: '6.1.0' } } });
  expect(reg.status()).toBe(201);
  const token = (await reg.json()).peer_token as string;
  expect((await page.request.get('/api/agent/sync', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);
  await expect(page.getByTestId('card-peers-value')).toHaveText(String(total + 1), { timeout: 15_000 });
  await expect(page.getByTestId('card-online-value')).toHaveText(String(before + 1), { timeout: 15_000 });

  await noSeriousAxeViolations(page);
  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await noSeriousAxeViolations(page);
  await shot(page, 'dashboard-dark');
  await page.getByRole('button', { name: 'Switch to light mode' }).click();
  check();
});
