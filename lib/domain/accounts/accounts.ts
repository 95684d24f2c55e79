// Accounts (tenants) and the first start of an empty installation.
import type { Db, Tx } from '../../db/client';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { newId } from '../ids';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from '../secrets';
import { NotFoundError, ValidationError } from '../errors';
import { ensureAllGroup } from '../groups/all-group';

export interface NewAccount {
  name: string;
  domain: string;
  ownerEmail: string;
  ownerName: string;
  ownerPassword: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A plausible email address (normalized first with normalizeEmail). */
export function isEmail(email: string): boolean {
  return EMAIL.test(email) && email.length <= 254;
}

/**
 * Creates an account with its owner, who signs in with the password (set on their person, shared
 * with their other accounts). Used by the first start and by tests; operators use createTenant.
 */
export async function createAccountWithOwner(db: Tx, input: NewAccount & { operator?: boolean }) {
  const email = normalizeEmail(input.ownerEmail);
  if (!EMAIL.test(email)) throw new ValidationError(`invalid email address: ${input.ownerEmail}`);
  if (input.ownerPassword.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const passwordHash = await hashPassword(input.ownerPassword);
  const { account, owner } = await insertAccount(db, { name: input.name, domain: input.domain, ownerEmail: email, ownerName: input.ownerName, ownerStatus: 'active', issued: 'bootstrap' });
  await db.person.upsert({ where: { email }, create: { email, passwordHash, operator: !!input.operator }, update: { passwordHash, ...(input.operator ? { operator: true } : {}) } });
  return { account, owner };
}

/** The account row, its owner user and its All group, with the account's first audit entry. */
export async function insertAccount(
  db: Tx,
  input: { name: string; domain: string; ownerEmail: string; ownerName: string; ownerStatus: 'active' | 'invited'; issued: string; createdBy?: string },
) {
  const accountId = newId();
  const userId = newId();
  const account = await db.account.create({
    data: { id: accountId, name: input.name, domain: input.domain.toLowerCase(), createdBy: input.createdBy ?? userId },
  });
  const owner = await db.user.create({
    data: { id: userId, accountId, email: input.ownerEmail, name: input.ownerName, role: 'owner', status: input.ownerStatus, issued: input.issued },
  });
  await ensureAllGroup(db, accountId);
  await recordAudit(db, null, 'system', {
    accountId,
    code: 'account.create',
    activity: 'Account created',
    targetId: accountId,
    meta: { owner: input.ownerEmail },
  });
  return { account, owner };
}

export interface BootstrapResult {
  created: boolean;
  email?: string;
  /** Set only when meshdeck generated the password; printed once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * First start: an empty database gets its first account and owner, from MESHDECK_ADMIN_EMAIL /
 * MESHDECK_ADMIN_PASSWORD, or with a generated password that the caller prints once.
 */
export async function bootstrap(db: Db, env: Record<string, string | undefined> = process.env): Promise<BootstrapResult> {
  if ((await db.account.count()) > 0) return { created: false };
  const email = normalizeEmail(env.MESHDECK_ADMIN_EMAIL || 'admin@meshdeck.local');
  const given = env.MESHDECK_ADMIN_PASSWORD;
  const password = given || generatePassword();
  const domain = env.MESHDECK_ACCOUNT_DOMAIN || email.split('@')[1] || 'meshdeck.local';
  await db.$transaction(async (tx) => {
    // Re-check inside the transaction: two processes may start at once.
    if ((await tx.account.count()) > 0) return;
    await createAccountWithOwner(tx, {
      name: env.MESHDECK_ACCOUNT_NAME || domain,
      domain,
      ownerEmail: email,
      ownerName: env.MESHDECK_ADMIN_NAME || 'Owner',
      ownerPassword: password,
      // The first start's owner runs the installation: they create and suspend other accounts.
      operator: true,
    });
  });
  return { created: true, email, generatedPassword: given ? undefined : password };
}

/** An account's row by id, for shaping answers that show account settings (the id comes from an authenticated actor or peer). */
export function accountById(db: Tx, accountId: string) {
  return db.account.findUniqueOrThrow({ where: { id: accountId } });
}

/** The caller's account; any other account id is "not found". */
export async function getAccount(db: Tx, actor: Actor, accountId: string) {
  const account = accountId === actor.accountId ? await db.account.findUnique({ where: { id: accountId } }) : null;
  if (!account) throw new NotFoundError('account', accountId);
  return account;
}
