import { netbird } from '@/lib/http/dialects/netbird';
import { rejectUser } from '@/lib/domain/users/invites';
import { route } from '@/lib/http/route';

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await rejectUser(db, actor, params.userId);
  return {};
});
