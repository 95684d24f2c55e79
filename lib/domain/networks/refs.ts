// References that routes, network routers, resources and DNS settings make to peers and groups:
// checking that they exist in the account, and resolving groups to peers ("All" = every peer).
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import { ValidationError } from '../errors';
import { ALL_GROUP_NAME, isAllGroup } from '../groups/all-group';

/** Throws a ValidationError naming the first id that is not a group of the account. */
export async function requireGroups(db: Tx, accountId: string, ids: readonly string[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await inChunks(unique, (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true } }));
  const known = new Set(found.map((g) => g.id));
  const missing = unique.find((id) => !known.has(id));
  if (missing !== undefined) throw new ValidationError(`${field}: group id ${missing} not found`);
}

export async function requirePeer(db: Tx, accountId: string, peerId: string, field = 'peer'): Promise<void> {
  const found = await db.peer.findFirst({ where: { accountId, id: peerId }, select: { id: true } });
  if (!found) throw new ValidationError(`${field}: peer with ID ${peerId} not found`);
}

/** Ids of the groups a peer is in, the account's "All" group included. */
export async function groupIdsOfPeer(db: Tx, accountId: string, peerId: string): Promise<Set<string>> {
  const [memberships, all] = await Promise.all([
    db.groupPeer.findMany({ where: { peerId, group: { accountId } }, select: { groupId: true } }),
    db.group.findMany({ where: { accountId, name: ALL_GROUP_NAME }, select: { id: true, name: true } }),
  ]);
  return new Set([...memberships.map((m) => m.groupId), ...all.filter(isAllGroup).map((g) => g.id)]);
}

/** Distinct peers of the given groups; a group named "All" stands for every peer of the account. */
export async function peersOfGroups(db: Tx, accountId: string, groupIds: readonly string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const groups = await inChunks([...new Set(groupIds)], (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, name: true } }));
  if (groups.some(isAllGroup)) return (await db.peer.findMany({ where: { accountId }, select: { id: true } })).map((p) => p.id);
  const rows = await inChunks(groups, (chunk) => db.groupPeer.findMany({ where: { groupId: { in: chunk.map((g) => g.id) } }, select: { peerId: true }, distinct: ['peerId'] }));
  return [...new Set(rows.map((r) => r.peerId))];
}

/** The peers that serve a route or a network router: its peer, or the members of its peer groups. */
export async function routingPeerIds(db: Tx, accountId: string, r: { peer: string; peerGroups: string[] }): Promise<string[]> {
  if (r.peer) {
    const p = await db.peer.findFirst({ where: { accountId, id: r.peer }, select: { id: true } });
    return p ? [p.id] : [];
  }
  return peersOfGroups(db, accountId, r.peerGroups);
}

/**
 * The "exactly one of peer or peer_groups" rule of routes and routers. An empty string or an empty
 * list counts as not given, so clients that send both keys with one of them empty still work.
 */
export function onePeerOrGroups(peer: string | null | undefined, peerGroups: readonly string[] | null | undefined) {
  const p = (peer ?? '').trim();
  const g = peerGroups ?? [];
  if (p && g.length > 0) throw new ValidationError('only one of peer or peer_groups should be provided');
  if (!p && g.length === 0) throw new ValidationError('either peer or peer_groups should be provided');
  return { peer: p, peerGroups: [...new Set(g)] };
}

export function requireMetric(metric: number): void {
  if (!Number.isInteger(metric) || metric < 1 || metric > 9999) throw new ValidationError('metric should be between 1 and 9999');
}
