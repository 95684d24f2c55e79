// The console's peer table: one page of an account's peers, sorted and filtered in the database
// (NetBird's GET /api/peers has no paging, and an account may hold 100,000 peers). Visibility is
// the same as everywhere else: regular users see only the peers they added.
import { containsText } from '../../db/text-filter';
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Peer, Prisma } from '../../db/models';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { isAllGroup } from '../groups/all-group';
import { visibleTo } from './peers';
import { parseTimestamp } from '../timestamps';
import { expiringLoginWindow, olderVersions } from '../dashboard/peer-health';
import { failingPostureIds } from '../dashboard/posture-failures';

export const PEER_SORT_FIELDS = ['name', 'ip', 'dns_label', 'os', 'version', 'connected', 'last_seen', 'approval', 'login_expiration'] as const;
export type PeerSortField = (typeof PEER_SORT_FIELDS)[number];
export const MAX_PEER_PAGE = 1000;

const COLUMN: Record<PeerSortField, keyof Peer> = {
  name: 'name',
  ip: 'ip',
  dns_label: 'dnsLabel',
  os: 'os',
  version: 'version',
  connected: 'connected',
  last_seen: 'lastSeen',
  approval: 'approvalRequired',
  login_expiration: 'loginExpirationEnabled',
};

export interface PeerQuery {
  offset?: number;
  limit?: number;
  sort?: { field: PeerSortField; desc: boolean };
  /** Free text: name, hostname, IP or DNS label contain it. */
  q?: string;
  name?: string;
  ip?: string;
  dnsLabel?: string;
  /** Exact OS name as stored ("linux"), matched case-insensitively by contains. */
  os?: string;
  version?: string;
  groupId?: string;
  userId?: string;
  connected?: boolean;
  approval?: 'pending' | 'approved';
  /** `soon`: the login expires within 7 days (the dashboard's card). */
  loginExpiration?: 'enabled' | 'disabled' | 'expired' | 'soon';
  /** true: the agent is older than the newest version the account's peers report; false: it is not. */
  outdated?: boolean;
  /** Only peers failing a posture check of a policy they are a source of. */
  postureFailing?: boolean;
  lastSeenBefore?: string;
  lastSeenAfter?: string;
}

export interface PeerPage {
  total: number;
  peers: Peer[];
}

const contains = containsText;

function time(name: string, v: string | undefined): Date | undefined {
  if (!v) return undefined;
  const d = parseTimestamp(v);
  if (!d) throw new ValidationError(`${name} must be an ISO 8601 date-time such as 2024-01-31T23:59:59Z`);
  return d;
}

/** Checks the filter values and builds the condition (always scoped to what the actor may see). */
export async function peerWhere(db: Tx, actor: Actor, f: PeerQuery): Promise<Prisma.PeerWhereInput> {
  const before = time('lastSeenBefore', f.lastSeenBefore);
  const after = time('lastSeenAfter', f.lastSeenAfter);
  if (before && after && after > before) throw new ValidationError('lastSeenAfter is later than lastSeenBefore');
  const and: Prisma.PeerWhereInput[] = [visibleTo(actor)];
  const q = f.q?.trim();
  if (q) and.push({ OR: [{ name: contains(q) }, { hostname: contains(q) }, { ip: { contains: q } }, { dnsLabel: contains(q) }] });
  if (f.name?.trim()) and.push({ name: contains(f.name.trim()) });
  if (f.ip?.trim()) and.push({ OR: [{ ip: { startsWith: f.ip.trim() } }, { ipv6: { startsWith: f.ip.trim() } }] });
  if (f.dnsLabel?.trim()) and.push({ dnsLabel: contains(f.dnsLabel.trim()) });
  if (f.os?.trim()) and.push({ os: contains(f.os.trim()) });
  if (f.version?.trim()) and.push({ version: { startsWith: f.version.trim() } });
  if (f.userId) and.push({ userId: f.userId });
  if (f.connected !== undefined) and.push({ connected: f.connected });
  if (f.approval) and.push({ approvalRequired: f.approval === 'pending' });
  if (before || after) and.push({ lastSeen: { ...(before ? { lt: before } : {}), ...(after ? { gte: after } : {}) } });
  if (f.groupId) {
    const group = await db.group.findFirst({ where: { id: f.groupId, accountId: actor.accountId }, select: { id: true, name: true } });
    // Another account's group matches nothing rather than telling that it exists.
    if (!group) and.push({ id: { in: [] } });
    else if (!isAllGroup(group)) and.push({ groups: { some: { groupId: group.id } } });
  }
  if (f.loginExpiration === 'enabled') and.push({ loginExpirationEnabled: true });
  if (f.loginExpiration === 'disabled') and.push({ loginExpirationEnabled: false });
  if (f.loginExpiration === 'expired') and.push(await expiredCondition(db, actor.accountId));
  if (f.loginExpiration === 'soon') and.push(await expiringSoonCondition(db, actor.accountId));
  if (f.outdated !== undefined) {
    const older = await olderVersions(db, actor);
    and.push(f.outdated ? { version: { in: older } } : { version: { notIn: older } });
  }
  return { AND: and };
}

