import { netbird } from '@/lib/http/dialects/netbird';
import { tenantCreate, toTenant } from '@/lib/dialects/meshdeck/tenants';
import { createTenant, getTenant, listTenants } from '@/lib/domain/accounts/tenants';
import { invitePath } from '@/lib/domain/users/account-invites';
import { publicOrigin } from '@/lib/http/origin';
import { reply, route } from '@/lib/http/route';

// Installation operators only; to anyone else these routes answer 404 (lib/domain/accounts/tenants.ts).
export const GET = route({ dialect: netbird, permission: 'read' }, async ({ db, actor }) => (await listTenants(db, actor)).map(toTenant));

// The owner's invitation link is in this answer only (its secret is stored hashed).
export const POST = route({ dialect: netbird, permission: 'read', body: tenantCreate }, async ({ req, db, actor, body, url }) => {
  const created = await createTenant(db, actor, { name: body.name, domain: body.domain, ownerEmail: body.owner_email, ownerName: body.owner_name });
  const tenant = toTenant(await getTenant(db, actor, created.account.id));
  const invite = created.invite ? { invite_url: new URL(invitePath(created.invite.secret), publicOrigin(req, url)).toString(), invite_expires_at: created.invite.expiresAt.toISOString() } : {};
  return reply({ ...tenant, owner_id: created.owner.id, owner_status: created.owner.status, ...invite }, 201);
});
