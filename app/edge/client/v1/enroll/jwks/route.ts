import { ziti } from '@/lib/http/dialects/ziti';
import { jwks } from '@/lib/domain/ziti/jwt';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'public' }, async ({ db }) => jwks(db));
