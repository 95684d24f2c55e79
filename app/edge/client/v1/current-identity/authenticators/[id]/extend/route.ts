import { extendBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { extendCert } from '@/lib/domain/ziti/authenticators';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'ziti', body: extendBody }, async ({ db, ziti: caller, params, body, audit }) => {
  const r = await extendCert(db, caller, params.id, body.clientCertCsr);
  audit({ code: 'ziti.authenticator.extend', activity: 'Ziti certificate extension requested', targetId: params.id, meta: { identity_id: caller.identity.id } });
  return envelope(r);
});