/**
 * A set of ids the database cannot take as one `IN (…)` list: SQLite binds at most 32,766
 * parameters per statement and Prisma does not split a list that sits beside other conditions.
 */
const MAX_ID_LIST = 10_000;

/** The database form of loginExpired() in peers.ts: user-added peers whose last login is too old. */
async function expiredCondition(db: Tx, accountId: string): Promise<Prisma.PeerWhereInput> {
  const a = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { peerLoginExpirationEnabled: true, peerLoginExpiration: true } });
  if (!a.peerLoginExpirationEnabled) return { id: { in: [] } };
  return { userId: { not: '' }, loginExpirationEnabled: true, lastLogin: { lt: new Date(Date.now() - a.peerLoginExpiration * 1000) } };
}

/** The dashboard's "logins expiring within 7 days": not expired yet, expiring within the week. */
async function expiringSoonCondition(db: Tx, accountId: string): Promise<Prisma.PeerWhereInput> {
  const a = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { peerLoginExpirationEnabled: true, peerLoginExpiration: true } });
  const w = expiringLoginWindow(a, Date.now());
  if (!w) return { id: { in: [] } };
  return { userId: { not: '' }, loginExpirationEnabled: true, lastLogin: { gte: w.after, lt: w.until } };
}

export async function queryPeers(db: Tx, actor: Actor, f: PeerQuery): Promise<PeerPage> {
  const offset = f.offset ?? 0;
  const limit = f.limit ?? 50;
  if (!Number.isInteger(offset) || offset < 0) throw new ValidationError('offset must be 0 or more');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PEER_PAGE) throw new ValidationError(`limit must be between 1 and ${MAX_PEER_PAGE}`);
  const base = await peerWhere(db, actor, f);
  const sort = f.sort ?? { field: 'name', desc: false };
  const dir = sort.desc ? 'desc' : 'asc';
  // The id breaks ties so that pages never overlap or skip rows.
  const orderBy: Prisma.PeerOrderByWithRelationInput[] = [{ [COLUMN[sort.field]]: dir }, { id: dir }];
  const only = f.postureFailing ? await failingPostureIds(db, actor.accountId) : undefined;
  if (only && only.size > MAX_ID_LIST) {
    // Too many to name in SQL: the other filters' ids in order, this set applied here, one page read.
    const ordered = (await db.peer.findMany({ where: base, orderBy, select: { id: true } })).map((p) => p.id).filter((id) => only.has(id));
    const pageIds = ordered.slice(offset, offset + limit);
    const rows = await db.peer.findMany({ where: { id: { in: pageIds } } });
    const byId = new Map(rows.map((p) => [p.id, p]));
    return { total: ordered.length, peers: pageIds.flatMap((id) => byId.get(id) ?? []) };
  }
  const where: Prisma.PeerWhereInput = only ? { AND: [base, { id: { in: [...only] } }] } : base;
  const [total, peers] = await Promise.all([db.peer.count({ where }), db.peer.findMany({ where, orderBy, skip: offset, take: limit })]);
  return { total, peers };
}

/** Name and email of the users who added the given peers (setup-key peers have none). */
export async function peerOwners(db: Tx, accountId: string, peers: Pick<Peer, 'userId'>[]) {
  const ids = [...new Set(peers.map((p) => p.userId).filter(Boolean))];
  const users = await inChunks(ids, (chunk) => db.user.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, name: true, email: true } }));
  return new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
}

/** What the table's group and user filters offer: ids and names only, cheap at any size. */
export async function peerFilterOptions(db: Tx, actor: Actor) {
  const [groups, users] = await Promise.all([
    db.group.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.user.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true, email: true }, orderBy: { email: 'asc' } }),
  ]);
  return { groups, users };
}
