// Which peers changed since a reader last looked, from the PeerChange rows the database's triggers
// write (prisma/migrations/*_peer_changes). A reader keeps a mark and asks for everything after it.
//
// SQLite serializes writers, so a row's seq order is its commit order and the mark is simply the
// highest seq seen. PostgreSQL hands out sequence values at insert time, not commit time: a
// transaction that took seq 10 may commit after one that took seq 11 was already read. There the
// mark is the snapshot's xmin — every transaction with a lower id has finished — and the next read
// asks again for every row of a transaction at or above it (reloading a peer twice is harmless).
import type { Tx } from '../../db/client';
import { dbConfig } from '../../db/config';

export interface PeerChanges {
  /** Peers whose row or memberships changed (or that were deleted): reload them. */
  peerIds: Set<string>;
  /** Where the next read starts. */
  mark: bigint;
}

/** Rows older than this are deleted; a reader whose last read is older must reload everything. */
export const JOURNAL_KEEP_MS = 15 * 60_000;
/** A reader trusts its mark only if it read within this (well inside JOURNAL_KEEP_MS). */
export const MARK_FRESH_MS = 5 * 60_000;

const pg = () => dbConfig().provider === 'postgresql';

/** Where a reader that loads everything now should start: nothing before this can be missed. */
export async function currentMark(db: Tx): Promise<bigint> {
  if (pg()) {
    const [r] = await db.$queryRawUnsafe<{ mark: string }[]>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS mark');
    return BigInt(r.mark);
  }
  const [r] = await db.$queryRawUnsafe<{ mark: bigint | number | null }[]>('SELECT MAX("seq") AS mark FROM "PeerChange"');
  return BigInt(r.mark ?? 0);
}

/** The account's changed peers after `mark`. Rows of peers whose account was unknown count for everyone. */
export async function changesSince(db: Tx, accountId: string, mark: bigint): Promise<PeerChanges> {
  if (pg()) {
    // One statement, one snapshot: the rows read and the xmin returned belong together.
    const rows = await db.$queryRawUnsafe<{ peerId: string | null; mark: string }[]>(
      `WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin)
       SELECT c."peerId", s.xmin::text AS mark FROM s LEFT JOIN "PeerChange" c
         ON (c."accountId" = $1 OR c."accountId" IS NULL) AND c."txid" >= $2`,
      accountId,
      mark.toString(),
    );
    const peerIds = new Set<string>();
    for (const r of rows) if (r.peerId) peerIds.add(r.peerId);
    return { peerIds, mark: rows.length ? BigInt(rows[0].mark) : mark };
  }
  // One statement, one read snapshot: the newest seq overall is the next mark (other accounts'
  // rows below it need not be scanned again), and nothing committed after the read is skipped.
  const rows = await db.$queryRawUnsafe<{ top: bigint | number | null; peerId: string | null }[]>(
    `SELECT (SELECT MAX("seq") FROM "PeerChange") AS top, c."peerId" FROM (SELECT 1) AS one
       LEFT JOIN "PeerChange" c ON c."seq" > ? AND (c."accountId" = ? OR c."accountId" IS NULL)`,
    Number(mark),
    accountId,
  );
  const peerIds = new Set<string>();
  for (const r of rows) if (r.peerId) peerIds.add(r.peerId);
  const top = rows[0]?.top;
  return { peerIds, mark: top == null ? mark : BigInt(top) };
}

/** Deletes rows older than JOURNAL_KEEP_MS, always keeping the newest (SQLite's next seq is MAX+1). */
export async function pruneJournal(db: Tx, now = Date.now()): Promise<number> {
  const before = BigInt(now - JOURNAL_KEEP_MS);
  return db.$executeRawUnsafe(
    pg()
      ? 'DELETE FROM "PeerChange" WHERE "atMs" < $1 AND "seq" < (SELECT MAX("seq") FROM "PeerChange")'
      : 'DELETE FROM "PeerChange" WHERE "atMs" < ? AND "seq" < (SELECT MAX("seq") FROM "PeerChange")',
    pg() ? before.toString() : Number(before),
  );
}
