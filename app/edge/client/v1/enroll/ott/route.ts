import { ottBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { runEnrollment } from '@/lib/dialects/ziti/enroll';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'public', body: ottBody }, async ({ db, url, body, audit }) =>
  runEnrollment(db, body.token ?? url.searchParams.get('token') ?? undefined, 'ott', { csr: body.clientCsr }, audit),
);
