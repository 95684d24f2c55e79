import { extendBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { extendCert } from '@/lib/domain/ziti/authenticators';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'ziti', body: extendBody }, async ({ db, ziti: caller, params, body }) =>
  envelope(await extendCert(db, caller, params.id, body.clientCertCsr)),
);
