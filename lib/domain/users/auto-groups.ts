// Users' auto groups: the groups every peer a user registers joins. They must exist in the account
// and cannot include "All" (every peer is in it anyway). With the account's
// groups_propagation_enabled setting, changing them also moves the user's existing peers.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import { ValidationError } from '../errors';
import { addPeersToGroups, removePeersFromGroups } from '../groups/membership';
import { isAllGroup } from '../groups/all-group';

/**
 * The groups named by `ids`, in order and without duplicates; throws when one is unknown or "All".
 * `field` names the input in messages (bulk peer edits check their groups the same way).
 */
export async function checkAutoGroups(db: Tx, accountId: string, ids: string[], field = 'auto_groups') {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const groups = await inChunks(unique, (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, name: true } }));
  const byId = new Map(groups.map((g) => [g.id, g]));
  const missing = unique.find((id) => !byId.has(id));
  if (missing) throw new ValidationError(`${field}: group ${missing} not found`);
  const all = groups.find(isAllGroup);
  if (all) throw new ValidationError(`${field} cannot contain the "All" group (${all.id}): every peer is in it already`);
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
  const changed = (await addPeersToGroups(db, added, peerIds)).length > 0;
  return (await removePeersFromGroups(db, removed, peerIds)).length > 0 || changed;
}
