// Groups as other objects show them (NetBird GroupMinimum): name and how many peers and resources
// each holds. "All" holds every peer of the account without storing the memberships.
import type { Tx } from '../db/client';
import { isAllGroup } from './groups-core';

export interface GroupSummary {
  id: string;
  name: string;
  issued: string;
  peersCount: number;
  resourcesCount: number;
}

/** Summaries of the given groups of the account, in the order of `ids`; unknown ids are skipped. */
export async function groupSummaries(db: Tx, accountId: string, ids: readonly string[]): Promise<GroupSummary[]> {
  if (ids.length === 0) return [];
  const groups = await db.group.findMany({
    where: { accountId, id: { in: [...new Set(ids)] } },
    select: { id: true, name: true, issued: true, _count: { select: { peers: true, resources: true } } },
  });
  const allPeers = groups.some(isAllGroup) ? await db.peer.count({ where: { accountId } }) : 0;
  const byId = new Map(
    groups.map((g) => [
      g.id,
      { id: g.id, name: g.name, issued: g.issued, peersCount: isAllGroup(g) ? allPeers : g._count.peers, resourcesCount: g._count.resources },
    ]),
  );
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}
