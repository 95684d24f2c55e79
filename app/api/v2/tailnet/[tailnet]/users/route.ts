// Users: the account's users in Tailscale's shape. Any active user may ask; a regular user may be
// limited to themselves by the account's settings, exactly as in NetBird's users list.
import { listTailnetUsers } from '@/lib/domain/users/tailnet-users';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { tailscaleRole, toTailscaleUser, usersQuery } from '@/lib/dialects/tailscale/users';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { tailnetParam } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, query: usersQuery }, async ({ db, actor, params, query }) => {
  const account = await resolveTailnet(db, actor, tailnetParam(params));
  // Every meshdeck user is a member of the tailnet; none is shared in from another one.
  if (query.type === 'shared') return { users: [] };
  const { users, activity } = await listTailnetUsers(db, actor);
  return {
    users: users.filter((u) => query.role === 'all' || tailscaleRole(u.role) === query.role).map((u) => toTailscaleUser(u, account, activity.get(u.id)!)),
  };
});
