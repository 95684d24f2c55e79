import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { route } from '@/lib/http/route';

// Neither OIDC_AUTH nor HA_CONTROLLER is offered.
export const GET = route({ dialect: ziti, permission: 'public' }, async () => envelope([]));
