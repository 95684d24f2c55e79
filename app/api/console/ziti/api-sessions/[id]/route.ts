import { netbird } from '@/lib/http/dialects/netbird';
import { revokeApiSession } from '@/lib/domain/ziti/session-admin';
import { route } from '@/lib/http/route';

// Revokes the API session: its token stops working at once; its sessions and certificates go with it.
export const DELETE = route({ dialect: netbird, permission: 'admin' }, async ({ db, actor, params }) => {
  await revokeApiSession(db, actor, params.id);
  return {};
});
