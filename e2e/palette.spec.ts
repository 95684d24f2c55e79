// The command palette and keyboard shortcuts, driven from the keyboard only: Ctrl-K opens the
// palette anywhere in the console, a typed peer IP finds the peer on the server and Enter opens its
// page; actions open their forms (New setup key) or run in the palette (Approve a peer…); `?` lists
// the shortcuts, but not while typing in a field; Esc closes each dialog. Both dialogs pass axe in
// light and dark mode. Peers come from the agent API (the set-up, not the test, uses requests).
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { guard, shot, signIn } from './helpers';

const PEERS = ['palette-e2e-one', 'palette-e2e-two'];

type Peer = { id: string; name: string; ip: string; dns_label: string; approval_required: boolean };

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Two peers registered with a fresh setup key; the second waits for approval. */
async function seedPeers(request: APIRequestContext, origin: string): Promise<Peer[]> {
  const headers = { Origin: origin };
  const key = await request.post('/api/setup-keys', { headers, data: { name: 'palette-e2e', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 } });
  expect(key.status()).toBe(200);
  const { key: secret } = await key.json();
  for (const hostname of PEERS) {
    const r = await request.post('/api/agent/register', { data: { setup_key: secret, public_key: randomBytes(32).toString('base64'), hostname, meta: { os: 'linux', version: '0.60.0' } } });
    expect(r.status()).toBe(201);
  }
  const all: Peer[] = await (await request.get('/api/peers')).json();
  const peers = PEERS.map((n) => all.find((p) => p.name === n)!);
  const unauthorize = await request.post(`/api/v2/device/${peers[1].id}/authorized`, { headers, data: { authorized: false } });
  expect(unauthorize.ok()).toBe(true);
  return peers;
}

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const field = (page: Page) => page.getByRole('combobox', { name: /^Search pages, peers/ });
const activeOption = (page: Page) => page.getByRole('listbox', { name: 'Results' }).getByRole('option', { selected: true });

test('Ctrl-K finds a peer by IP and Enter opens it; ? lists the shortcuts; keyboard only', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  const [one, two] = await seedPeers(page.request, baseURL!);

  // From the dashboard, without a mouse: Ctrl-K, the field has focus, the IP is found on the server.
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  await expect(field(page)).toBeFocused();
  await page.keyboard.type(one.ip);
  const first = activeOption(page);
  await expect(first).toContainText(one.name);
  await expect(first).toContainText(one.ip);
  await expect(field(page)).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  await shot(page, 'palette-peer-by-ip');
  await axe(page);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/app/peers/${one.id}$`));
  await expect(page.getByRole('heading', { name: one.name, level: 1 })).toBeVisible();
  await expect(palette(page)).toHaveCount(0);

  // `?` outside a field lists the shortcuts, in light and dark mode; Esc closes the list.
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toBeVisible();
  await expect(shortcuts).toContainText('Open the command palette');
  await expect(shortcuts.getByRole('button', { name: 'Close' })).toBeFocused();
  await axe(page);
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await page.keyboard.press('?');
  await expect(shortcuts).toBeVisible();
  await shot(page, 'palette-shortcuts-dark');
  await axe(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await page.keyboard.type(two.name);
  await expect(activeOption(page)).toContainText(two.name);
  await expect(activeOption(page)).toContainText('waiting for approval');
  await shot(page, 'palette-dark');
  await axe(page);
  await page.keyboard.press('Escape');
  await expect(palette(page)).toHaveCount(0);

  // ↓/↑ move through pages and actions, also after the server's (empty) answer came; Esc closes.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('set');
  await expect(activeOption(page)).toContainText('Setup Keys');
  await page.keyboard.press('ArrowDown');
  await expect(activeOption(page)).toContainText('Settings');
  await page.keyboard.press('ArrowDown');
  await expect(activeOption(page)).toContainText('New setup key');
  await expect(palette(page).getByRole('status')).toHaveText(/^\d+ results?$/);
  await expect(activeOption(page)).toContainText('New setup key');
  await page.keyboard.press('ArrowUp');
  await expect(activeOption(page)).toContainText('Settings');
  await page.keyboard.press('Escape');
  await expect(palette(page)).toHaveCount(0);

  // An action: New setup key opens the setup keys page with the cursor in the form's Name field.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('new setup');
  await expect(activeOption(page)).toContainText('New setup key');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/app\/setup-keys$/);
  const keyName = page.getByLabel('Name', { exact: true });
  await expect(keyName).toBeFocused();

  // Approve a peer…: the palette lists the peers waiting for approval; Enter approves one.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('approve');
  await expect(activeOption(page)).toContainText('Approve a peer');
  await page.keyboard.press('Enter');
  const approving = page.getByRole('dialog', { name: 'Approve a peer' });
  // Other specs may leave peers waiting too: walk the list with the keyboard to this spec's own.
  await expect(approving.getByRole('option').filter({ hasText: two.name })).toHaveCount(1);
  for (let i = 0; i < 50 && !((await activeOption(page).textContent()) ?? '').includes(two.name); i++) await page.keyboard.press('ArrowDown');
  await expect(activeOption(page)).toContainText(`Approve ${two.name}`);
  await page.keyboard.press('Enter');
  await expect(approving.getByRole('status')).toHaveText(`${two.name} approved.`);
  await expect(approving.getByRole('option').filter({ hasText: two.name })).toHaveCount(0);
  const after: Peer = await (await page.request.get(`/api/peers/${two.id}`)).json();
  expect(after.approval_required).toBe(false);
  await page.keyboard.press('Escape');
  await expect(approving).toHaveCount(0);

  // Focus is back in the field it was in; `?` typed there is text, not a shortcut.
  await expect(keyName).toBeFocused();
  await page.keyboard.type('a?');
  await expect(keyName).toHaveValue('a?');
  await expect(shortcuts).toHaveCount(0);

  // The peers of this spec go again (other specs count what they register).
  for (const p of [one, two]) expect((await page.request.delete(`/api/peers/${p.id}`, { headers: { Origin: baseURL! } })).status()).toBe(200);
  check();
});
