import { netbird } from '@/lib/http/dialects/netbird';
import { revokeServiceSession } from '@/lib/domain/ziti/session-admin';
import { route } from '@/lib/http/route';

export const DELETE = route({ dialect: netbird, permission: 'admin' }, async ({ db, actor, params, audit }) => {
  const r = await revokeServiceSession(db, actor, params.id);
  audit({
    code: 'ziti.session.delete',
    activity: `Ziti ${r.session.type} session revoked`,
    targetId: r.session.id,
    meta: { service_id: r.session.serviceId, service_name: r.serviceName, type: r.session.type, identity_id: r.session.identityId, identity_name: r.identityName },
  });
  return {};
});
