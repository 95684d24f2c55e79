// The console's dashboard (GET /api/console/dashboard and app/app/(console)/page.tsx): "is my
// network healthy" in one answer. Every number is one aggregate query scoped to the actor's account
// (and, for regular users, to their own peers and tokens); parts a role may not open (audit log,
// traffic, setup keys, the policy document) are null for it. The two figures that need more than
// the database can add up — peers failing a posture check and the policy document's tests — are
// computed once per network serial: after a change the dashboard answers at once with the values
// from before it, says `settling`, computes the new ones right after answering, and the console
// asks again a moment later (see `figure`).
import { inTransaction, type Tx } from '../../db/client';
import { networkSerial } from '../serial';
import type { Actor } from '../actor';
import { currentMark } from '../access/peer-journal';
import { trafficSummary } from '../traffic/summary';
import { allows } from '../users/roles';
import { aclSummary, aclTests, type AclSummary, type AclTests } from './acl-status';
import { peerHealth, SOON_MS, DAY_MS, HOUR_MS, type PeerHealth } from './peer-health';
import { failingPostureIds } from './posture-failures';

export const AUDIT_ROWS = 10;
export const TOP_TALKERS = 5;
/** After answering, how soon a figure known only for an earlier serial is computed for the current one. */
export const DEFER_MS = 50;

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
  /** Some figure (posture failures, the ACL tests) is being computed: it is from before the latest change, or null. */
  settling: boolean;
  /** failingPosture: null until first computed in this server process. */
  peers: PeerHealth & { failingPosture: number | null };
  /** Null for roles that cannot open the setup keys page. */
  setupKeysExpiringSoon: number | null;
  /** The signed-in user's own tokens (the API tokens page lists those). */
  tokensExpiringSoon: number;
  traffic: DashboardTraffic | null;
  changes: DashboardChange[] | null;
  acl: (AclSummary & { tests: AclTests | null; checking: boolean }) | null;
}

// The last value each per-serial figure settled to, by account and figure, with its serial.
const g = globalThis as unknown as { __meshdeckDashboardLast?: Map<string, { serial: number; value: unknown }>; __meshdeckDashboardRunning?: Set<string> };
const lastSettled = (g.__meshdeckDashboardLast ??= new Map());
const running = (g.__meshdeckDashboardRunning ??= new Set());

/**
 * A figure computed per serial. Known for this serial: fresh. Otherwise (unless `wait`) the value
 * from an earlier serial, or undefined in a process's first view, at once, and the new one computed
 * right after this answer is sent (one at a time per figure): the answer never waits for it — the
 * work is CPU-bound (at 100,000 peers the first one also loads the peer store, seconds) and would
 * hold the request whatever a timeout said.
 */
async function figure<T>(db: Tx, key: string, serial: number, load: () => Promise<T>, wait: boolean): Promise<{ value: T | undefined; fresh: boolean }> {
  const last = lastSettled.get(key) as { serial: number; value: T } | undefined;
  if (last && last.serial >= serial) return { value: last.value, fresh: true };
  const settle = async () => {
    const value = await load();
    const now = lastSettled.get(key);
    if (!now || now.serial <= serial) lastSettled.set(key, { serial, value });
    return value;
  };
  if (!wait && !inTransaction(db)) {
    if (!running.has(key)) {
      running.add(key);
      setTimeout(() => void settle().catch(() => undefined).finally(() => running.delete(key)), DEFER_MS);
    }
    return { value: last?.value, fresh: false };
  }
  return { value: await settle(), fresh: true };
}

async function failingCount(db: Tx, actor: Actor, serial: number, wait: boolean): Promise<{ value: number | null; fresh: boolean }> {
  const { value: ids, fresh } = await figure(db, `${actor.accountId}:posture`, serial, () => failingPostureIds(db, actor.accountId), wait);
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

async function aclPart(db: Tx, actor: Actor, serial: number, wait: boolean): Promise<Dashboard['acl']> {
  const { text, ...summary } = await aclSummary(db, actor.accountId);
  if (!text || !summary.hasTests) return { ...summary, tests: null, checking: false };
  const { value, fresh } = await figure(db, `${actor.accountId}:acl-tests`, serial, () => aclTests(db, actor.accountId, text), wait);
  return { ...summary, tests: value ?? null, checking: !fresh };
}

/** `wait`: compute the per-serial figures for the current serial before answering (tests; default: see `figure`). */
export async function dashboard(db: Tx, actor: Actor, opts: { now?: number; wait?: boolean } = {}): Promise<Dashboard> {
  const now = opts.now ?? Date.now();
  const wait = opts.wait ?? false;
  const audit = allows(actor.role, 'audit');
  const serial = await networkSerial(db, actor.accountId);
  const soon = { gt: new Date(now), lte: new Date(now + SOON_MS) };
  const [mark, peers, posture, setupKeys, tokens, traffic, changes, acl] = await Promise.all([
    currentMark(db),
    peerHealth(db, actor, now),
    failingCount(db, actor, serial, wait),
    audit ? db.setupKey.count({ where: { accountId: actor.accountId, revoked: false, expiresAt: soon } }) : null,
    db.apiToken.count({ where: { accountId: actor.accountId, userId: actor.userId, expiresAt: soon } }),
    audit ? lastDayTraffic(db, actor, now) : null,
    audit ? recentChanges(db, actor) : null,
    audit ? aclPart(db, actor, serial, wait) : null,
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
