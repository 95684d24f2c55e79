// People: who signs in to the console, across accounts. A user row belongs to one account; the
// person behind it is the email, shared by that person's users in every account they belong to
// (staff of a service provider, an owner of several subsidiaries). The person holds the password
// and the operator flag; each user row holds the role and status in its account.
import type { Tx } from '../../db/client';
import { normalizeEmail } from '../accounts/accounts';
import { ValidationError } from '../errors';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../secrets';

/** One account a person may act in, as the sign-in and the account switcher show it. */
export interface Membership {
  userId: string;
  accountId: string;
  accountName: string;
  domain: string;
  role: string;
  /** The user's status in that account (active, invited, blocked, pending). */
  status: string;
  accountStatus: string;
  lastLogin: Date | null;
}

export function personByEmail(db: Tx, email: string) {
  return db.person.findUnique({ where: { email: normalizeEmail(email) } });
}

export async function isOperator(db: Tx, email: string): Promise<boolean> {
  return (await personByEmail(db, email))?.operator === true;
}

export function checkPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) throw new ValidationError(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 512) throw new ValidationError('password is too long (512 characters at most)');
}

/** Sets (or replaces) a person's password, creating the person when needed. */
export async function setPersonPassword(db: Tx, emailInput: string, password: string) {
  checkPassword(password);
  const email = normalizeEmail(emailInput);
  const passwordHash = await hashPassword(password);
  return db.person.upsert({ where: { email }, create: { email, passwordHash }, update: { passwordHash } });
}

/** Every account the person has a (non-service) user in, most recently used first. */
export async function membershipsOf(db: Tx, emailInput: string): Promise<Membership[]> {
  const users = await db.user.findMany({
    where: { email: normalizeEmail(emailInput), isServiceUser: false },
    include: { account: { select: { name: true, domain: true, status: true } } },
  });
  return users
    .map((u) => ({
      userId: u.id,
      accountId: u.accountId,
      accountName: u.account.name,
      domain: u.account.domain,
      role: u.role,
      status: u.status,
      accountStatus: u.account.status,
      lastLogin: u.lastLogin,
    }))
    .sort((a, b) => (b.lastLogin?.getTime() ?? 0) - (a.lastLogin?.getTime() ?? 0) || a.accountName.localeCompare(b.accountName));
}

/** Whether the person may act in this membership now (an invited user is accepted by signing in). */
export const usableMembership = (m: Membership) => m.accountStatus === 'active' && (m.status === 'active' || m.status === 'invited');

/** The person goes once no user of theirs is left and they run nothing: their password is personal data. */
export async function forgetPersonIfUnused(db: Tx, emailInput: string) {
  const email = normalizeEmail(emailInput);
  if (await db.user.count({ where: { email } })) return;
  await db.person.deleteMany({ where: { email, operator: false } });
}
