import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { lastServiceChange } from '@/lib/domain/ziti/services';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller }) =>
  envelope({ lastChangeAt: (await lastServiceChange(db, caller)).toISOString() }),
);
