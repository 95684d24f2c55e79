import { netbird } from '@/lib/http/dialects/netbird';
import { revokeServiceSession } from '@/lib/domain/ziti/session-admin';
import { route } from '@/lib/http/route';

export const DELETE = route({ dialect: netbird, permission: 'admin' }, async ({ db, actor, params }) => {
  await revokeServiceSession(db, actor, params.id);
  return {};
});
