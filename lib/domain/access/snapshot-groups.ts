// The account's groups with their member counts, for listings built from a peer snapshot: names and
// resource counts from two small queries, peer counts from the snapshot's memberships (counted once
// per membership change, not per request).
import type { Tx } from '../../db/client';
import type { GroupSummary } from '../groups/summaries';
import { isAllGroup } from '../groups/all-group';
import type { PeerSnapshot } from './peer-store';
import { perSerial } from './per-serial';

export interface SnapshotGroups {
  /** The same object as long as no group, name or count changed (renderers key caches on it). */
  groups: ReadonlyMap<string, GroupSummary>;
  allGroupId: string | undefined;
  /** The peer's stored group ids (the snapshot's own array: the same object while unchanged). */
  idsOf(peerId: string): readonly string[];
  /** Every group a peer is in, the All group first, as group-index.ts orders them. */
  groupsOf(peerId: string): GroupSummary[];
}

const counted = new WeakMap<PeerSnapshot['groupsOf'], Map<string, number>>();
/** The last answer per memberships map, with the group rows it was built from. */
const built = new WeakMap<PeerSnapshot['groupsOf'], { key: string; result: SnapshotGroups }>();
const NONE: readonly string[] = Object.freeze([]);

function memberCounts(snap: PeerSnapshot): Map<string, number> {
  let counts = counted.get(snap.groupsOf);
  if (!counts) {
    counts = new Map();
    for (const groups of snap.groupsOf.values()) for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
    counted.set(snap.groupsOf, counts);
  }
  return counts;
}

/** `serial`: the account's network serial (group names and resources change only with it). */
export async function snapshotGroups(db: Tx, accountId: string, snap: PeerSnapshot, serial?: number): Promise<SnapshotGroups> {
  const load = () =>
    Promise.all([
      db.group.findMany({ where: { accountId }, select: { id: true, name: true, issued: true }, orderBy: { id: 'asc' } }),
      db.groupResource.groupBy({ by: ['groupId'], where: { group: { accountId } }, _count: { _all: true }, orderBy: { groupId: 'asc' } }),
    ]);
  const [groups, resourceCounts] = serial === undefined ? await load() : await perSerial(accountId, serial, 'groups', load);
  const key = `${snap.peers.length}\u0001${groups.map((g) => `${g.id}\u0000${g.name}\u0000${g.issued}`).join('\u0001')}\u0002${resourceCounts.map((r) => `${r.groupId}:${r._count._all}`).join(',')}`;
  const cached = built.get(snap.groupsOf);
  if (cached?.key === key) return cached.result;
  const peers = memberCounts(snap);
  const resources = new Map(resourceCounts.map((r) => [r.groupId, r._count._all]));
  const index = new Map<string, GroupSummary>();
  let allGroupId: string | undefined;
  for (const g of groups) {
    const all = isAllGroup(g);
    if (all) allGroupId = g.id;
    index.set(g.id, { id: g.id, name: g.name, issued: g.issued, peersCount: all ? snap.peers.length : (peers.get(g.id) ?? 0), resourcesCount: resources.get(g.id) ?? 0 });
  }
  const all = allGroupId ? index.get(allGroupId) : undefined;
  const result: SnapshotGroups = {
    groups: index,
    allGroupId,
    idsOf: (peerId) => snap.groupsOf.get(peerId) ?? NONE,
    groupsOf(peerId) {
      const out = all ? [all] : [];
      for (const id of snap.groupsOf.get(peerId) ?? []) {
        const g = index.get(id);
        if (g) out.push(g);
      }
      return out;
    },
  };
  built.set(snap.groupsOf, { key, result });
  return result;
}
