// One user in Tailscale's shape.
import { getTailnetUser } from '@/lib/domain/users/tailnet-users';
import { toTailscaleUser } from '@/lib/dialects/tailscale/users';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: tailscale }, async ({ db, actor, params }) => {
  const { user, activity } = await getTailnetUser(db, actor, params.userId);
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { domain: true } });
  return toTailscaleUser(user, account, activity);
});
