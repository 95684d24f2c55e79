import { ziti } from '@/lib/http/dialects/ziti';
import { listEnvelope } from '@/lib/dialects/ziti/envelope';
import { authenticatorDetail } from '@/lib/dialects/ziti/identity';
import { listOwnAuthenticators } from '@/lib/domain/ziti/authenticators';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller }) =>
  listEnvelope((await listOwnAuthenticators(db, caller)).map((a) => authenticatorDetail(a, caller.identity))),
);
