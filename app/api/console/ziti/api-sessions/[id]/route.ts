import { netbird } from '@/lib/http/dialects/netbird';
import { revokeApiSession } from '@/lib/domain/ziti/session-admin';
import { route } from '@/lib/http/route';

// Revokes the API session: its token stops working at once; its sessions and certificates go with it.
export const DELETE = route({ dialect: netbird, permission: 'admin' }, async ({ db, actor, params, audit }) => {
  const s = await revokeApiSession(db, actor, params.id);
  audit({ code: 'ziti.api-session.delete', activity: 'Ziti API session revoked', targetId: s.id, meta: { identity_id: s.identity.id, identity_name: s.identity.name, sessions: s._count.sessions } });
  return {};
});
