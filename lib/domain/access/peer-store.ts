// The account's peers and their group memberships, kept in memory and brought up to date by
// reloading only the peers the database's change journal names (peer-journal.ts). Listings, the
// access model and agent maps read from here instead of reading every peer per request: at 25,000
// peers one full read costs hundreds of milliseconds, reloading the one peer that changed costs one.
//
// Each refresh that finds changes publishes a new immutable snapshot; callers may hold one across
// awaits. Stores of accounts nobody asked about for a while are dropped (memory stays proportional
// to the accounts in use) and load in full on their next use.
import { inTransaction, type Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Peer } from '../../db/models';
import { changesSince, currentMark, MARK_FRESH_MS } from './peer-journal';

export interface PeerSnapshot {
  /** The store this snapshot came from (a cache built from an older snapshot of the same store may be refreshed, not trusted across stores). */
  readonly origin: object;
  /** Every peer of the account, oldest first (createdAt, then id): the listing order. */
  readonly peers: readonly Peer[];
  readonly byId: ReadonlyMap<string, Peer>;
  /** Stored group memberships (the All group is implicit), by peer; a new map only when one changed. */
  readonly groupsOf: ReadonlyMap<string, readonly string[]>;
}

/** Above this share of the account changed at once, one full read is cheaper than reloading by id. */
const FULL_RELOAD_SHARE = 0.25;
const NONE: readonly string[] = Object.freeze([]);

const byAge = (a: Peer, b: Peer) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

class AccountPeerStore {
  private snapshot?: PeerSnapshot;
  private positions = new Map<string, number>();
  private mark = 0n;
  private readAt = 0;
  private running?: Promise<PeerSnapshot>;
  private queued?: Promise<PeerSnapshot>;
  lastUsed = Date.now();

  constructor(private readonly accountId: string) {}

  /**
   * The snapshot as of now: everything committed before the call is in it. A refresh already
   * running may have read the journal before the caller's write, so callers then share the next one.
   */
  current(db: Tx): Promise<PeerSnapshot> {
    this.lastUsed = Date.now();
    if (!this.running) return (this.running = this.runRefresh(db));
    this.queued ??= this.running.catch(() => undefined).then(() => {
      this.queued = undefined;
      return (this.running = this.runRefresh(db));
    });
    return this.queued;
  }

  private async runRefresh(db: Tx): Promise<PeerSnapshot> {
    try {
      return await this.refresh(db);
    } finally {
      this.running = undefined;
    }
  }

  private async refresh(db: Tx): Promise<PeerSnapshot> {
    const now = Date.now();
    if (!this.snapshot || now - this.readAt > MARK_FRESH_MS) return this.loadAll(db, now);
    const changes = await changesSince(db, this.accountId, this.mark);
    this.readAt = now;
    if (!changes.peerIds.size) {
      this.mark = changes.mark;
      return this.snapshot;
    }
    if (changes.peerIds.size > Math.max(500, this.snapshot.peers.length * FULL_RELOAD_SHARE)) return this.loadAll(db, now);
    const ids = [...changes.peerIds];
    const [rows, memberships] = await Promise.all([
      inChunks(ids, (chunk) => db.peer.findMany({ where: { accountId: this.accountId, id: { in: chunk } } })),
      inChunks(ids, (chunk) => db.groupPeer.findMany({ where: { peerId: { in: chunk } }, select: { groupId: true, peerId: true } })),
    ]);
    this.mark = changes.mark;
    this.apply(ids, rows, memberships);
    return this.snapshot;
  }

  private async loadAll(db: Tx, now: number): Promise<PeerSnapshot> {
    // The mark first: whatever commits after it is replayed by the next refresh.
    const mark = await currentMark(db);
    const [rows, memberships] = await Promise.all([
      db.peer.findMany({ where: { accountId: this.accountId } }),
      db.groupPeer.findMany({ where: { peer: { accountId: this.accountId } }, select: { groupId: true, peerId: true } }),
    ]);
    rows.sort(byAge);
    const groupsOf = new Map<string, string[]>();
    for (const m of memberships) push(groupsOf, m.peerId, m.groupId);
    for (const list of groupsOf.values()) list.sort();
    this.publish(rows, groupsOf);
    this.mark = mark;
    this.readAt = now;
    return this.snapshot!;
  }

