// Per-account quotas set by installation operators: peers, and API requests per minute. Both are
// counted in the database, so they hold across server processes; an account without a quota pays
// nothing for them (the request quota rides on the row the caller's credential already loads).
import type { Tx } from '../../db/client';
import { TooManyRequestsError } from '../errors';
import { checkAccountActive } from './suspension';

/** Refuses a new peer in a suspended account or one at its peer quota (every path that adds a peer). */
export async function checkPeerRoom(db: Tx, accountId: string): Promise<void> {
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { status: true, peerQuota: true } });
  checkAccountActive(account.status);
  if (account.peerQuota === null) return;
  const peers = await db.peer.count({ where: { accountId } });
  if (peers >= account.peerQuota) {
    throw new TooManyRequestsError(`the account has reached its quota of ${account.peerQuota} peers; remove a peer or ask the installation's operator for more`, 3600);
  }
}

const minuteOf = (now: Date) => Math.floor(now.getTime() / 60_000);

/**
 * Counts one API request of the account in the current minute (one atomic upsert, on SQLite and
 * PostgreSQL alike) and refuses it past the quota, with the seconds left in the minute.
 */
export async function countApiRequest(db: Tx, accountId: string, quota: number, now = new Date()): Promise<void> {
  const minute = minuteOf(now);
  const rows = await db.$queryRaw<{ count: number | bigint }[]>`
    INSERT INTO "ApiRequestCount" ("accountId", "minute", "count") VALUES (${accountId}, ${minute}, 1)
    ON CONFLICT ("accountId", "minute") DO UPDATE SET "count" = "ApiRequestCount"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 0);
  // Older minutes say nothing any more; one request in a hundred sweeps them.
  if (count % 100 === 1) await db.apiRequestCount.deleteMany({ where: { accountId, minute: { lt: minute - 1 } } });
  if (count > quota) {
    const seconds = Math.max(1, Math.ceil(((minute + 1) * 60_000 - now.getTime()) / 1000));
    throw new TooManyRequestsError(`the account's quota of ${quota} API requests per minute is used up; try again in ${seconds} s`, seconds);
  }
}
