// What the console's command palette finds on the server: peers (by name, IP or DNS label), groups,
// users, NetBird policies and setup keys of the actor's account, a few of each. Pages and actions
// are found in the browser. Every kind is bounded (SEARCH_LIMIT rows), so the answer stays small
// and quick at 100,000 peers: peers whose IP, DNS label or name starts with the text come from
// index ranges; only when those are too few does one substring scan run, which stops at the limit
// (and reads a 100,000-peer account in a few tens of ms when nothing matches).
import { dbConfig } from '../../db/config';
import { containsText } from '../../db/text-filter';
import type { Tx } from '../../db/client';
import type { Prisma } from '../../db/models';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { visibleTo } from '../peers/peers';
import { keyState } from '../peers/setup-keys';
import { allows } from '../users/roles';

export const SEARCH_LIMIT = 8;
export const MAX_SEARCH_LIMIT = 20;
export const MAX_QUERY_LENGTH = 100;

export interface PeerHit {
  id: string;
  name: string;
  ip: string;
  dnsLabel: string;
  connected: boolean;
  approvalRequired: boolean;
  /** What the text matched, best first: exact (name, IP or label), prefix, substring. */
  match: 'exact' | 'prefix' | 'substring';
}

export interface SearchResults {
  peers: PeerHit[];
  groups: { id: string; name: string }[];
  users: { id: string; name: string; email: string; role: string; isServiceUser: boolean }[];
  policies: { id: string; name: string; enabled: boolean }[];
  setupKeys: { id: string; name: string; state: ReturnType<typeof keyState> }[];
}

const contains = containsText;

// Prisma passes % and _ to SQLite's LIKE as wildcards, so text holding them matches more rows than
// it should. Those rows are a superset of the right ones: for such text more rows are read (still
// a bounded number) and each is checked literally here.
const WILDCARD = /[%_\\]/;
const WILDCARD_TAKE = 200;
const has = (value: string, q: string) => value.toLowerCase().includes(q.toLowerCase());

const PEER_FIELDS = { id: true, name: true, ip: true, dnsLabel: true, connected: true, approvalRequired: true } as const;
type PeerRow = Omit<PeerHit, 'match'>;

function rank(p: PeerRow, q: string): PeerHit['match'] {
  const lower = q.toLowerCase();
  if (p.ip === q || p.dnsLabel === lower || p.name.toLowerCase() === lower) return 'exact';
  if (p.ip.startsWith(q) || p.dnsLabel.startsWith(lower) || p.name.toLowerCase().startsWith(lower)) return 'prefix';
  return 'substring';
}

const ORDER: Record<PeerHit['match'], number> = { exact: 0, prefix: 1, substring: 2 };

// Text that can only be the start of an IPv4 address ("100.64.", "100.64.3.7"): searched as one,
// not as part of a name, so it never needs the substring scan.
const IPV4_START = /^\d{1,3}\.[\d.]*$/;

/** `field` starts with `v`: on SQLite a range over the (accountId, field) index, exact for its byte-wise order. */
const startsWith = (field: 'ip' | 'dnsLabel' | 'name', v: string): Prisma.PeerWhereInput => ({ [field]: { gte: v, lt: `${v}\uffff` } });

/**
 * SQLite: prefix passes, each an index range that stops at the limit (an exact match sorts first in
 * its own) — IP, DNS label (always lower case), name as typed and in lower case; one query each, as
 * SQLite answers an OR of them by scanning the account (its LIKE ignores case, so cannot use the
 * indexes). Only when they find too few, names and labels that contain the text: a scan in name
 * order over the (accountId, name) index that stops at the limit.
 */
async function peersOnSqlite(db: Tx, actor: Actor, q: string, limit: number): Promise<PeerRow[]> {
  const take = WILDCARD.test(q) ? WILDCARD_TAKE : limit;
  const find = (where: Prisma.PeerWhereInput, orderBy: Prisma.PeerOrderByWithRelationInput[]) =>
    db.peer.findMany({ where: { AND: [visibleTo(actor), where] }, select: PEER_FIELDS, orderBy, take });
  const lower = q.toLowerCase();
  const rows = await find(startsWith('ip', q), [{ ip: 'asc' }]);
  if (IPV4_START.test(q)) return rows;
  rows.push(...(await find(startsWith('dnsLabel', lower), [{ dnsLabel: 'asc' }])));
  for (const name of new Set([q, lower])) rows.push(...(await find(startsWith('name', name), [{ name: 'asc' }, { id: 'asc' }])));
  if (new Set(rows.map((r) => r.id)).size < limit) rows.push(...(await find({ OR: [{ name: contains(q) }, { dnsLabel: contains(q) }] }, [{ name: 'asc' }, { id: 'asc' }])));
  return rows;
}

/**
 * PostgreSQL: there `LIKE 'text%'` cannot use a btree index unless the database's collation is C,
 * and a range would follow the collation, so: exact IP, label or name from the indexes (one query,
 * which PostgreSQL answers by combining them), then one sequential scan without ORDER BY that stops
 * at the limit, with starts_with() and lower()/strpos() — literal, and half the cost of ILIKE at
 * 100,000 peers. Text no peer contains reads the account's peers once.
 */
