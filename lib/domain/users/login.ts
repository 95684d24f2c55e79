// Console password sign-in with lockout. After MAX_FAILURES consecutive failures an account's
// credential is locked for a period that doubles with each further failure (capped), so guessing
// is slow even across restarts and server processes (the counter lives in the database). Each
// attempt is claimed with one atomic update before bcrypt runs (see throttle.ts for why), and the
// client address's limit is claimed before that, so a limited client is refused even with the
// right password.
import type { Tx } from '../../db/client';
import { normalizeEmail } from '../accounts/accounts';
import { TooManyRequestsError } from '../errors';
import { withPasswordCheck } from '../secrets';
import { CAS_ROUNDS, claimAttempt, release, SIGN_IN_FAILURES, SIGN_IN_WINDOW_MS } from '../throttle';

export const MAX_FAILURES = 5;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 15 * 60_000;

// A fixed bcrypt hash to compare against when the email is unknown, so that response time does
// not reveal which emails exist.
const DUMMY_HASH = '$2b$11$dWRCxjJxj/zQTARBYqYaSO/wtNX1wvy9pCS0R.xvTX1ki2hpeG.uq';

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'blocked' };

/** How long the lock lasts once `failures` consecutive failures are reached (0: no lock yet). */
export const lockMs = (failures: number) => (failures < MAX_FAILURES ? 0 : Math.min(BASE_LOCK_MS * 2 ** (failures - MAX_FAILURES), MAX_LOCK_MS));

/**
 * Counts this attempt as a failure up front and, when that reaches MAX_FAILURES, locks the
 * credential in the same update (a compare-and-set on the count, so concurrent attempts each count
 * once). While a lock holds nothing changes: the caller is refused without bcrypt.
 */
async function claimCredential(db: Tx, userId: string, now: Date): Promise<void> {
  for (let round = 0; round < CAS_ROUNDS; round++) {
    const cred = await db.credential.findUnique({ where: { userId }, select: { failedAttempts: true, lockedUntil: true } });
    if (!cred) return;
    if (cred.lockedUntil && cred.lockedUntil > now) {
      const seconds = Math.max(1, Math.ceil((cred.lockedUntil.getTime() - now.getTime()) / 1000));
      throw new TooManyRequestsError(`too many failed sign-ins; try again in ${seconds} s`, seconds);
    }
    const failures = cred.failedAttempts + 1;
    const lock = lockMs(failures);
    const won = await db.credential.updateMany({
      where: { userId, failedAttempts: cred.failedAttempts },
      data: { failedAttempts: failures, lockedUntil: lock ? new Date(now.getTime() + lock) : null },
    });
    if (won.count === 1) return;
  }
  throw new TooManyRequestsError('too many concurrent sign-ins; try again shortly', 1);
}

/**
 * `db` must be the client itself, not a transaction: the claims must outlive a failed attempt.
 * `clientAddress` may be empty when unknown; the per-credential lock still applies.
 */
export function passwordLogin(db: Tx, emailInput: string, password: string, clientAddress = '', now = new Date()): Promise<LoginResult> {
  // The check slot first: a sign-in refused because the server is busy counts as no attempt.
  return withPasswordCheck((verify) => judge(db, normalizeEmail(emailInput), password, clientAddress, now, verify));
}

async function judge(db: Tx, email: string, password: string, clientAddress: string, now: Date, verify: (p: string, h: string) => Promise<boolean>): Promise<LoginResult> {
  const claims = clientAddress ? await claimAttempt(db, [{ key: `login-ip:${clientAddress}`, failures: SIGN_IN_FAILURES, windowMs: SIGN_IN_WINDOW_MS }], now) : [];
  const user = await db.user.findUnique({ where: { email }, include: { credential: true } });
  const cred = user?.credential;
  if (!user || !cred) {
    await verify(password, DUMMY_HASH);
    return { ok: false, reason: 'invalid' };
  }
  try {
    await claimCredential(db, user.id, now);
  } catch (e) {
    await release(db, claims); // refused unjudged: not a guess from this address
    throw e;
  }
  if (!(await verify(password, cred.passwordHash))) return { ok: false, reason: 'invalid' };
  await release(db, claims);
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
