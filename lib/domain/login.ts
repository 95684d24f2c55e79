// Console password sign-in with lockout. After MAX_FAILURES consecutive failures an account's
// credential is locked for a period that doubles with each further failure (capped), so guessing
// is slow even across restarts (the counter lives in the database).
import type { Tx } from '../db/client';
import { normalizeEmail } from './accounts';
import { TooManyRequestsError } from './errors';
import { verifyPassword } from './secrets';

export const MAX_FAILURES = 5;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 15 * 60_000;

// A fixed bcrypt hash to compare against when the email is unknown, so that response time does
// not reveal which emails exist.
const DUMMY_HASH = '$2b$11$dWRCxjJxj/zQTARBYqYaSO/wtNX1wvy9pCS0R.xvTX1ki2hpeG.uq';

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'blocked' };

export async function passwordLogin(db: Tx, emailInput: string, password: string, now = new Date()): Promise<LoginResult> {
  const email = normalizeEmail(emailInput);
  const user = await db.user.findUnique({ where: { email }, include: { credential: true } });
  const cred = user?.credential;
  if (!user || !cred) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: 'invalid' };
  }
  if (cred.lockedUntil && cred.lockedUntil > now) {
    const seconds = Math.ceil((cred.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new TooManyRequestsError(`too many failed sign-ins; try again in ${seconds} s`, seconds);
  }
  if (!(await verifyPassword(password, cred.passwordHash))) {
    const failures = cred.failedAttempts + 1;
    const over = failures - MAX_FAILURES;
    const lockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(BASE_LOCK_MS * 2 ** over, MAX_LOCK_MS)) : null;
    await db.credential.update({ where: { userId: user.id }, data: { failedAttempts: failures, lockedUntil } });
    return { ok: false, reason: 'invalid' };
  }
  if (user.status !== 'active') return { ok: false, reason: 'blocked' };
  await db.credential.update({ where: { userId: user.id }, data: { failedAttempts: 0, lockedUntil: null } });
  await db.user.update({ where: { id: user.id }, data: { lastLogin: now } });
  return { ok: true, userId: user.id };
}

/** Sign-in through the optional OIDC provider: the email must belong to an existing user. */
export async function oidcLogin(db: Tx, emailInput: string, now = new Date()): Promise<LoginResult> {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(emailInput) } });
  // Service users exist for API tokens only; nobody signs in as one.
  if (!user || user.isServiceUser) return { ok: false, reason: 'invalid' };
  if (user.status === 'blocked' || user.status === 'pending') return { ok: false, reason: 'blocked' };
  // An invited user becomes active by signing in for the first time.
  await db.user.update({ where: { id: user.id }, data: { lastLogin: now, status: 'active' } });
  return { ok: true, userId: user.id };
}
