import { ziti } from '@/lib/http/dialects/ziti';
import { listEnvelope } from '@/lib/dialects/ziti/envelope';
import { route } from '@/lib/http/route';

// meshdeck configures no external JWT signers (so `POST /authenticate?method=ext-jwt` is refused).
export const GET = route({ dialect: ziti, permission: 'public' }, async () => listEnvelope([]));
