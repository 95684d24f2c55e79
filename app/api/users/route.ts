import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdUser, userCreateRequest, usersQuery } from '@/lib/dialects/netbird/users';
import { createUser } from '@/lib/domain/users/invites';
import { displayEmail, listUsers } from '@/lib/domain/users/users';
import { route } from '@/lib/http/route';

// Any active user may ask; listUsers narrows a regular user's view per the account's settings.
export const GET = route({ dialect: netbird, query: usersQuery }, async ({ db, actor, query }) =>
  (await listUsers(db, actor, { serviceUser: query.service_user })).map((u) => toNetbirdUser(u, actor)),
);

export const POST = route({ dialect: netbird, body: userCreateRequest }, async ({ db, actor, body, audit }) => {
  const user = await createUser(db, actor, {
    email: body.email,
    name: body.name,
    role: body.role,
    autoGroups: body.auto_groups,
    isServiceUser: body.is_service_user,
  });
  const meta = { name: user.name, email: displayEmail(user), role: user.role };
  if (user.isServiceUser) audit({ code: 'service.user.create', activity: 'Service user created', targetId: user.id, meta });
  else audit({ code: 'user.invite', activity: 'User invited', targetId: user.id, meta });
  return toNetbirdUser(user, actor);
});
