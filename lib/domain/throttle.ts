// Limits on guessing credentials, kept in the database so that they hold across server processes.
//
// An attempt is *claimed* before the credential is checked, with one atomic update each: it
// counts as a failure from the start, so 50 concurrent guesses cannot all be judged before the
// counter catches up (a read-then-write counter let 13 of 50 through). A success gives its claim
// back. Callers pass the database client itself, never an interactive transaction: a claim must
// survive the failed request's rollback.
import type { Tx } from '../db/client';
import { TooManyRequestsError } from './errors';

/** Failed attempts allowed per key in WINDOW_MS (client address, user name): console and Ziti alike. */
export const SIGN_IN_FAILURES = 20;
export const SIGN_IN_WINDOW_MS = 10 * 60_000;

export interface Limit {
  key: string;
  failures: number;
  windowMs: number;
}

const retryMessage = (seconds: number) => `too many failed attempts; try again in ${seconds} s`;

/**
 * Claims one attempt on every limit, all or nothing; throws TooManyRequestsError (with the longest
 * wait) when any is used up. Returns the claims to give back with `release` after a success.
 */
export async function claimAttempt(db: Tx, limits: Limit[], now = new Date()): Promise<Limit[]> {
  const claimed: Limit[] = [];
  for (const limit of limits) {
    const wait = await claimOne(db, limit, now);
    if (wait > 0) {
      await release(db, claimed);
      throw new TooManyRequestsError(retryMessage(wait), wait);
    }
    claimed.push(limit);
  }
  if (Math.random() < 0.01) await forgetExpired(db, now);
  return claimed;
}

/** Gives claims back (the attempt succeeded, or was never judged). */
export async function release(db: Tx, claims: Limit[]): Promise<void> {
  for (const c of claims) {
    await db.$executeRaw`UPDATE "LoginThrottle" SET "failures" = "failures" - 1 WHERE "key" = ${c.key} AND "failures" > 0`;
  }
}

/** Compare-and-set rounds before a claim gives up (each lost round means another attempt was counted). */
export const CAS_ROUNDS = 200;

/**
 * 0 when the attempt was counted, else the seconds until the window lapses. Counting is a
 * compare-and-set on (failures, windowStart): of concurrent claims each round exactly one wins,
 * on SQLite and PostgreSQL alike, without dialect-specific SQL.
 */
async function claimOne(db: Tx, { key, failures, windowMs }: Limit, now: Date): Promise<number> {
  for (let round = 0; round < CAS_ROUNDS; round++) {
    const row = await db.loginThrottle.findUnique({ where: { key } });
    if (!row) {
      const created = await db.loginThrottle.createMany({ data: [{ key, failures: 1, windowStart: now }] }).catch(() => ({ count: 0 }));
      if (created.count === 1) return 0;
      continue;
    }
    const lapsed = row.windowStart.getTime() + windowMs <= now.getTime();
    if (!lapsed && row.failures >= failures) return Math.max(1, Math.ceil((row.windowStart.getTime() + windowMs - now.getTime()) / 1000));
    const next = lapsed ? { failures: 1, windowStart: now } : { failures: row.failures + 1 };
    const won = await db.loginThrottle.updateMany({ where: { key, failures: row.failures, windowStart: row.windowStart }, data: next });
    if (won.count === 1) return 0;
  }
  return 1;
}

/** Rows whose window lapsed long ago say nothing any more (keys of random user names, addresses). */
async function forgetExpired(db: Tx, now: Date) {
  await db.loginThrottle.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
}
