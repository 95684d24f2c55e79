import { ziti } from '@/lib/http/dialects/ziti';
import { listEnvelope } from '@/lib/dialects/ziti/envelope';
import { specShape } from '@/lib/dialects/ziti/info';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'public' }, async () => listEnvelope([specShape()]));
