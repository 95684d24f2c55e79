import { netbird } from '@/lib/http/dialects/netbird';
import { rejectUser } from '@/lib/domain/users/invites';
import { route } from '@/lib/http/route';

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const { user, peers } = await rejectUser(db, actor, params.userId);
  audit({ code: 'user.reject', activity: 'User rejected', targetId: user.id, meta: { email: user.email, peers_deleted: peers.length } });
  return {};
});
