// Access Control (/app/acl): Monaco with live markers from the policy engine, the preview tabs,
// a failing test blocking a save, a save that loses to another writer (through the Tailscale API
// with a token while the page is open), history and restore, marker latency on a 5,000-line
// document, keyboard use, axe and dark mode.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { policyDocument } from '../tests/support/hujson-policy';
import { ADMIN, editorArea, guard, setText, shot, signIn } from './helpers';

// Chromium logs refused requests (a lost save is 412) as console errors.
const EXPECTED_ERRORS = [/status of 412/];

const GOOD = `// e2e policy
{
	"acls": [
		// everyone reaches ssh
		{"action": "accept", "src": ["*"], "dst": ["*:22"]},
	],
}
`;
const BROKEN = GOOD.replace('"action": "accept"', '"action": accept');
const WITH_TESTS = (deny: string) => GOOD.replace('\t"acls"', `\t"tests": [\n\t\t{"src": "100.64.9.8", "accept": ["100.64.9.9:22"], "deny": ["${deny}"]},\n\t],\n\t"acls"`);



async function openAcl(page: Page) {
  await page.goto('/app/acl');
  await expect(page.getByRole('heading', { name: 'Access Control' })).toBeVisible();
  await expect(editorArea(page)).toBeAttached({ timeout: 30_000 });
  await expect(page.getByTestId('acl-status')).toContainText(/No problems|problem/, { timeout: 30_000 });
}

/**
 * An API token of the signed-in owner, made through the NetBird API from the page itself; revoke
 * it when done (other specs expect the owner to start without tokens).
 */
