import { netbird } from '@/lib/http/dialects/netbird';
import { setOperator } from '@/lib/domain/accounts/tenants';
import { route } from '@/lib/http/route';

export const DELETE = route({ dialect: netbird, permission: 'read' }, async ({ db, actor, params }) => {
  await setOperator(db, actor, decodeURIComponent(params.email), false);
  return {};
});
