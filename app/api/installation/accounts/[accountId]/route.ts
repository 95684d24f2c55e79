import { netbird } from '@/lib/http/dialects/netbird';
import { tenantUpdate, toTenant, updateInput } from '@/lib/dialects/meshdeck/tenants';
import { deleteTenant, getTenant, updateTenant } from '@/lib/domain/accounts/tenants';
import { route } from '@/lib/http/route';

// Operators act on any account whatever their role in their own: the permission is the person's
// operator flag, checked by the domain (permission 'read': any signed-in user).
export const GET = route({ dialect: netbird, permission: 'read' }, async ({ db, actor, params }) => toTenant(await getTenant(db, actor, params.accountId)));

export const PUT = route({ dialect: netbird, permission: 'read', body: tenantUpdate }, async ({ db, actor, params, body }) => {
  await updateTenant(db, actor, params.accountId, updateInput(body));
  return toTenant(await getTenant(db, actor, params.accountId));
});

export const DELETE = route({ dialect: netbird, permission: 'read' }, async ({ db, actor, params }) => {
  await deleteTenant(db, actor, params.accountId);
  return {};
});
