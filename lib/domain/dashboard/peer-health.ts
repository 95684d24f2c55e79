// The dashboard's peer numbers in one aggregate query: total, online now, offline for more than
// 24 h, waiting for approval, logins expiring within 7 days, grouped by agent version so the same
// statement also says how many run an agent older than the newest version seen (an account has a
// handful of versions, so a handful of rows come back whatever its size). Counted over the peers
// the actor may see (regular users: their own), always inside the actor's account.
import type { Tx } from '../../db/client';
import { dbConfig } from '../../db/config';
import type { Actor } from '../actor';
import { allows } from '../users/roles';
import { splitVersions } from './versions';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** "Offline for more than a day" and "expiring within a week". */
export const STALE_MS = DAY_MS;
export const SOON_MS = 7 * DAY_MS;

export interface PeerHealth {
  total: number;
  online: number;
  /** Not connected and not seen for more than 24 h. */
  offline24h: number;
  pendingApproval: number;
  /** User-added peers whose login expires within 7 days (not yet expired). */
  loginExpiringSoon: number;
  /** Peers whose agent version is older than the newest version any peer of the account reports. */
  outdatedAgents: number;
  newestVersion: string | null;
}

type Row = { v: string; total: unknown; online: unknown; stale: unknown; pending: unknown; expiring: unknown };
const num = (x: unknown) => Number(x ?? 0);

/**
 * The window of lastLogin values whose login expires within `SOON_MS` from `now` and has not
 * expired yet (a login expires at lastLogin + the account's expiration), or null when the account
 * lets logins live for ever.
 */
export function expiringLoginWindow(account: { peerLoginExpirationEnabled: boolean; peerLoginExpiration: number }, now: number): { after: Date; until: Date } | null {
  if (!account.peerLoginExpirationEnabled) return null;
  const life = account.peerLoginExpiration * 1000;
  return { after: new Date(now - life), until: new Date(now - life + SOON_MS) };
}

export async function peerHealth(db: Tx, actor: Actor, now = Date.now()): Promise<PeerHealth> {
  const pg = dbConfig().provider === 'postgresql';
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), pg ? `$${params.length}` : '?');
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { peerLoginExpirationEnabled: true, peerLoginExpiration: true } });
  const login = expiringLoginWindow(account, now);
  // Parameters are numbered in the order of the text (SQLite's "?" are positional).
  const stale = `NOT "connected" AND "lastSeen" < ${p(new Date(now - STALE_MS))}`;
  const expiring = login ? `"userId" <> '' AND "loginExpirationEnabled" AND "lastLogin" >= ${p(login.after)} AND "lastLogin" < ${p(login.until)}` : '1 = 0';
  const scope = allows(actor.role, 'audit') ? `"accountId" = ${p(actor.accountId)}` : `"accountId" = ${p(actor.accountId)} AND "userId" = ${p(actor.userId)}`;
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT "version" AS "v", COUNT(*) AS "total",
       SUM(CASE WHEN "connected" THEN 1 ELSE 0 END) AS "online",
       SUM(CASE WHEN ${stale} THEN 1 ELSE 0 END) AS "stale",
       SUM(CASE WHEN "approvalRequired" THEN 1 ELSE 0 END) AS "pending",
       SUM(CASE WHEN ${expiring} THEN 1 ELSE 0 END) AS "expiring"
     FROM "Peer" WHERE ${scope} GROUP BY "version"`,
    ...params,
  );
  const versions = splitVersions(rows.map((r) => r.v));
  const older = new Set(versions.older);
  const sum = (k: keyof Row, only?: (r: Row) => boolean) => rows.reduce((n, r) => n + (!only || only(r) ? num(r[k]) : 0), 0);
  return {
    total: sum('total'),
    online: sum('online'),
    offline24h: sum('stale'),
    pendingApproval: sum('pending'),
    loginExpiringSoon: sum('expiring'),
    outdatedAgents: sum('total', (r) => older.has(r.v)),
    newestVersion: versions.newest,
  };
}

/** The stored versions older than the newest (the peers page's `outdated` filter): one grouped read of an index. */
export async function olderVersions(db: Tx, actor: Actor): Promise<string[]> {
  const where = allows(actor.role, 'audit') ? { accountId: actor.accountId } : { accountId: actor.accountId, userId: actor.userId };
  const rows = await db.peer.groupBy({ by: ['version'], where });
  return splitVersions(rows.map((r) => r.version)).older;
}
