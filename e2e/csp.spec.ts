// The console under its Content-Security-Policy (next.config.ts): the dashboard, a few pages and the
// ACL editor (Monaco and its workers, the policy checker's worker) load and work with no CSP
// violation, and the policy is the one served.
import { expect, test, type Page } from '@playwright/test';
import { guard, signIn } from './helpers';

/** Collects securitypolicyviolation events of every document the page loads. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test('console pages and the ACL editor load without CSP violations', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  const violations = await watchViolations(page);
  const first = await page.goto('/app/login');
  const csp = first!.headers()['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(first!.headers()['x-frame-options']).toBe('DENY');
  await signIn(page);
  expect(await violations()).toEqual([]);
  for (const [path, heading] of [['/app/peers', 'Peers'], ['/app/audit', 'Audit log']] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }
  await page.goto('/app/acl');
  await expect(page.getByRole('heading', { name: 'Access Control' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Policy document (HuJSON)' })).toBeAttached({ timeout: 30_000 });
  // Markers come from the checker's worker: the editor and its workers ran.
  await expect(page.getByTestId('acl-status')).toContainText(/No problems|problem/, { timeout: 30_000 });
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  expect(await violations()).toEqual([]);
  check();
});
