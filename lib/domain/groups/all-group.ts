// The built-in "All" group: every account has one, it contains every peer of the account (computed,
// not stored row by row, so it costs nothing at 100,000 peers), and it cannot be renamed or deleted.
import type { Tx } from '../../db/client';
import { newId } from '../ids';

export const ALL_GROUP_NAME = 'All';

export function isAllGroup(g: { name: string }): boolean {
  return g.name === ALL_GROUP_NAME;
}

export async function ensureAllGroup(db: Tx, accountId: string) {
  const found = await db.group.findUnique({ where: { accountId_name: { accountId, name: ALL_GROUP_NAME } } });
  return found ?? db.group.create({ data: { id: newId(), accountId, name: ALL_GROUP_NAME, issued: 'api' } });
}

export async function allGroupId(db: Tx, accountId: string): Promise<string> {
  return (await ensureAllGroup(db, accountId)).id;
}

/** Peer ids of a group: all peers for "All", else the stored members. */
export async function groupPeerIds(db: Tx, accountId: string, group: { id: string; name: string }): Promise<string[]> {
  if (isAllGroup(group)) return (await db.peer.findMany({ where: { accountId }, select: { id: true } })).map((p) => p.id);
  return (await db.groupPeer.findMany({ where: { groupId: group.id }, select: { peerId: true } })).map((m) => m.peerId);
}
