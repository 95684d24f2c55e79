// Every group of an account with its member counts, in one pass: what objects that merely refer
// to groups (policy rules, routes, keys) show about them (NetBird's GroupMinimum).
import type { Tx } from '../db/client';
import { isAllGroup } from './groups-core';

export interface GroupSummary {
  id: string;
  name: string;
  issued: string;
  peersCount: number;
  resourcesCount: number;
}

export async function groupSummaries(db: Tx, accountId: string): Promise<Map<string, GroupSummary>> {
  const [groups, peerCount] = await Promise.all([
    db.group.findMany({
      where: { accountId },
      select: { id: true, name: true, issued: true, _count: { select: { peers: true, resources: true } } },
    }),
    db.peer.count({ where: { accountId } }),
  ]);
  return new Map(
    groups.map((g) => [
      g.id,
      {
        id: g.id,
        name: g.name,
        issued: g.issued,
        peersCount: isAllGroup(g) ? peerCount : g._count.peers,
        resourcesCount: isAllGroup(g) ? 0 : g._count.resources,
      },
    ]),
  );
}
