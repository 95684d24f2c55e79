import { enrollQuery, updbBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { runEnrollment } from '@/lib/dialects/ziti/enroll';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'public', query: enrollQuery, body: updbBody }, async ({ db, query, body, audit }) =>
  runEnrollment(db, query.token, 'updb', body, audit),
);
