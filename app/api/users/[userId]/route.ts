import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdUser, userUpdateRequest } from '@/lib/dialects/netbird/users';
import { deleteUser } from '@/lib/domain/users/removal';
import { updateUser } from '@/lib/domain/users/updates';
import { route } from '@/lib/http/route';

export const PUT = route({ dialect: netbird, body: userUpdateRequest }, async ({ db, actor, params, body }) =>
  toNetbirdUser(await updateUser(db, actor, params.userId, { role: body.role, autoGroups: body.auto_groups, isBlocked: body.is_blocked }), actor),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deleteUser(db, actor, params.userId);
  return {};
});
