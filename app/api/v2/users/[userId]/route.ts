// One user in Tailscale's shape.
import { getTailnetUser } from '@/lib/domain/users/tailnet-users';
import { toTailscaleUser } from '@/lib/dialects/tailscale/users';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { accountById } from '@/lib/domain/accounts/accounts';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: tailscale }, async ({ db, actor, params }) => {
  const { user, activity } = await getTailnetUser(db, actor, params.userId);
  const account = await accountById(db, actor.accountId);
  return toTailscaleUser(user, account, activity);
});
