// Tenants in the console: an operator creates an account, its owner takes the show-once invitation,
// signs in and finds an empty account; a person in two accounts switches between them; people who
// do not run the installation neither see nor open the Accounts page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, guard, shot, signIn } from './helpers';

const OWNER = { email: 'new-owner@second.test', password: 'second-owner-password' };

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const row = (page: Page, name: string) => page.getByTestId('account-row').filter({ hasText: name });
/** The account the console acts in: a name, or the switcher's chosen option. */
const inviteForm = (page: Page) => page.getByRole('form', { name: 'Accept invitation' });
const currentAccount = (page: Page) => page.getByTestId('account').locator('option:checked').or(page.locator('span[data-testid=account]'));

async function noSeriousAxeViolations(page: Page) {
  // The page refreshes its server parts (the account switcher) after a change, and the head with
  // them: the title is briefly gone. Let it settle first.
  await expect(page).toHaveTitle('meshdeck');
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, serious.join('\n')).toEqual([]);
}

async function createAccount(page: Page, name: string, domain: string, ownerEmail: string, ownerName = '') {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Domain').fill(domain);
  await page.getByLabel('Owner email').fill(ownerEmail);
  await page.getByLabel('Owner name (optional)').fill(ownerName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('account-created')).toContainText(`Account ${name} created`);
}

