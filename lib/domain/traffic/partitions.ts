// PostgreSQL's day partitions of "TrafficEvent" (made by the migration
// 20261207180000_traffic_event_partitions): created ahead of time, rows that landed in the DEFAULT
// partition moved into their day's own, and whole days dropped by the retention
// (lib/domain/traffic/retention.ts). Run by one process only, the leader (lib/server/traffic-retention.ts).
//
// Every change of partitions takes an ACCESS EXCLUSIVE lock on "TrafficEvent" for a moment. A
// short lock_timeout keeps the job from queueing in front of the event list and the charts behind
// a long query: it gives up and the next pass tries again.
import type { Db } from '../../db/client';

export const DAY_MS = 86_400_000;
/** Days after today whose partitions exist before their first event arrives (a leader may be away that long). */
export const PARTITION_DAYS_AHEAD = 7;
/** Days moved out of the DEFAULT partition per pass (each one a short exclusive lock). */
const MOVES_PER_PASS = 31;
const LOCK_TIMEOUT = "SET LOCAL lock_timeout = '2s'";
const TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

export interface Partition {
  name: string;
  /** Range bounds (UTC); null for the DEFAULT partition. */
  from: Date | null;
  to: Date | null;
}

/** The start of the UTC day holding `t`. */
export const dayOf = (t: Date) => new Date(Math.floor(t.getTime() / DAY_MS) * DAY_MS);
/** "TrafficEvent_p20261207": names made from dates only, never from input. */
export const partitionName = (day: Date) => `TrafficEvent_p${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
/** A timestamp literal as "windowStart" (TIMESTAMP(3), UTC) stores it. */
const literal = (t: Date) => `'${t.toISOString().replace('T', ' ').replace('Z', '')}'::timestamp`;
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** "2026-12-07 00:00:00" as PostgreSQL prints a bound → that moment in UTC. */
const bound = (s: string | undefined) => (s ? new Date(`${s.replace(' ', 'T')}Z`) : null);

export async function listPartitions(db: Db): Promise<Partition[]> {
  const rows = await db.$queryRawUnsafe<{ name: string; bound: string }[]>(
    `SELECT c.relname AS "name", pg_get_expr(c.relpartbound, c.oid) AS "bound"
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = '"TrafficEvent"'::regclass ORDER BY c.relname`,
  );
  return rows.map((r) => {
    const m = /FROM \('([^']+)'\) TO \('([^']+)'\)/.exec(r.bound);
    return { name: r.name, from: bound(m?.[1]), to: bound(m?.[2]) };
  });
}

export const defaultPartition = (parts: Partition[]) => parts.find((p) => p.from === null && p.to === null) ?? null;

/**
 * Creates the partition of the UTC day starting at `day` unless a partition overlaps it; returns
 * how many rows it moved out of the DEFAULT partition (null when the day had a partition already).
 * The parent is locked first (the order every insert takes its locks in), so no event of that day
 * can reach the DEFAULT partition between the move and the attach.
 */
export async function ensureDayPartition(db: Db, day: Date, parts?: Partition[]): Promise<number | null> {
  const from = dayOf(day);
  const to = new Date(from.getTime() + DAY_MS);
  const known = parts ?? (await listPartitions(db));
  if (known.some((p) => p.from && p.to && p.from < to && p.to > from)) return null;
  const fallback = defaultPartition(known);
  const name = ident(partitionName(from));
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(LOCK_TIMEOUT);
    await tx.$executeRawUnsafe('LOCK TABLE "TrafficEvent" IN ACCESS EXCLUSIVE MODE');
    await tx.$executeRawUnsafe(`CREATE TABLE ${name} (LIKE "TrafficEvent" INCLUDING DEFAULTS)`);
    // A move, not retention: the day's stray rows leave the DEFAULT partition for their own.
    const moved = fallback
      ? await tx.$executeRawUnsafe(
          `WITH gone AS (DELETE FROM ${ident(fallback.name)} WHERE "windowStart" >= ${literal(from)} AND "windowStart" < ${literal(to)} RETURNING *)
           INSERT INTO ${name} SELECT * FROM gone`,
        )
      : 0;
    await tx.$executeRawUnsafe(`ALTER TABLE "TrafficEvent" ATTACH PARTITION ${name} FOR VALUES FROM (${literal(from)}) TO (${literal(to)})`);
    return moved;
  }, TRANSACTION);
}

export interface PartitionPass {
  created: string[];
  dropped: string[];
  /** Rows moved from the DEFAULT partition into their day's partition. */
  moved: number;
  /** Rows in the DEFAULT partition already older than the retention, deleted there. */
  expiredStrays: number;
  /** Rows in the DEFAULT partition for days beyond the ones created ahead (clocks far ahead): they
   *  move when their day comes within PARTITION_DAYS_AHEAD of today. */
  waiting: number;
}

/**
 * One pass: today's and the next PARTITION_DAYS_AHEAD days' partitions exist, the DEFAULT
 * partition's rows of those or earlier kept days move into partitions of their own, and whole
 * partitions ending at or before `cutoff` are dropped (DROP TABLE: no row is deleted one by one).
 * `cutoff` null keeps everything.
 */
export async function maintainPartitions(db: Db, now: Date, cutoff: Date | null): Promise<PartitionPass> {
  const pass: PartitionPass = { created: [], dropped: [], moved: 0, expiredStrays: 0, waiting: 0 };
  const today = dayOf(now);
  const horizon = new Date(today.getTime() + (PARTITION_DAYS_AHEAD + 1) * DAY_MS);
  const create = async (day: Date) => {
    const moved = await ensureDayPartition(db, day, await listPartitions(db));
    if (moved === null) return;
    pass.created.push(partitionName(day));
    pass.moved += moved;
  };
  for (let d = today; d < horizon; d = new Date(d.getTime() + DAY_MS)) await create(d);

  const fallback = defaultPartition(await listPartitions(db));
  if (fallback) {
    const days = await db.$queryRawUnsafe<{ day: string; n: bigint | number }[]>(
      `SELECT to_char("windowStart", 'YYYY-MM-DD') AS "day", COUNT(*) AS "n" FROM ${ident(fallback.name)} GROUP BY 1 ORDER BY 1`,
    );
    let moves = 0;
    for (const { day, n } of days) {
      const at = new Date(`${day}T00:00:00Z`);
      if (cutoff && at < cutoff) pass.expiredStrays += Number(n);
      else if (at >= horizon) pass.waiting += Number(n);
      else if (moves++ < MOVES_PER_PASS) await create(at);
    }
    // Only rows that arrived already older than the retention: the bulk of old data leaves below,
    // a partition at a time.
    if (cutoff && pass.expiredStrays) {
      await db.$executeRawUnsafe(`DELETE FROM ${ident(fallback.name)} WHERE "windowStart" < ${literal(cutoff)}`);
    }
  }

  if (cutoff) {
    for (const p of await listPartitions(db)) {
      if (!p.to || p.to > cutoff) continue;
      await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(LOCK_TIMEOUT);
        await tx.$executeRawUnsafe(`DROP TABLE ${ident(p.name)}`);
      }, TRANSACTION);
      pass.dropped.push(p.name);
    }
  }
  return pass;
}
