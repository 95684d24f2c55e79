import { ziti } from '@/lib/http/dialects/ziti';
import { zitiErrors } from '@/lib/domain/ziti/errors';
import { route } from '@/lib/http/route';

// Edge router enrollment: meshdeck's edge routers are its routing peers, which join through the
// NetBird agent API, so there are no router enrollment tokens to redeem here.
export const POST = route({ dialect: ziti, permission: 'public', readOnly: true }, async () => {
  throw zitiErrors.invalidEnrollmentToken('meshdeck issues no edge router enrollment tokens; routers join as routing peers');
});
