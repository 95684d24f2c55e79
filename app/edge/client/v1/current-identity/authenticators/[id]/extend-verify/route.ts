import { extendVerifyBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { emptyEnvelope } from '@/lib/dialects/ziti/envelope';
import { verifyExtendedCert } from '@/lib/domain/ziti/authenticators';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'ziti', body: extendVerifyBody }, async ({ db, ziti: caller, params, body }) => {
  await verifyExtendedCert(db, caller, params.id, body.clientCert);
  return emptyEnvelope();
});
