// Console sign-in. A person signs in with their email and password (or OIDC) and then acts as their
// user in one account: the one asked for, else the one they used last; the console switches
// between their accounts (lib/domain/users/people.ts).
//
// Guessing is limited per (email, client address) and per client address, in the database so the
// limits hold across restarts and server processes. Each attempt is claimed before bcrypt runs (see
// throttle.ts for why), so a limited client is refused even with the right password. The email's
// limit is per address on purpose: failures from one address never lock the person out from
// another, so nobody (in another account or nowhere) can lock a person out by guessing at their email.
import type { Tx } from '../../db/client';
import { normalizeEmail } from '../accounts/accounts';
import { withPasswordCheck } from '../secrets';
import { claimAttempt, release, SIGN_IN_FAILURES, SIGN_IN_WINDOW_MS, type Limit } from '../throttle';
import { membershipsOf, usableMembership, type Membership } from './people';

/** Wrong passwords allowed per (email, client address) in LOCK_WINDOW_MS. */
export const MAX_FAILURES = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;

// A fixed bcrypt hash to compare against when the email is unknown, so that response time does
// not reveal which emails exist.
const DUMMY_HASH = '$2b$11$dWRCxjJxj/zQTARBYqYaSO/wtNX1wvy9pCS0R.xvTX1ki2hpeG.uq';

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'blocked' };

/**
 * The membership a sign-in lands in: the account named by id or domain when given (and usable),
 * else the most recently used usable one. Null when the person may act in none.
 */
export function chooseMembership(memberships: Membership[], wanted = ''): Membership | null {
  const usable = memberships.filter(usableMembership);
  const w = wanted.trim().toLowerCase();
  return (w && usable.find((m) => m.accountId === wanted.trim() || m.domain.toLowerCase() === w)) || usable[0] || null;
}

/** Marks the chosen user signed in; an invited user accepts the invitation by signing in. */
async function enter(db: Tx, m: Membership, now: Date): Promise<LoginResult> {
  await db.user.update({ where: { id: m.userId }, data: { lastLogin: now, ...(m.status === 'invited' ? { status: 'active' } : {}) } });
  return { ok: true, userId: m.userId };
}

/**
 * `db` must be the client itself, not a transaction: the claims must outlive a failed attempt.
 * `clientAddress` may be empty when unknown (all such attempts then share one limit per email).
 * `account`: the account (id or domain) to act in, when the person belongs to several.
 */
export function passwordLogin(db: Tx, emailInput: string, password: string, clientAddress = '', now = new Date(), account = ''): Promise<LoginResult> {
  // The check slot first: a sign-in refused because the server is busy counts as no attempt.
  return withPasswordCheck((verify) => judge(db, normalizeEmail(emailInput), password, clientAddress, now, account, verify));
}

async function judge(db: Tx, email: string, password: string, address: string, now: Date, account: string, verify: (p: string, h: string) => Promise<boolean>): Promise<LoginResult> {
  const limits: Limit[] = [{ key: `login-person:${email}|${address}`, failures: MAX_FAILURES, windowMs: LOCK_WINDOW_MS }];
  if (address) limits.unshift({ key: `login-ip:${address}`, failures: SIGN_IN_FAILURES, windowMs: SIGN_IN_WINDOW_MS });
  const claims = await claimAttempt(db, limits, now);
  const person = await db.person.findUnique({ where: { email } });
  if (!person?.passwordHash) {
    await verify(password, DUMMY_HASH);
    return { ok: false, reason: 'invalid' };
  }
  if (!(await verify(password, person.passwordHash))) return { ok: false, reason: 'invalid' };
  await release(db, claims);
  const chosen = chooseMembership(await membershipsOf(db, email), account);
  return chosen ? enter(db, chosen, now) : { ok: false, reason: 'blocked' };
}

/** Sign-in through the optional OIDC provider: the email must belong to a user somewhere. */
export async function oidcLogin(db: Tx, emailInput: string, now = new Date()): Promise<LoginResult> {
  const memberships = await membershipsOf(db, emailInput);
  if (!memberships.length) return { ok: false, reason: 'invalid' };
  const chosen = chooseMembership(memberships);
  return chosen ? enter(db, chosen, now) : { ok: false, reason: 'blocked' };
}

/**
 * The person's user in another account, for the console's account switcher: null (stay) unless the
 * signed-in user's person has a usable membership there.
 */
export async function switchAccount(db: Tx, userId: string, accountId: string, now = new Date()): Promise<string | null> {
  const current = await db.user.findUnique({ where: { id: userId }, select: { email: true, isServiceUser: true } });
  if (!current || current.isServiceUser) return null;
  const target = (await membershipsOf(db, current.email)).find((m) => m.accountId === accountId && usableMembership(m));
  if (!target) return null;
  await enter(db, target, now);
  return target.userId;
}
