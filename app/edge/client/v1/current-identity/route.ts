import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { identityDetail } from '@/lib/dialects/ziti/identity';
import { listOwnAuthenticators } from '@/lib/domain/ziti/authenticators';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller }) =>
  envelope(identityDetail(caller.identity, await listOwnAuthenticators(db, caller), true)),
);
