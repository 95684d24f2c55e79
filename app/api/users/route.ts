import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdUser, userCreateRequest, usersQuery } from '@/lib/dialects/netbird/users';
import { createUser } from '@/lib/domain/users/invites';
import { listUsers } from '@/lib/domain/users/users';
import { route } from '@/lib/http/route';

// Any active user may ask; listUsers narrows a regular user's view per the account's settings.
export const GET = route({ dialect: netbird, query: usersQuery }, async ({ db, actor, query }) =>
  (await listUsers(db, actor, { serviceUser: query.service_user })).map((u) => toNetbirdUser(u, actor)),
);

export const POST = route({ dialect: netbird, body: userCreateRequest }, async ({ db, actor, body }) => {
  const user = await createUser(db, actor, {
    email: body.email,
    name: body.name,
    role: body.role,
    autoGroups: body.auto_groups,
    isServiceUser: body.is_service_user,
  });
  return toNetbirdUser(user, actor);
});