async function ownerToken(page: Page): Promise<{ token: string; revoke(): Promise<void> }> {
  const { token, path } = await page.evaluate(async () => {
    const me = await (await fetch('/api/users/current')).json();
    const res = await fetch(`/api/users/${me.id}/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: `acl-e2e-${Date.now()}`, expires_in: 1 }) });
    const body = await res.json();
    return { token: body.plain_token as string, path: `/api/users/${me.id}/tokens/${body.personal_access_token.id}` };
  });
  return {
    token,
    revoke: async () => {
      const status = await page.evaluate(async (p) => (await fetch(p, { method: 'DELETE' })).status, path);
      expect(status).toBe(200);
    },
  };
}

const basic = (token: string) => ({ Authorization: `Basic ${Buffer.from(`${token}:`).toString('base64')}` });

test('edit with an error marker and a fix, preview a user with line numbers, a failing test blocks saving', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!, EXPECTED_ERRORS);
  await signIn(page);
  await openAcl(page);
  await shot(page, 'acl-loaded');

  // A syntax error: marker in the editor and in the problem list, at line 5.
  await setText(page, BROKEN);
  await expect(page.getByTestId('acl-problems')).toContainText('Line 5, column');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expect(page.getByTestId('acl-status')).toContainText('1 problem');
  await shot(page, 'acl-error-marker');
  await setText(page, GOOD);
  await expect(page.getByTestId('acl-status')).toContainText('No problems');
  await expect(page.getByTestId('acl-problems')).toHaveCount(0);

  // HuJSON → JSON shows the standardized document.
  await expect(page.getByTestId('acl-json')).toContainText('"dst": [');
  await expect(page.getByTestId('acl-json')).not.toContainText('//');

  // Rules preview for the owner: the matching rule with its line number, which jumps to the editor.
  await page.getByRole('tab', { name: 'Rules preview' }).click();
  await page.getByLabel('User email').fill(ADMIN.email);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const jump = page.getByTestId('preview-matches').getByRole('button', { name: 'Go to line 5' });
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(editorArea(page)).toBeFocused();
  await shot(page, 'acl-rules-preview');

  // A failing test: shown per assertion, and saving is blocked.
  await setText(page, WITH_TESTS('100.64.9.9:22'));
  await page.getByRole('tab', { name: 'Tests' }).click();
  await expect(page.getByTestId('tests-summary')).toContainText('1 of 2 assertions fail');
  await expect(page.getByTestId('test-row').filter({ hasText: 'fail' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Review and save…' }).click();
  await expect(page.getByTestId('save-blocked')).toContainText('a failing test blocks saving');
  await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  await shot(page, 'acl-test-blocks-save');

  // Fixed, the same edit saves with a message, after the diff.
  await setText(page, WITH_TESTS('100.64.9.9:80'));
  await expect(page.getByTestId('tests-summary')).toContainText('All 2 assertions pass');
  await expect(page.getByTestId('save-blocked')).toHaveCount(0);
  await expect(page.getByTestId('diff-save')).toBeVisible();
  await page.getByLabel('Message (optional)').fill('ssh for everyone, with tests');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText(/Saved as version \d+\./)).toBeVisible();
  await expect(page.getByTestId('acl-status')).toContainText('saved');
  check();
});

test('a save that lost to another writer shows their change and overwrites only when asked', async ({ page, baseURL, request }) => {
  const check = guard(page, baseURL!, EXPECTED_ERRORS);
  await signIn(page);
  await openAcl(page);
  const { token, revoke } = await ownerToken(page);

  // Someone else saves through the Tailscale API while the page is open.
  const theirs = GOOD.replace('// everyone reaches ssh', '// changed by a script');
  const other = await request.post('/api/v2/tailnet/-/acl', { headers: { ...basic(token), 'Content-Type': 'application/hujson' }, data: theirs });
  expect(other.status()).toBe(200);

  const mine = GOOD.replace('"*:22"', '"*:443"');
  await setText(page, mine);
  await expect(page.getByTestId('acl-status')).toContainText('No problems');
  await page.getByRole('button', { name: 'Review and save…' }).click();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('heading', { name: 'Someone else saved first' })).toBeVisible();
  await expect(page.getByTestId('diff-conflict')).toContainText('changed by a script');
  await shot(page, 'acl-conflict');

  await page.getByRole('button', { name: 'Overwrite with mine' }).click();
  await page.getByRole('button', { name: 'Confirm overwrite' }).click();
  await expect(page.getByText(/Saved as version \d+\./)).toBeVisible();
  const now = await request.get('/api/v2/tailnet/-/acl', { headers: basic(token) });
  expect(await now.text()).toBe(mine);
  await revoke();
  check();
});

test('history: view, compare two versions and restore one', async ({ page, baseURL, request }) => {
  const check = guard(page, baseURL!, EXPECTED_ERRORS);
  await signIn(page);
  await openAcl(page);
  await page.getByRole('button', { name: 'History' }).click();
  const rows = page.getByTestId('version-row');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('acl-history')).toContainText('ssh for everyone, with tests');

  await page.getByRole('button', { name: 'View version 1' }).click();
  await expect(page.getByRole('heading', { name: 'Version 1 compared with the editor' })).toBeVisible();
  await expect(page.getByTestId('diff-history')).toBeVisible();
  await page.getByLabel('Compare version').selectOption('1');
  await page.getByLabel('with version').selectOption('2');
  await page.getByRole('button', { name: 'Show differences' }).click();
  await expect(page.getByRole('heading', { name: 'Version 1 compared with version 2' })).toBeVisible();
  await expect(page.getByTestId('diff-history')).toContainText('Example/default ACLs');
  await shot(page, 'acl-history');

  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await page.getByRole('button', { name: 'Confirm restore of version 1' }).click();
  await expect(page.getByText('Version restored and saved as the newest version.')).toBeVisible();
  await expect(rows).toHaveCount(count + 1);
  await expect(page.getByTestId('acl-history')).toContainText('Restored version 1');
  const { token, revoke } = await ownerToken(page);
  expect(await (await request.get('/api/v2/tailnet/-/acl', { headers: basic(token) })).text()).toContain('Example/default ACLs');
  await revoke();
  check();
});

test('markers follow typing on a 5,000-line document (latency printed)', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const check = guard(page, baseURL!, EXPECTED_ERRORS);
  await signIn(page);
  await openAcl(page);
  const big = policyDocument(5000);
  await setText(page, big);
  await expect(page.getByTestId('acl-status')).toContainText('No problems', { timeout: 30_000 });
  await page.keyboard.press('ControlOrMeta+End');

  const latencies: number[] = [];
  for (let i = 0; i < 3; i++) {
    // Measured in the page: from the keystroke to meshdeck's problem list (set with the markers).
    await page.evaluate(() => {
      const w = window as unknown as { __markerLatency?: number };
      w.__markerLatency = undefined;
      let t0 = 0;
      document.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (t0 && document.querySelector('[data-testid="acl-problems"]')) {
          obs.disconnect();
          w.__markerLatency = performance.now() - t0;
        }
      });
      obs.observe(document.body, { childList: true, subtree: true });
    });
    await page.keyboard.type('x');
    const latency = await page.waitForFunction(() => (window as unknown as { __markerLatency?: number }).__markerLatency);
    latencies.push((await latency.jsonValue()) as number);
    await expect(page.getByTestId('acl-problems')).toContainText('Line');
    await page.keyboard.press('Backspace');
    await expect(page.getByTestId('acl-status')).toContainText('No problems');
  }
  console.log(`marker latency on a ${big.split('\n').length}-line document: ${latencies.map((l) => `${l.toFixed(0)} ms`).join(', ')}`);
  await shot(page, 'acl-large-document');
  // The 300 ms target is a speed figure: printed above (and in the note), not asserted, so a busy
  // machine cannot fail the suite. The bound here only proves the markers follow typing at all.
  expect([...latencies].sort((a, b) => a - b)[1]).toBeLessThanOrEqual(2000);
  check();
});

test('keyboard, axe, dark mode and effective access', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!, EXPECTED_ERRORS);
  await signIn(page);
  await openAcl(page);

  // Tabs work from the keyboard.
  await page.getByRole('tab', { name: 'HuJSON → JSON' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Rules preview' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Rules preview' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Effective access' })).toBeFocused();
  await expect(page.getByLabel('Show')).toBeVisible();
  await expect(page.getByText(/No peers yet/).or(page.getByTestId('effective-matrix'))).toBeVisible();
  // Focus is visible on the console's controls.
  await page.getByRole('button', { name: 'History' }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const outline = await page.getByRole('button', { name: 'History' }).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');

  const axe = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByRole('button', { name: /Switch to dark mode/ }).click();
  await expect(page.locator('.monaco-editor.vs-dark')).toBeAttached();
  const darkAxe = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
  expect(darkAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await shot(page, 'acl-dark');
  await page.getByRole('button', { name: /Switch to light mode/ }).click();
  // Leaving the page (client-side navigation) disposes the editor cleanly.
  await page.getByRole('navigation').getByRole('link', { name: /^Groups/ }).click();
  await expect(page.getByRole('heading', { name: 'Groups' })).toBeVisible();
  check();
});
