// Traffic retention: events older than MESHDECK_TRAFFIC_RETENTION_DAYS whole UTC days go, and so do
// the rollups of those hours, so the charts and the event list always cover the same days.
//
// PostgreSQL: "TrafficEvent" is partitioned by day (lib/domain/traffic/partitions.ts); old days
// leave as whole partitions (DROP TABLE), never by DELETE. SQLite has no partitions: there old
// events ARE deleted, a bounded batch per statement, so that ingest (which takes the same write
// lock) waits for one batch at most, never for the whole clean-up.
//
// Unset, empty or 0 keeps everything (the default: an upgrade never loses data the operator did
// not ask to drop). The search groups (TrafficSearchGroup) stay: they are a dictionary of
// reporter/endpoint combinations, not time series, and new events reuse them.
import type { Db } from '../../db/client';
import type { DbConfig } from '../../db/config';
import { DAY_MS, dayOf, maintainPartitions, type PartitionPass } from './partitions';
import { Sql } from './sql';

export const RETENTION_ENV = 'MESHDECK_TRAFFIC_RETENTION_DAYS';
/** Events deleted per statement on SQLite (a few milliseconds of write lock each). */
export const SQLITE_DELETE_BATCH = 5000;
/** The tables of hourly sums, each keyed by account and then (soon after) by bucketStart. */
const ROLLUP_TABLES = ['TrafficRollup', 'TrafficTotal', 'TrafficSearchRollup', 'TrafficPortSum'] as const;

/**
 * Days to keep from the environment; null keeps everything. Anything but a whole number of days
 * also keeps everything and says so: a typo must not delete data.
 */
export function retentionDays(env: Record<string, string | undefined> = process.env, warn: (m: string) => void = console.error): number | null {
  const raw = (env[RETENTION_ENV] ?? '').trim();
  if (raw === '' || raw === '0') return null;
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0) return n;
  warn(`meshdeck: ${RETENTION_ENV}=${raw} is not a whole number of days; keeping all traffic events`);
  return null;
}

/** The first moment kept: midnight UTC `days` days before today's (today and `days` full days before it stay). */
export function retentionCutoff(now: Date, days: number | null): Date | null {
  return days === null ? null : new Date(dayOf(now).getTime() - days * DAY_MS);
}

export interface RetentionPass {
  cutoff: Date | null;
  /** PostgreSQL's partition work (null on SQLite). */
  partitions: PartitionPass | null;
  /** Events deleted row by row (SQLite only; PostgreSQL drops partitions). */
  deletedEvents: number;
  deletedRollups: number;
}

/** One pass of the retention (and, on PostgreSQL, of the partitions ahead); run by the leader only. */
export async function runTrafficRetention(
  db: Db,
  opts: { provider: DbConfig['provider']; days: number | null; now?: Date; yieldBetween?: () => Promise<void> },
): Promise<RetentionPass> {
  const now = opts.now ?? new Date();
  const cutoff = retentionCutoff(now, opts.days);
  const pg = opts.provider === 'postgresql';
  const pass: RetentionPass = { cutoff, partitions: null, deletedEvents: 0, deletedRollups: 0 };
  if (pg) pass.partitions = await maintainPartitions(db, now, cutoff);
  if (!cutoff) return pass;
  const pause = opts.yieldBetween ?? (() => new Promise<void>((r) => setImmediate(r)));
  const accounts = await db.account.findMany({ select: { id: true } });
  for (const { id } of accounts) {
    if (!pg) pass.deletedEvents += await deleteOldEventsSqlite(db, id, cutoff, pause);
    for (const table of ROLLUP_TABLES) {
      const sql = new Sql(pg);
      pass.deletedRollups += await db.$executeRawUnsafe(
        `DELETE FROM "${table}" WHERE "accountId" = ${sql.param(id)} AND "bucketStart" < ${sql.time(cutoff)}`,
        ...sql.params,
      );
    }
  }
  return pass;
}

/** SQLite: the account's events before `cutoff`, SQLITE_DELETE_BATCH at a time through the (accountId, windowStart) index. */
async function deleteOldEventsSqlite(db: Db, accountId: string, cutoff: Date, pause: () => Promise<void>): Promise<number> {
  const sql = new Sql(false);
  const statement =
    `DELETE FROM "TrafficEvent" WHERE "id" IN (SELECT "id" FROM "TrafficEvent" WHERE "accountId" = ${sql.param(accountId)} ` +
    `AND "windowStart" < ${sql.time(cutoff)} LIMIT ${SQLITE_DELETE_BATCH})`;
  let total = 0;
  for (;;) {
    const n = await db.$executeRawUnsafe(statement, ...sql.params);
    total += n;
    if (n < SQLITE_DELETE_BATCH) return total;
    await pause();
  }
}
