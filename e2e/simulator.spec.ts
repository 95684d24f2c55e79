// The access simulator in Chromium (issue #22, part 2): on the Access Control page (/app/acl#simulator)
// it names the deciding rule — a line of the policy document (which moves the editor there), a
// NetBird policy and rule, a posture check the source fails — and, for an unsaved edit, the answer
// after save; on a peer's page the peer is the preselected source. Axe stays clean on its panel.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { editorArea, guard, setText, shot, signIn } from './helpers';



type Peer = { id: string; ip: string };

/** Three peers (agents of 0.60.0), groups, a posture check, NetBird policies and a document, made through the APIs from the page. */
async function seed(page: Page): Promise<{ a: Peer; b: Peer; c: Peer; checkName: string }> {
  return page.evaluate(async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(path, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const key = (await call('POST', '/api/setup-keys', { name: 'sim', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).key;
    const peer = async (hostname: string): Promise<Peer> => {
      const publicKey = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
      const meta = { os: 'linux', os_version: 'Debian 12', kernel_version: '6.1.0', version: '0.60.0', ui_version: '', serial_number: hostname };
      const r = (await call('POST', '/api/agent/register', { setup_key: key, public_key: publicKey, hostname, meta })).peer;
      return { id: r.id, ip: r.ip };
    };
    const a = await peer('sim-a');
    const b = await peer('sim-b');
    const c = await peer('sim-c');
    const group = async (name: string, p: Peer) => (await call('POST', '/api/groups', { name, peers: [p.id] })).id as string;
    const [ga, gb, gc] = [await group('sim-ga', a), await group('sim-gb', b), await group('sim-gc', c)];
    const checkName = 'Agent 0.70 or newer';
    const chk = (await call('POST', '/api/posture-checks', { name: checkName, description: '', checks: { nb_version_check: { min_version: '0.70.0' } } })).id;
    const rule = (name: string, src: string, dst: string, port: string) => ({ name, enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: [port], sources: [src], destinations: [dst] });
    await call('POST', '/api/policies', { name: 'a to c', enabled: true, rules: [rule('web', ga, gc, '80')] });
    await call('POST', '/api/policies', { name: 'c to b', enabled: true, source_posture_checks: [chk], rules: [rule('https', gc, gb, '443')] });
    const text = `// simulator e2e\n{\n\t"acls": [\n\t\t{"action": "accept", "src": ["${a.ip}"], "dst": ["${b.ip}:22"]},\n\t],\n}\n`;
    await call('PUT', '/api/console/acl', { text, message: 'simulator e2e' });
    return { a, b, c, checkName };
  });
}

async function ask(page: Page, src: Peer, dst: Peer, protocol: string, port: string) {
  await page.locator('#sim-src-kind').selectOption('peer');
  await page.locator('#sim-src').selectOption(src.id);
  await page.locator('#sim-dst-kind').selectOption('peer');
  await page.locator('#sim-dst').selectOption(dst.id);
  await page.locator('#sim-proto').selectOption(protocol);
  await page.locator('#sim-port').fill(port);
  await page.getByRole('button', { name: 'Check access' }).click();
}

const activeLine = (page: Page) => page.locator('.monaco-editor .line-numbers.active-line-number');

test('the access simulator names the deciding rules, saved and unsaved, and on a peer’s page', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  const { a, b, c, checkName } = await seed(page);

  await page.goto('/app/acl#simulator');
  await expect(editorArea(page)).toBeAttached({ timeout: 30_000 });
  const sim = page.getByTestId('simulator');
  await expect(sim.getByRole('heading', { name: 'Access simulator' })).toBeVisible();
  // #simulator brings the panel into view once the page (loaded in the browser only) has drawn it.
  await expect(sim).toBeInViewport();
  await expect(sim.locator('#sim-src option', { hasText: 'sim-a' })).toBeAttached();

  // A line of the saved document decides; clicking it moves the editor there.
  await ask(page, a, b, 'tcp', '22');
  await expect(page.getByTestId('sim-saved-verdict')).toHaveText('Allowed');
  const line = page.getByTestId('sim-saved-deciders').getByRole('button', { name: 'Go to line 4 in the editor' });
  await expect(line).toBeVisible();
  await line.click();
  await expect(editorArea(page)).toBeFocused();
  await expect(activeLine(page)).toHaveText('4');
  await expect(page.getByTestId('sim-unsaved')).toHaveCount(0);
  await shot(page, 'simulator-acl-line');

  // A NetBird policy and rule decide.
  await ask(page, a, c, 'tcp', '80');
  await expect(page.getByTestId('sim-saved-verdict')).toHaveText('Allowed');
  await expect(page.getByTestId('sim-saved-deciders')).toContainText('Allowed by NetBird policy “a to c”, rule “web” (TCP 80)');
  await ask(page, a, c, 'tcp', '81');
  await expect(page.getByTestId('sim-saved-verdict')).toHaveText('Denied');

  // A posture check removes access.
  await ask(page, c, b, 'tcp', '443');
  await expect(page.getByTestId('sim-saved-verdict')).toHaveText('Denied');
  await expect(page.getByTestId('sim-saved-deciders')).toContainText(`Removed by the posture checks of NetBird policy “c to b”, rule “https”: the source peer fails “${checkName}”`);
  await shot(page, 'simulator-posture');

  // An unsaved edit that lets c reach b on 443: answered "after save" as it is typed.
  await setText(page, `// simulator e2e\n{\n\t"acls": [\n\t\t{"action": "accept", "src": ["${a.ip}"], "dst": ["${b.ip}:22"]},\n\n\t\t{"action": "accept", "src": ["${c.ip}"], "dst": ["${b.ip}:443"]},\n\t],\n}\n`);
  await expect(page.getByTestId('sim-unsaved-verdict')).toHaveText('Allowed', { timeout: 15_000 });
  await expect(page.getByTestId('sim-saved-verdict')).toHaveText('Denied');
  const edited = page.getByTestId('sim-unsaved-deciders').getByRole('button', { name: 'Go to line 6 in the editor' });
  await expect(edited).toBeVisible();
  await edited.click();
  await expect(activeLine(page)).toHaveText('6');
  await shot(page, 'simulator-unsaved');

  const axe = await new AxeBuilder({ page }).include('#simulator').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // On a peer's page the peer is the source; the document's line is shown (no editor there).
  await page.goto(`/app/peers/${a.id}`);
  const onPeer = page.getByTestId('simulator');
  await expect(onPeer).toBeVisible();
  await expect(page.locator('#sim-src')).toHaveValue(a.id);
  await page.locator('#sim-dst-kind').selectOption('address');
  await page.locator('#sim-dst').fill(b.ip);
  await page.locator('#sim-proto').selectOption('tcp');
  await page.locator('#sim-port').fill('22');
  await page.getByRole('button', { name: 'Check access' }).click();
  await expect(page.getByTestId('sim-saved-verdict')).toHaveText('Allowed');
  await expect(page.getByTestId('sim-saved-deciders')).toContainText('Allowed by the policy document, line 4');
  await shot(page, 'simulator-peer');
  await page.getByRole('button', { name: /Switch to dark mode/ }).click();
  const dark = await new AxeBuilder({ page }).include('#simulator').analyze();
  expect(dark.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.getByRole('button', { name: /Switch to light mode/ }).click();
  check();
});
