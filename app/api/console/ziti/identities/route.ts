import { netbird } from '@/lib/http/dialects/netbird';
import { identityRequest, toEnrollment, toIdentity } from '@/lib/dialects/console/ziti-identities';
import { publicBaseUrl } from '@/lib/dialects/ziti/info';
import { createIdentity, listIdentities } from '@/lib/domain/ziti/identities';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => (await listIdentities(db, actor)).map(toIdentity));

export const POST = route({ dialect: netbird, permission: 'admin', body: identityRequest }, async ({ db, actor, body, url }) => {
  const r = await createIdentity(
    db,
    actor,
    { name: body.name, type: body.type, roleAttributes: body.role_attributes, peerId: body.peer_id, userId: body.user_id, isAdmin: body.is_admin },
    { method: body.enrollment_method, username: body.username, expiresInMinutes: body.expires_in_minutes },
    publicBaseUrl(url),
  );
  const [listed] = (await listIdentities(db, actor)).filter((i) => i.id === r.identity.id);
  return { identity: toIdentity(listed), enrollment: toEnrollment(r.enrollment, r.token, r.jwt) };
});
