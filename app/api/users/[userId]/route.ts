import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdUser, userUpdateRequest } from '@/lib/dialects/netbird/users';
import { deleteUser } from '@/lib/domain/users/removal';
import { updateUser } from '@/lib/domain/users/updates';
import { displayEmail } from '@/lib/domain/users/users';
import { route } from '@/lib/http/route';

export const PUT = route({ dialect: netbird, body: userUpdateRequest }, async ({ db, actor, params, body, audit }) => {
  const { user, changes } = await updateUser(db, actor, params.userId, { role: body.role, autoGroups: body.auto_groups, isBlocked: body.is_blocked });
  for (const change of changes) audit(change);
  return toNetbirdUser(user, actor);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const { user, peers } = await deleteUser(db, actor, params.userId);
  for (const p of peers) audit({ code: 'user.peer.delete', activity: 'Peer deleted with its user', targetId: p.id, meta: { name: p.name, ip: p.ip, user_id: user.id } });
  const meta = { name: user.name, email: displayEmail(user), role: user.role, peers_deleted: peers.length };
  if (user.isServiceUser) audit({ code: 'service.user.delete', activity: 'Service user deleted', targetId: user.id, meta });
  else audit({ code: 'user.delete', activity: 'User deleted', targetId: user.id, meta });
  return {};
});
