import { enrollQuery, readEnrollBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/dialects/ziti/dialect';
import { runEnrollment } from '@/lib/dialects/ziti/enroll';
import { route } from '@/lib/http/route';

// `?method=` may be omitted: the token knows its method.
export const POST = route({ dialect: ziti, permission: 'public', query: enrollQuery }, async ({ db, req, query, audit }) =>
  runEnrollment(db, query.token, query.method, await readEnrollBody(req), audit),
);
