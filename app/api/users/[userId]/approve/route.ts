import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdUser } from '@/lib/dialects/netbird/users';
import { approveUser } from '@/lib/domain/users/invites';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const user = await approveUser(db, actor, params.userId);
  audit({ code: 'user.approve', activity: 'User approved', targetId: user.id, meta: { email: user.email } });
  return toNetbirdUser(user, actor);
});
