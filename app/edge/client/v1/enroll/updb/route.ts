import { enrollQuery, updbBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { enrollResponse } from '@/lib/dialects/ziti/enroll';
import { enroll } from '@/lib/domain/ziti/enrollment';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'public', query: enrollQuery, body: updbBody }, async ({ db, query, body }) =>
  enrollResponse(await enroll(db, query.token, 'updb', body)),
);
