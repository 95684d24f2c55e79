import { enrollQuery } from '@/lib/dialects/ziti/auth-requests';
import { readEnrollBody } from '@/lib/http/ziti-bodies';
import { ziti } from '@/lib/http/dialects/ziti';
import { enrollResponse } from '@/lib/dialects/ziti/enroll';
import { enroll } from '@/lib/domain/ziti/enrollment';
import { route } from '@/lib/http/route';

// `?method=` may be omitted: the token knows its method.
export const POST = route({ dialect: ziti, permission: 'public', query: enrollQuery }, async ({ db, req, query }) =>
  enrollResponse(await enroll(db, query.token, query.method, await readEnrollBody(req))),
);
