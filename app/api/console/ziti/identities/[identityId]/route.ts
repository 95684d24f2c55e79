import { netbird } from '@/lib/http/dialects/netbird';
import { deleteIdentity } from '@/lib/domain/ziti/identities';
import { route } from '@/lib/http/route';

export const DELETE = route({ dialect: netbird, permission: 'admin' }, async ({ db, actor, params }) => {
  await deleteIdentity(db, actor, params.identityId);
  return {};
});
