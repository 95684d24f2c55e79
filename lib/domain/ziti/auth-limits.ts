// Failed Ziti authentications are limited per client address and per user name (20 in 10 minutes,
// like console sign-ins), and MFA codes per API session (5) and per identity (10 in 10 minutes):
// past that the call answers Ziti's 429 RATE_LIMITED, even with the right password or code, until
// the window passes. Attempts are claimed in the database before the check (../throttle.ts), so
// the limits hold under concurrency and across server processes; a success gives its claims back.
// The per-name limit is per (name, address), like console sign-ins: guesses from one address never
// lock the identity out from another, so nobody (of another account or none) can lock a user out.
import type { Tx } from '../../db/client';
import { CodedError, TooManyRequestsError } from '../errors';
import { claimAttempt, release, SIGN_IN_FAILURES, SIGN_IN_WINDOW_MS, type Limit } from '../throttle';

export const MFA_FAILURES_PER_SESSION = 5;
export const MFA_FAILURES_PER_IDENTITY = 10;

async function claimZiti(db: Tx, limits: Limit[]): Promise<Limit[]> {
  try {
    return await claimAttempt(db, limits);
  } catch (e) {
    if (!(e instanceof TooManyRequestsError)) throw e;
    const wait = e.retryAfterSeconds;
    throw new TooManyRequestsError(`The resource is rate limited and the rate limit has been exceeded. Please try again in ${wait} s`, wait);
  }
}

/**
 * Runs a password or certificate authentication under the limits: its 401 keeps the claims, a
 * success or any other outcome (e.g. the password checks are busy) gives them back. Without a
 * known client address only the user name counts (with an empty address): one shared address key
 * would let anyone lock every client out. `countAddress: false`: only the (name, address) limit
 * (a signed-in session checking its own password is no guess at other names).
 */
export async function limitedZitiAuth<T>(db: Tx, ip: string, username: string | undefined, attempt: () => Promise<T>, opts: { countAddress?: boolean } = {}): Promise<T> {
  const byAddress = ip && opts.countAddress !== false ? [`ziti-auth-ip:${ip}`] : [];
  const keys = [...byAddress, ...(username ? [`ziti-auth-user:${username}|${ip}`] : [])];
  const claims = await claimZiti(db, keys.map((key) => ({ key, failures: SIGN_IN_FAILURES, windowMs: SIGN_IN_WINDOW_MS })));
  try {
    const r = await attempt();
    await release(db, claims);
    return r;
  } catch (e) {
    if (!(e instanceof CodedError && e.status === 401)) await release(db, claims);
    throw e;
  }
}

/** An MFA code check for an identity through one API session: `check` says whether the code was right. */
export async function limitedMfaCheck(db: Tx, apiSessionId: string, identityId: string, check: () => Promise<boolean>): Promise<boolean> {
  const claims = await claimZiti(db, [
    { key: `ziti-mfa-session:${apiSessionId}`, failures: MFA_FAILURES_PER_SESSION, windowMs: SIGN_IN_WINDOW_MS },
    { key: `ziti-mfa-identity:${identityId}`, failures: MFA_FAILURES_PER_IDENTITY, windowMs: SIGN_IN_WINDOW_MS },
  ]);
  const ok = await check();
  if (ok) await release(db, claims);
  return ok;
}
