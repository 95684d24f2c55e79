// Groups as other objects show them (NetBird GroupMinimum): name and how many peers and resources
// each holds. "All" holds every peer of the account without storing the memberships.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import { isAllGroup } from './all-group';

export interface GroupSummary {
  id: string;
  name: string;
  issued: string;
  peersCount: number;
  resourcesCount: number;
}

const summarySelect = { id: true, name: true, issued: true, _count: { select: { peers: true, resources: true } } } as const;

type Row = { id: string; name: string; issued: string; _count: { peers: number; resources: number } };

function toSummary(g: Row, allPeers: number): GroupSummary {
  return { id: g.id, name: g.name, issued: g.issued, peersCount: isAllGroup(g) ? allPeers : g._count.peers, resourcesCount: g._count.resources };
}

/** Every group of the account, by id, in one pass. */
export async function groupSummaryMap(db: Tx, accountId: string): Promise<Map<string, GroupSummary>> {
  const [groups, peerCount] = await Promise.all([db.group.findMany({ where: { accountId }, select: summarySelect }), db.peer.count({ where: { accountId } })]);
  return new Map(groups.map((g) => [g.id, toSummary(g, peerCount)]));
}

/** Summaries of the given groups of the account, in the order of `ids`; unknown ids are skipped. */
export async function groupSummaries(db: Tx, accountId: string, ids: readonly string[]): Promise<GroupSummary[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const groups = await inChunks(unique, (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: summarySelect }));
  const allPeers = groups.some(isAllGroup) ? await db.peer.count({ where: { accountId } }) : 0;
  const byId = new Map(groups.map((g) => [g.id, toSummary(g, allPeers)]));
  return unique.flatMap((id) => byId.get(id) ?? []);
}
