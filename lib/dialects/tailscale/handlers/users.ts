// Users: the account's users in Tailscale's shape. Any active user may ask; a regular user may be
// limited to themselves by the account's settings, exactly as in NetBird's users list.
import { getTailnetUser, listTailnetUsers } from '../../../domain/users/tailnet-users';
import { resolveTailnet } from '../../../domain/accounts/tailnet';
import { route } from '../../../http/route';
import { tailscale } from '../../../http/dialects/tailscale';
import { tailscaleRole, toTailscaleUser, usersQuery } from '../users';
import { tailnetParam } from '../../../http/tailscale';

export const listUsers = route({ dialect: tailscale, query: usersQuery }, async ({ db, actor, params, query }) => {
  const account = await resolveTailnet(db, actor, tailnetParam(params));
  // Every meshdeck user is a member of the tailnet; none is shared in from another one.
  if (query.type === 'shared') return { users: [] };
  const { users, activity } = await listTailnetUsers(db, actor);
  return {
    users: users.filter((u) => query.role === 'all' || tailscaleRole(u.role) === query.role).map((u) => toTailscaleUser(u, account, activity.get(u.id)!)),
  };
});

export const getUser = route({ dialect: tailscale }, async ({ db, actor, params }) => {
  const { user, activity } = await getTailnetUser(db, actor, params.userId);
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { domain: true } });
  return toTailscaleUser(user, account, activity);
});
