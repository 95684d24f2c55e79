// Group membership and counts for a whole account, read in a few queries so that listing 25,000
// peers with their groups does not issue a query per peer.
import type { Tx } from '../db/client';
import type { GroupSummary } from './group-summaries';
import { isAllGroup } from './groups-core';

export interface GroupIndex {
  groups: Map<string, GroupSummary>;
  allGroupId: string | undefined;
  /** Stored memberships (the All group is implicit and not included). */
  byPeer: Map<string, string[]>;
  /** Every group a peer is in, the All group first. */
  groupsOf(peerId: string): GroupSummary[];
}

export async function loadGroupIndex(db: Tx, accountId: string, onlyPeerIds?: string[]): Promise<GroupIndex> {
  const memberships = await db.groupPeer.findMany({
    where: onlyPeerIds ? { peerId: { in: onlyPeerIds } } : { group: { accountId } },
    select: { groupId: true, peerId: true },
  });
  // For a few peers, count only their groups' members (one peer's PUT at 25k peers stays cheap).
  const countScope = onlyPeerIds ? { groupId: { in: [...new Set(memberships.map((m) => m.groupId))] } } : { group: { accountId } };
  const [groups, peerCount, peerCounts, resourceCounts] = await Promise.all([
    db.group.findMany({ where: { accountId }, select: { id: true, name: true, issued: true } }),
    db.peer.count({ where: { accountId } }),
    db.groupPeer.groupBy({ by: ['groupId'], where: countScope, _count: { _all: true } }),
    db.groupResource.groupBy({ by: ['groupId'], where: countScope, _count: { _all: true } }),
  ]);
  const pc = new Map(peerCounts.map((r) => [r.groupId, r._count._all]));
  const rc = new Map(resourceCounts.map((r) => [r.groupId, r._count._all]));
  const index = new Map<string, GroupSummary>();
  let allGroupId: string | undefined;
  for (const g of groups) {
    const all = isAllGroup(g);
    if (all) allGroupId = g.id;
    index.set(g.id, { id: g.id, name: g.name, issued: g.issued, peersCount: all ? peerCount : (pc.get(g.id) ?? 0), resourcesCount: rc.get(g.id) ?? 0 });
  }
  const byPeer = new Map<string, string[]>();
  for (const m of memberships) {
    const list = byPeer.get(m.peerId);
    if (list) list.push(m.groupId);
    else byPeer.set(m.peerId, [m.groupId]);
  }
  return {
    groups: index,
    allGroupId,
    byPeer,
    groupsOf(peerId) {
      const ids = byPeer.get(peerId) ?? [];
      const out = allGroupId ? [index.get(allGroupId)!] : [];
      for (const id of ids) {
        const g = index.get(id);
        if (g) out.push(g);
      }
      return out;
    },
  };
}
