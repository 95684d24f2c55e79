import { extendVerifyBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { emptyEnvelope } from '@/lib/dialects/ziti/envelope';
import { verifyExtendedCert } from '@/lib/domain/ziti/authenticators';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'ziti', body: extendVerifyBody }, async ({ db, ziti: caller, params, body, audit }) => {
  await verifyExtendedCert(db, caller, params.id, body.clientCert);
  audit({ code: 'ziti.authenticator.extend.verify', activity: 'Ziti certificate extension verified', targetId: params.id, meta: { identity_id: caller.identity.id } });
  return emptyEnvelope();
});
