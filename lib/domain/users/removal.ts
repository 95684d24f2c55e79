// Deleting a user: their tokens and the peers they registered go with them, and their person
// (password) when this was their last account.
import type { Tx } from '../../db/client';
import type { User } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { ForbiddenError } from '../errors';
import { removePeerIngress } from '../networks/ingress';
import { bumpNetworkSerial } from '../serial';
import { displayEmail, getUser } from './users';
import { forgetPersonIfUnused } from './people';

/**
 * Removes `user` (already loaded in the actor's account); returns the peers removed with them. It
 * records nothing: deleting and rejecting a user are audited differently (deleteUser, rejectUser).
 */
export async function removeUser(db: Tx, actor: Actor, user: User) {
  const peers = await db.peer.findMany({ where: { accountId: actor.accountId, userId: user.id }, select: { id: true, name: true, ip: true } });
  if (peers.length) {
    const peerIds = peers.map((p) => p.id);
    // Ingress rows refer to peers by id without a relation, so they are not cascaded.
    for (const id of peerIds) await removePeerIngress(db, actor.accountId, id);
    await db.peer.deleteMany({ where: { accountId: actor.accountId, userId: user.id } });
  }
  // Tokens this user created for others (service users) would cascade with their creator; they
  // belong to the other user, so keep them and record that user as their creator instead.
  const created = await db.apiToken.findMany({ where: { createdById: user.id, userId: { not: user.id } }, select: { id: true, userId: true } });
  for (const t of created) await db.apiToken.update({ where: { id: t.id }, data: { createdById: t.userId } });
  await db.user.delete({ where: { id: user.id } });
  // Their person (password) goes with their last account.
  if (!user.isServiceUser) await forgetPersonIfUnused(db, user.email);
  // The user's peers left every network map; a blocked or pending user's peers had none.
  await bumpNetworkSerial(db, actor.accountId);
  return { user, peers };
}

export async function deleteUser(db: Tx, actor: Actor, userId: string) {
  const user = await getUser(db, actor, userId);
  if (user.id === actor.userId) throw new ForbiddenError('you cannot delete yourself');
  if (user.role === 'owner') throw new ForbiddenError('the account owner cannot be deleted; transfer ownership first');
  const { peers } = await removeUser(db, actor, user);
  for (const p of peers) {
    await recordChange(db, actor, { code: 'user.peer.delete', activity: 'Peer deleted with its user', targetId: p.id, meta: { name: p.name, ip: p.ip, user_id: user.id } });
  }
  const meta = { name: user.name, email: displayEmail(user), role: user.role, peers_deleted: peers.length };
  if (user.isServiceUser) await recordChange(db, actor, { code: 'service.user.delete', activity: 'Service user deleted', targetId: user.id, meta });
  else await recordChange(db, actor, { code: 'user.delete', activity: 'User deleted', targetId: user.id, meta });
  return { user, peers };
}