  private apply(ids: string[], rows: Peer[], memberships: { groupId: string; peerId: string }[]) {
    const prev = this.snapshot!;
    const fresh = new Map(rows.map((r) => [r.id, r]));
    const newGroups = new Map<string, string[]>();
    for (const m of memberships) if (fresh.has(m.peerId)) push(newGroups, m.peerId, m.groupId);
    // Sorted, whichever way the database returned them: a reload must not reorder a listing.
    for (const list of newGroups.values()) list.sort();
    // Copied only when some membership changed: consumers key their caches on this map's identity.
    let groupsOf: Map<string, readonly string[]> | undefined;
    const setGroups = (id: string, groups: readonly string[] | undefined) => {
      groupsOf ??= new Map(prev.groupsOf);
      if (groups) groupsOf.set(id, groups);
      else groupsOf.delete(id);
    };
    let reorder = false;
    const peers = prev.peers.slice();
    for (const id of ids) {
      const row = fresh.get(id);
      const old = prev.byId.get(id);
      const groups = newGroups.get(id) ?? NONE;
      if (!row) {
        if (old || prev.groupsOf.has(id)) setGroups(id, undefined);
      } else if (!old || !sameList(prev.groupsOf.get(id) ?? NONE, groups)) setGroups(id, groups);
      if (!row || !old) {
        // Added or removed: the order is rebuilt below.
        if (row || old) reorder = true;
        continue;
      }
      if (row.createdAt.getTime() !== old.createdAt.getTime()) reorder = true;
      else peers[this.positions.get(id)!] = row;
    }
    // Rows replaced in place: copying the map per check-in of one agent cost more than the rest of
    // a refresh. Who holds an older snapshot may then find a newer row by id, never a missing one.
    const byId = reorder ? new Map(prev.byId) : (prev.byId as Map<string, Peer>);
    for (const id of ids) {
      const row = fresh.get(id);
      if (row) byId.set(id, row);
      else byId.delete(id);
    }
    if (reorder) {
      this.publish([...byId.values()].sort(byAge), groupsOf ?? prev.groupsOf);
      return;
    }
    this.snapshot = { origin: this, peers, byId, groupsOf: groupsOf ?? prev.groupsOf };
  }

  private publish(sorted: Peer[], groupsOf: ReadonlyMap<string, readonly string[]>) {
    this.positions = new Map(sorted.map((p, i) => [p.id, i]));
    const byId = new Map(sorted.map((p) => [p.id, p]));
    this.snapshot = { origin: this, peers: sorted, byId, groupsOf };
  }
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

const g = globalThis as unknown as { __meshdeckPeerStores?: Map<string, AccountPeerStore> };
const stores = (g.__meshdeckPeerStores ??= new Map());

/**
 * The account's peers as of now (see AccountPeerStore.current). Never inside a write transaction:
 * what it returns is shared by every request, so it must hold only committed data.
 */
export function peerSnapshot(db: Tx, accountId: string): Promise<PeerSnapshot> {
  if (inTransaction(db)) throw new Error('peerSnapshot: not inside a transaction (uncommitted rows must not be shared)');
  const now = Date.now();
  for (const [id, s] of stores) if (now - s.lastUsed > MARK_FRESH_MS && id !== accountId) stores.delete(id);
  let store = stores.get(accountId);
  if (!store) stores.set(accountId, (store = new AccountPeerStore(accountId)));
  return store.current(db);
}

/** Drops every store (tests; and a process that must not trust what it holds). */
export function forgetPeerStores(): void {
  stores.clear();
}