test('an operator creates an account; its owner takes the invitation and signs in to an empty account', async ({ page, baseURL, browser }) => {
  // A refused form (an operator email with no user) logs the browser's own "Failed to load resource".
  const check = guard(page, baseURL!, [/status of 40[49]/]);
  await signIn(page);
  await nav(page).getByRole('link', { name: /^Accounts/ }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();

  // The installation's own account is marked, and cannot be suspended or deleted.
  const installation = page.getByTestId('account-row').filter({ hasText: 'installation' });
  await expect(installation).toHaveCount(1);
  await expect(installation).toContainText(ADMIN.email);
  await expect(installation.getByRole('button', { name: /^(Suspend|Delete)/ })).toHaveCount(0);
  await expect(currentAccount(page)).toHaveCount(1);
  const home = (await currentAccount(page).textContent())!.trim();

  // Checked before sending, then created: the invitation link is shown once, with a copy button.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('form', { name: 'Create account' }).getByRole('alert')).toHaveText('Give the account a name.');
  await createAccount(page, 'Second', 'second.test', OWNER.email, 'New Owner');
  const created = page.getByTestId('account-created');
  await expect(created).toContainText('shown only once');
  await expect(created.getByRole('button', { name: 'Copy' })).toBeVisible();
  const inviteUrl = (await page.getByTestId('invite-url').textContent())!.trim();
  expect(inviteUrl).toMatch(new RegExp(`^${baseURL}/app/invite#mdinv_[0-9A-Za-z]{40}$`));
  await expect(row(page, 'Second')).toContainText('second.test');
  await expect(row(page, 'Second')).toContainText(OWNER.email);
  await expect(row(page, 'Second').getByTestId('account-status')).toHaveText('active');
  await noSeriousAxeViolations(page);
  await shot(page, 'accounts-created');

  // The same domain twice is refused with the server's message.
  await created.getByRole('button', { name: 'Done' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Second again');
  await page.getByLabel('Domain').fill('second.test');
  await page.getByLabel('Owner email').fill(OWNER.email);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('form', { name: 'Create account' }).getByRole('alert')).toContainText('already exists');

  // Gone after a reload; the operator is no member of the new account, so there is nothing to switch to.
  await page.reload();
  await expect(page.getByTestId('invite-url')).toHaveCount(0);
  await expect(page.getByLabel('Account', { exact: true })).toHaveCount(0);
  await expect(currentAccount(page)).toHaveText(home);

  // The owner, in a browser of their own, chooses a password through the link.
  const owner = await (await browser.newContext()).newPage();
  const ownerCheck = guard(owner, baseURL!, [/status of 404/]);
  await owner.goto(inviteUrl);
  await expect(owner.getByTestId('invite-for')).toContainText('Second');
  await expect(owner.getByTestId('invite-for')).toContainText(OWNER.email);
  await owner.getByLabel('Password', { exact: true }).fill('short');
  await owner.getByRole('button', { name: 'Set password' }).click();
  await expect(inviteForm(owner).getByRole('alert')).toHaveText('Choose a password of at least 10 characters.');
  await owner.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await owner.getByLabel('Confirm password').fill(OWNER.password + 'x');
  await owner.getByRole('button', { name: 'Set password' }).click();
  await expect(inviteForm(owner).getByRole('alert')).toHaveText('The two passwords differ.');
  await owner.getByLabel('Confirm password').fill(OWNER.password);
  await noSeriousAxeViolations(owner);
  await owner.getByRole('button', { name: 'Set password' }).click();
  await expect(inviteForm(owner).getByRole('status')).toContainText('Your password is set');
  expect(new URL(owner.url()).hash).toBe('');
  await owner.getByRole('link', { name: 'Sign in' }).click();
  await expect(owner).toHaveURL(/\/app\/login/);
  await signIn(owner, OWNER.email, OWNER.password);

  // An empty account of their own.
  await expect(owner.getByTestId('who')).toContainText(`${OWNER.email} · owner`);
  await expect(currentAccount(owner)).toHaveText('Second');
  await expect(owner.getByTestId('card-peers-value')).toHaveText('0');
  await nav(owner).getByRole('link', { name: /^Peers/ }).click();
  await expect(owner.getByText('No peers yet.')).toBeVisible();
  await shot(owner, 'accounts-new-owner-peers');

  // Not an operator: no Accounts in the navigation, and the page says whom it is for.
  await expect(nav(owner).getByRole('link', { name: /^Accounts/ })).toHaveCount(0);
  await owner.goto('/app/accounts');
  await expect(owner.getByTestId('not-operator')).toContainText('for installation operators');
  expect((await owner.request.get('/api/installation/accounts')).status()).toBe(404);

  // The link is used up.
  await owner.goto(inviteUrl);
  await expect(inviteForm(owner).getByRole('alert')).toContainText('unknown, used or expired');

  // The operator sees the owner active, sets quotas and renames the account.
  await page.reload();
  await expect(row(page, 'Second')).toContainText('no limit');
  await page.getByRole('button', { name: 'Edit Second' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Peer quota').fill('five');
  await dialog.getByRole('button', { name: 'Save account' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Peer quota: enter a whole number');
  await dialog.getByLabel('Peer quota').fill('5');
  await dialog.getByLabel('API requests per minute').fill('600');
  await dialog.getByLabel('Name', { exact: true }).fill('Second Ltd');
  await dialog.getByRole('button', { name: 'Save account' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row(page, 'Second Ltd')).toContainText('limit 5');
  await expect(row(page, 'Second Ltd')).toContainText('600/min');

  // Suspended: the owner is signed out of it; resumed: back in.
  await page.getByRole('button', { name: 'Suspend Second Ltd' }).click();
  await page.getByRole('button', { name: 'Confirm suspend' }).click();
  await expect(row(page, 'Second Ltd').getByTestId('account-status')).toHaveText('suspended');
  await owner.goto('/app/peers');
  await expect(owner).toHaveURL(/\/app\/login/);
  await page.getByRole('button', { name: 'Resume Second Ltd' }).click();
  await expect(row(page, 'Second Ltd').getByTestId('account-status')).toHaveText('active');
  await owner.goto('/app');
  await expect(owner.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(currentAccount(owner)).toHaveText('Second Ltd');

  // Operators: someone with no user is refused; the new owner is added, then removed.
  await page.getByLabel('Email', { exact: true }).fill('nobody@nowhere.test');
  await page.getByRole('button', { name: 'Add operator' }).click();
  await expect(page.getByRole('form', { name: 'Add operator' }).getByRole('alert')).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
  await page.getByRole('button', { name: 'Add operator' }).click();
  await expect(page.getByTestId('operator-row').filter({ hasText: OWNER.email })).toHaveCount(1);
  await expect(page.getByTestId('operator-row').filter({ hasText: ADMIN.email })).toContainText('you');
  await owner.reload();
  await expect(nav(owner).getByRole('link', { name: /^Accounts/ })).toBeVisible();
  await page.getByRole('button', { name: `Remove operator ${OWNER.email}` }).click();
  await page.getByRole('button', { name: 'Confirm remove' }).click();
  await expect(page.getByTestId('operator-row').filter({ hasText: OWNER.email })).toHaveCount(0);
  await shot(page, 'accounts');

  ownerCheck();
  await owner.context().close();
  check();
});

test('an operator who owns a second account switches to it and back, then deletes it', async ({ page, baseURL }) => {
  const check = guard(page, baseURL!);
  await signIn(page);
  const home = (await currentAccount(page).textContent())!.trim();
  await page.goto('/app/accounts');

  // An owner who already signs in needs no invitation: the account is in their switcher at once.
  await createAccount(page, 'Third', 'third.test', ADMIN.email);
  await expect(page.getByTestId('account-created')).toContainText('no invitation is needed');
  await expect(page.getByTestId('invite-url')).toHaveCount(0);
  const switcher = page.getByLabel('Account', { exact: true });
  await expect(switcher.locator('option')).toHaveText([new RegExp(`^${home} \\(owner\\)`), 'Third (owner)']);
  await noSeriousAxeViolations(page);

  // Switch: the whole console now acts in Third, which is empty.
  await switcher.selectOption({ label: 'Third (owner)' });
  await expect(page).toHaveURL(/\/app$/);
  await expect(currentAccount(page)).toHaveText('Third (owner)');
  await expect(page.getByTestId('who')).toContainText(`${ADMIN.email} · owner`);
  await nav(page).getByRole('link', { name: /^Peers/ }).click();
  await expect(page.getByText('No peers yet.')).toBeVisible();
  const made = await page.request.post('/api/setup-keys', {
    headers: { Origin: baseURL! },
    data: { name: 'third-key', type: 'reusable', expires_in: 86400, usage_limit: 0, auto_groups: [], ephemeral: false },
  });
  expect(made.status()).toBe(200);
  await page.goto('/app/setup-keys');
  await expect(page.getByTestId('key-row').filter({ hasText: 'third-key' })).toHaveCount(1);
  // Operators keep the Accounts page in every account.
  await expect(nav(page).getByRole('link', { name: /^Accounts/ })).toBeVisible();
  await shot(page, 'accounts-switched');

  // And back: the key is Third's alone.
  await page.getByLabel('Account', { exact: true }).selectOption({ label: `${home} (owner)` });
  await expect(page).toHaveURL(/\/app$/);
  await expect(currentAccount(page)).toHaveText(`${home} (owner)`);
  await page.goto('/app/setup-keys');
  await expect(page.getByRole('heading', { name: 'Setup keys' })).toBeVisible();
  await expect(page.getByTestId('key-row').filter({ hasText: 'third-key' })).toHaveCount(0);

  // Delete asks for the name; then the account and the switcher's choice are gone.
  await page.goto('/app/accounts');
  await page.getByRole('button', { name: 'Delete Third' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel("Type the account's name to confirm").fill('third');
  await dialog.getByRole('button', { name: 'Delete account for good' }).click();
  await expect(dialog.getByRole('alert')).toContainText("Type the account's name, Third");
  await dialog.getByLabel("Type the account's name to confirm").fill('Third');
  await dialog.getByRole('button', { name: 'Delete account for good' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row(page, 'Third')).toHaveCount(0);
  await expect(page.getByLabel('Account', { exact: true })).toHaveCount(0);
  await expect(currentAccount(page)).toHaveText(home);
  check();
});
