import { netbird } from '@/lib/http/dialects/netbird';
import { deleteIdentity } from '@/lib/domain/ziti/identities';
import { route } from '@/lib/http/route';

export const DELETE = route({ dialect: netbird, permission: 'admin' }, async ({ db, actor, params, audit }) => {
  const identity = await deleteIdentity(db, actor, params.identityId);
  audit({ code: 'ziti.identity.delete', activity: 'Ziti identity deleted', targetId: identity.id, meta: { name: identity.name } });
  return {};
});
