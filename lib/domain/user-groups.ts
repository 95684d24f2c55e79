// Users' auto groups: the groups every peer a user registers joins. They must exist in the account
// and cannot include "All" (every peer is in it anyway). With the account's
// groups_propagation_enabled setting, changing them also moves the user's existing peers.
import type { Tx } from '../db/client';
import { ValidationError } from './errors';
import { isAllGroup } from './groups-core';

/** The groups named by `ids`, in order and without duplicates; throws when one is unknown or "All". */
export async function checkAutoGroups(db: Tx, accountId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const groups = await db.group.findMany({ where: { accountId, id: { in: unique } }, select: { id: true, name: true } });
  const byId = new Map(groups.map((g) => [g.id, g]));
  const missing = unique.find((id) => !byId.has(id));
  if (missing) throw new ValidationError(`auto_groups: group ${missing} not found`);
  const all = groups.find(isAllGroup);
  if (all) throw new ValidationError(`auto_groups cannot contain the "All" group (${all.id}): every peer is in it already`);
  return unique.map((id) => byId.get(id)!);
}

/**
 * Adds the user's peers to `added` groups and removes them from `removed` ones. Returns whether any
 * membership changed (then the caller bumps the network serial).
 */
export async function propagateAutoGroups(db: Tx, accountId: string, userId: string, added: string[], removed: string[]) {
  if (!added.length && !removed.length) return false;
  const peerIds = (await db.peer.findMany({ where: { accountId, userId }, select: { id: true } })).map((p) => p.id);
  if (!peerIds.length) return false;
  let changed = false;
  for (const groupId of added) {
    const present = new Set(
      (await db.groupPeer.findMany({ where: { groupId, peerId: { in: peerIds } }, select: { peerId: true } })).map((m) => m.peerId),
    );
    const missing = peerIds.filter((id) => !present.has(id));
    if (missing.length) {
      await db.groupPeer.createMany({ data: missing.map((peerId) => ({ groupId, peerId })) });
      changed = true;
    }
  }
  if (removed.length) {
    const r = await db.groupPeer.deleteMany({ where: { groupId: { in: removed }, peerId: { in: peerIds } } });
    changed ||= r.count > 0;
  }
  return changed;
}
