// The console's dashboard (GET /api/console/dashboard and app/app/(console)/page.tsx): "is my
// network healthy" in one answer. Every number is one aggregate query scoped to the actor's account
// (and, for regular users, to their own peers and tokens); parts a role may not open (audit log,
// traffic, setup keys, the policy document) are null for it. The two figures that need more than
// the database can add up — peers failing a posture check and the policy document's tests — are
// computed once per network serial; the dashboard waits for them only briefly (`settleMs`), so a
// cold computation at 100,000 peers never holds the page: it gives the value computed before the
// latest change (or none yet), says `settling`, and the console asks again a moment later.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { currentMark } from '../access/peer-journal';
import { trafficSummary } from '../traffic/summary';
import { allows } from '../users/roles';
import { aclSummary, aclTests, type AclSummary, type AclTests } from './acl-status';
import { peerHealth, SOON_MS, DAY_MS, HOUR_MS, type PeerHealth } from './peer-health';
import { failingPostureIds } from './posture-failures';

export const AUDIT_ROWS = 10;
export const TOP_TALKERS = 5;
/** How long the dashboard waits for a figure computed per serial before saying "checking". */
export const SETTLE_MS = 120;

export interface DashboardChange {
  id: string;
  at: string;
  what: string;
  code: string;
  who: string;
  /** The API the change came through: netbird | tailscale | zerotier | ziti | console | system. */
  via: string;
  targetId: string;
}

export interface DashboardTraffic {
  from: string;
  to: string;
  totals: { rx_bytes: number; tx_bytes: number; flows: number };
  series: { t: string; bytes: number; flows: number }[];
  top_peers: { id: string; name: string; bytes: number; flows: number }[];
  top_users: { id: string; email: string; bytes: number; flows: number }[];
}

export interface Dashboard {
  at: string;
  /** Where the live wait (GET /api/console/dashboard/live) starts: changes after this are news. */
  mark: string;
  /** Some figure (posture failures, the ACL tests) is being recomputed after a change: it is null or from before the change. */
  settling: boolean;
  peers: PeerHealth & { failingPosture: number | null };
  /** Null for roles that cannot open the setup keys page. */
  setupKeysExpiringSoon: number | null;
  /** The signed-in user's own tokens (the API tokens page lists those). */
  tokensExpiringSoon: number;
  traffic: DashboardTraffic | null;
  changes: DashboardChange[] | null;
  acl: (AclSummary & { tests: AclTests | null; checking: boolean }) | null;
}

const PENDING = Symbol('pending');
// The last value each per-serial figure settled to, by account: shown while the next is computed.
const g = globalThis as unknown as { __meshdeckDashboardLast?: Map<string, unknown> };
const lastSettled = (g.__meshdeckDashboardLast ??= new Map<string, unknown>());
/** The value if it settles within `ms`, else PENDING (the work goes on and is memoized by its caller). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof PENDING> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof PENDING>((resolve) => (timer = setTimeout(() => resolve(PENDING), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The work's value if it settles within `ms` (fresh), else the last value it settled to for `key` (or undefined). */
async function freshOrLast<T>(key: string, work: Promise<T>, ms: number): Promise<{ value: T | undefined; fresh: boolean }> {
  work.then((v) => lastSettled.set(key, v)).catch(() => undefined);
  const value = await within(work, ms);
  if (value !== PENDING) return { value, fresh: true };
  return { value: lastSettled.get(key) as T | undefined, fresh: false };
}

async function failingCount(db: Tx, actor: Actor, settleMs: number): Promise<{ value: number | null; fresh: boolean }> {
  const { value: ids, fresh } = await freshOrLast(`${actor.accountId}:posture`, failingPostureIds(db, actor.accountId), settleMs);
  if (!ids) return { value: null, fresh };
  if (!ids.size || allows(actor.role, 'audit')) return { value: ids.size, fresh };
  const own = await db.peer.findMany({ where: { accountId: actor.accountId, userId: actor.userId }, select: { id: true } });
  return { value: own.filter((p) => ids.has(p.id)).length, fresh };
}

async function recentChanges(db: Tx, actor: Actor): Promise<DashboardChange[]> {
  const rows = await db.auditEvent.findMany({
    where: { accountId: actor.accountId },
    orderBy: [{ timestamp: 'desc' }, { id: 'desc' }],
    take: AUDIT_ROWS,
    select: { id: true, timestamp: true, activity: true, activityCode: true, initiatorEmail: true, initiatorName: true, initiatorId: true, source: true, targetId: true },
  });
  return rows.map((e) => ({ id: e.id, at: e.timestamp.toISOString(), what: e.activity, code: e.activityCode, who: e.initiatorEmail || e.initiatorName || e.initiatorId, via: e.source, targetId: e.targetId }));
}

async function lastDayTraffic(db: Tx, actor: Actor, now: number): Promise<DashboardTraffic> {
  // Hourly buckets: the charts' cheapest plan (the hourly totals), never the events table.
  const s = await trafficSummary(db, actor, { from: new Date(now - DAY_MS).toISOString(), to: new Date(now).toISOString(), bucket: HOUR_MS / 1000 }, new Date(now));
  return {
    from: s.from,
    to: s.to,
    totals: s.totals,
    series: s.series.map((p) => ({ t: p.t, bytes: p.rx_bytes + p.tx_bytes, flows: p.flows })),
    top_peers: s.top_peers.slice(0, TOP_TALKERS),
    top_users: s.top_users.slice(0, TOP_TALKERS),
  };
}

async function aclPart(db: Tx, actor: Actor, settleMs: number): Promise<Dashboard['acl']> {
  const { text, ...summary } = await aclSummary(db, actor.accountId);
  if (!text || !summary.hasTests) return { ...summary, tests: null, checking: false };
  const { value, fresh } = await freshOrLast(`${actor.accountId}:acl-tests`, aclTests(db, actor.accountId, text), settleMs);
  return { ...summary, tests: value ?? null, checking: !fresh };
}

export async function dashboard(db: Tx, actor: Actor, opts: { now?: number; settleMs?: number } = {}): Promise<Dashboard> {
  const now = opts.now ?? Date.now();
  const settleMs = opts.settleMs ?? SETTLE_MS;
  const audit = allows(actor.role, 'audit');
  const soon = { gt: new Date(now), lte: new Date(now + SOON_MS) };
  const [mark, peers, posture, setupKeys, tokens, traffic, changes, acl] = await Promise.all([
    currentMark(db),
    peerHealth(db, actor, now),
    failingCount(db, actor, settleMs),
    audit ? db.setupKey.count({ where: { accountId: actor.accountId, revoked: false, expiresAt: soon } }) : null,
    db.apiToken.count({ where: { accountId: actor.accountId, userId: actor.userId, expiresAt: soon } }),
    audit ? lastDayTraffic(db, actor, now) : null,
    audit ? recentChanges(db, actor) : null,
    audit ? aclPart(db, actor, settleMs) : null,
  ]);
  return {
    at: new Date(now).toISOString(),
    mark: mark.toString(),
    settling: !posture.fresh || acl?.checking === true,
    peers: { ...peers, failingPosture: posture.value },
    setupKeysExpiringSoon: setupKeys,
    tokensExpiringSoon: tokens,
    traffic,
    changes,
    acl,
  };
}
