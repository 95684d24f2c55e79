import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const ADMIN = { email: 'owner@e2e.test', password: 'e2e-owner-password' };

/** Fails the test on any console error and on any request that leaves the server's origin. */
export function guard(page: Page, origin: string, allowedConsoleErrors: RegExp[] = []) {
  const problems: string[] = [];
  page.on('console', (m) => {
    // "Failed to load resource" names no URL in its text; its location does.
    const at = m.location()?.url;
    if (m.type() === 'error' && !allowedConsoleErrors.some((re) => re.test(m.text()))) problems.push(`console error: ${m.text()}${at ? ` (${at})` : ''}`);
  });
  // Failed API calls are often expected (a form showing the server's refusal); they are named only
  // to explain a console error ("Failed to load resource") should one appear.
  const failedApiCalls: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/api/')) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    else if (r.status() >= 400) failedApiCalls.push(`${r.request().method()} ${r.url()} → ${r.status()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request left the origin: ${u}`);
  });
  return () => expect(problems, [...problems, ...failedApiCalls.map((c) => `(failed API call: ${c})`)].join('\n')).toEqual([]);
}

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.goto('/app/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

export async function shot(page: Page, name: string) {
  mkdirSync('e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/**
 * Waits until a page has drawn its data: heading shown, the document loaded, no "Loading…" left.
 * Not Playwright's 'networkidle': the dashboard keeps a long-poll open for live counts.
 */
export async function settled(page: Page) {
  await expect(page.locator('h1')).toBeVisible();
  await page.waitForLoadState('load');
  await expect(page.getByText(/^Loading/)).toHaveCount(0, { timeout: 20_000 });
}

/** The policy editor's text area (Monaco's hidden textarea, labelled). */
export const editorArea = (page: Page) => page.getByRole('textbox', { name: 'Policy document (HuJSON)' });

/** Replaces the editor's text by pasting it (typing into Monaco auto-indents, auto-closes brackets and drops keys under load). */
export async function setText(page: Page, text: string) {
  await editorArea(page).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
