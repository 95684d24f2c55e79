// The account's groups with their member counts, for listings built from a peer snapshot: names and
// resource counts from two small queries, peer counts from the snapshot's memberships (counted once
// per membership change, not per request).
import type { Tx } from '../../db/client';
import type { GroupSummary } from '../group-summaries';
import { isAllGroup } from '../groups-core';
import type { PeerSnapshot } from './peer-store';

export interface SnapshotGroups {
  groups: ReadonlyMap<string, GroupSummary>;
  allGroupId: string | undefined;
  /** Every group a peer is in, the All group first, as group-index.ts orders them. */
  groupsOf(peerId: string): GroupSummary[];
}

const counted = new WeakMap<PeerSnapshot['groupsOf'], Map<string, number>>();

function memberCounts(snap: PeerSnapshot): Map<string, number> {
  let counts = counted.get(snap.groupsOf);
  if (!counts) {
    counts = new Map();
    for (const groups of snap.groupsOf.values()) for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
    counted.set(snap.groupsOf, counts);
  }
  return counts;
}

export async function snapshotGroups(db: Tx, accountId: string, snap: PeerSnapshot): Promise<SnapshotGroups> {
  const [groups, resourceCounts] = await Promise.all([
    db.group.findMany({ where: { accountId }, select: { id: true, name: true, issued: true } }),
    db.groupResource.groupBy({ by: ['groupId'], where: { group: { accountId } }, _count: { _all: true } }),
  ]);
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
  return {
    groups: index,
    allGroupId,
    groupsOf(peerId) {
      const out = all ? [all] : [];
      for (const id of snap.groupsOf.get(peerId) ?? []) {
        const g = index.get(id);
        if (g) out.push(g);
      }
      return out;
    },
  };
}