async function peersOnPostgres(db: Tx, actor: Actor, q: string, limit: number): Promise<PeerRow[]> {
  const lower = q.toLowerCase();
  const scope = visibleTo(actor);
  const exact = await db.peer.findMany({ where: { ...scope, OR: [{ ip: q }, { dnsLabel: lower }, { name: q }] }, select: PEER_FIELDS, take: limit });
  // Every placeholder must be used: PostgreSQL cannot type one that is not.
  const params: unknown[] = [actor.accountId, q];
  const at = (v: unknown) => `$${params.push(v)}`;
  const text = IPV4_START.test(q) ? 'starts_with("ip", $2)' : `(starts_with("ip", $2) OR strpos(lower("name"), ${at(lower)}) > 0 OR strpos("dnsLabel", $3) > 0)`;
  const own = 'userId' in scope ? ` AND "userId" = ${at(actor.userId)}` : '';
  const found = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "Peer" WHERE "accountId" = $1${own} AND ${text} LIMIT ${at(limit)}`, ...params);
  const ids = found.map((r) => r.id);
  return [...exact, ...(ids.length ? await db.peer.findMany({ where: { ...scope, id: { in: ids } }, select: PEER_FIELDS }) : [])];
}

async function searchPeers(db: Tx, actor: Actor, q: string, limit: number): Promise<PeerHit[]> {
  const rows = dbConfig().provider === 'sqlite' ? await peersOnSqlite(db, actor, q, limit) : await peersOnPostgres(db, actor, q, limit);
  const hits = new Map<string, PeerHit>();
  // Each row is checked literally (LIKE's wildcards, see WILDCARD), once.
  for (const p of rows) if (!hits.has(p.id) && (p.ip.startsWith(q) || has(p.name, q) || has(p.dnsLabel, q))) hits.set(p.id, { ...p, match: rank(p, q) });
  return [...hits.values()].sort((a, b) => ORDER[a.match] - ORDER[b.match] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, limit);
}

/** Regular users see only themselves unless the account lets them see the others (as GET /api/users). */
async function userScope(db: Tx, actor: Actor): Promise<Prisma.UserWhereInput> {
  if (actor.role !== 'user') return { accountId: actor.accountId };
  const account = await db.account.findUnique({ where: { id: actor.accountId }, select: { regularUsersViewBlocked: true } });
  return account?.regularUsersViewBlocked === false ? { accountId: actor.accountId } : { accountId: actor.accountId, id: actor.userId };
}

export function checkSearchText(raw: string | undefined): string {
  const q = (raw ?? '').trim();
  if (!q) throw new ValidationError('q must not be empty');
  if (q.length > MAX_QUERY_LENGTH) throw new ValidationError(`q must be at most ${MAX_QUERY_LENGTH} characters`);
  return q;
}

/**
 * Finds up to `limit` of each kind whose name (or IP, DNS label, email) contains `text`,
 * case-insensitively. Groups, policies and setup keys are account-wide data: only roles that may
 * read those (owners, admins, auditors) get them; regular users find their own peers.
 */
export async function consoleSearch(db: Tx, actor: Actor, text: string | undefined, limit = SEARCH_LIMIT): Promise<SearchResults> {
  const q = checkSearchText(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) throw new ValidationError(`limit must be between 1 and ${MAX_SEARCH_LIMIT}`);
  const accountId = actor.accountId;
  const wide = allows(actor.role, 'audit');
  const byName = { orderBy: [{ name: 'asc' as const }, { id: 'asc' as const }], take: WILDCARD.test(q) ? WILDCARD_TAKE : limit };
  const named = <T extends { name: string }>(rows: T[]) => rows.filter((r) => has(r.name, q)).slice(0, limit);
  // One after another: SQLite has one connection, and each of these is small.
  const peers = await searchPeers(db, actor, q, limit);
  const users = (
    await db.user.findMany({
      where: { AND: [await userScope(db, actor), { OR: [{ name: contains(q) }, { email: contains(q) }] }] },
      select: { id: true, name: true, email: true, role: true, isServiceUser: true },
      ...byName,
    })
  )
    .filter((u) => has(u.name, q) || has(u.email, q))
    .slice(0, limit);
  if (!wide) return { peers, users, groups: [], policies: [], setupKeys: [] };
  const groups = named(await db.group.findMany({ where: { accountId, name: contains(q) }, select: { id: true, name: true }, ...byName }));
  const policies = named(await db.policy.findMany({ where: { accountId, name: contains(q) }, select: { id: true, name: true, enabled: true }, ...byName }));
  const keys = named(await db.setupKey.findMany({
    where: { accountId, name: contains(q) },
    select: { id: true, name: true, revoked: true, expiresAt: true, usageLimit: true, usedTimes: true },
    ...byName,
  }));
  const now = new Date();
  return { peers, users, groups, policies, setupKeys: keys.map((k) => ({ id: k.id, name: k.name, state: keyState(k, now) })) };
}
