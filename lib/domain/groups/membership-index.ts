// Group membership and counts for a whole account, read in a few queries so that listing 25,000
// peers with their groups does not issue a query per peer.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { GroupSummary } from './summaries';
import { isAllGroup } from './all-group';

export interface GroupIndex {
  groups: Map<string, GroupSummary>;
  allGroupId: string | undefined;
  /** Stored memberships (the All group is implicit and not included). */
  byPeer: Map<string, string[]>;
  /** Every group a peer is in, the All group first. */
  groupsOf(peerId: string): GroupSummary[];
}

export async function loadGroupIndex(db: Tx, accountId: string, onlyPeerIds?: string[]): Promise<GroupIndex> {
  const select = { groupId: true, peerId: true } as const;
  const memberships = onlyPeerIds
    ? await inChunks(onlyPeerIds, (chunk) => db.groupPeer.findMany({ where: { peerId: { in: chunk } }, select }))
    : await db.groupPeer.findMany({ where: { group: { accountId } }, select });
  // For a few peers, count only their groups' members (one peer's PUT at 25k peers stays cheap);
  // a group is in one chunk only, so the counts of the chunks simply add up.
  const counted = onlyPeerIds ? [...new Set(memberships.map((m) => m.groupId))] : undefined;
  const countBy = <R>(count: (where: object) => Promise<R[]>) =>
    counted ? inChunks(counted, (chunk) => count({ groupId: { in: chunk } })) : count({ group: { accountId } });
  const [groups, peerCount, peerCounts, resourceCounts] = await Promise.all([
    db.group.findMany({ where: { accountId }, select: { id: true, name: true, issued: true } }),
    db.peer.count({ where: { accountId } }),
    countBy((where) => db.groupPeer.groupBy({ by: ['groupId'], where, _count: { _all: true } })),
    countBy((where) => db.groupResource.groupBy({ by: ['groupId'], where, _count: { _all: true } })),
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
