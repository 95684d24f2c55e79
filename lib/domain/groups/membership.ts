// Adding peers to and removing them from stored groups in bulk (users' auto-group propagation, the
// console's bulk peer actions). Callers have checked that the groups and peers are the account's
// and are not the implicit "All" group; they bump the network serial when something changed.
import type { Tx } from '../../db/client';
import { CHUNK_SIZE, inChunks } from '../../db/chunks';

/** Runs `query` for every pair of chunks of both lists (each binds a parameter per id). */
const pairs = <R>(groupIds: string[], peerIds: string[], query: (groupIds: string[], peerIds: string[]) => Promise<R[]>) =>
  inChunks(groupIds, (groups) => inChunks(peerIds, (peers) => query(groups, peers), CHUNK_SIZE / 2), CHUNK_SIZE / 2);

export interface MembershipChange {
  groupId: string;
  peerId: string;
}

/** Adds every peer to every group; returns the memberships that were new. */
export async function addPeersToGroups(db: Tx, groupIds: string[], peerIds: string[]): Promise<MembershipChange[]> {
  if (!groupIds.length || !peerIds.length) return [];
  const present = await pairs(groupIds, peerIds, (g, p) => db.groupPeer.findMany({ where: { groupId: { in: g }, peerId: { in: p } }, select: { groupId: true, peerId: true } }));
  const have = new Set(present.map((m) => `${m.groupId}/${m.peerId}`));
  const missing = groupIds.flatMap((groupId) => peerIds.filter((peerId) => !have.has(`${groupId}/${peerId}`)).map((peerId) => ({ groupId, peerId })));
  if (missing.length) await db.groupPeer.createMany({ data: missing });
  return missing;
}

/** Removes every peer from every group; returns the memberships that existed. */
export async function removePeersFromGroups(db: Tx, groupIds: string[], peerIds: string[]): Promise<MembershipChange[]> {
  if (!groupIds.length || !peerIds.length) return [];
  return pairs(groupIds, peerIds, async (g, p) => {
    const where = { groupId: { in: g }, peerId: { in: p } };
    const present = await db.groupPeer.findMany({ where, select: { groupId: true, peerId: true } });
    if (present.length) await db.groupPeer.deleteMany({ where });
    return present;
  });
}
