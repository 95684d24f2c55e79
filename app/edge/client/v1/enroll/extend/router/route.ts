import { ziti } from '@/lib/http/dialects/ziti';
import { zitiErrors } from '@/lib/domain/ziti/errors';
import { route } from '@/lib/http/route';

// Only enrolled Ziti edge routers can extend their certificates; meshdeck has none (see /enroll/erott).
export const POST = route({ dialect: ziti, permission: 'public', readOnly: true }, async () => {
  throw zitiErrors.unauthorized('meshdeck has no enrolled edge routers whose certificates could be extended');
});
