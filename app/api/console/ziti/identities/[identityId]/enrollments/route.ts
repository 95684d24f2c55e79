import { netbird } from '@/lib/http/dialects/netbird';
import { enrollmentRequest, toEnrollment } from '@/lib/dialects/console/ziti-identities';
import { publicBaseUrl } from '@/lib/dialects/ziti/info';
import { issueEnrollment } from '@/lib/domain/ziti/identities';
import { route } from '@/lib/http/route';

// A fresh one-time enrollment (replaces an unused one of the same method).
export const POST = route({ dialect: netbird, permission: 'admin', body: enrollmentRequest }, async ({ db, actor, params, body, url }) => {
  const r = await issueEnrollment(db, actor, params.identityId, { method: body.enrollment_method, username: body.username, expiresInMinutes: body.expires_in_minutes }, publicBaseUrl(url));
  return toEnrollment(r.enrollment, r.token, r.jwt);
});
