import { ottBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { enrollResponse } from '@/lib/dialects/ziti/enroll';
import { enroll } from '@/lib/domain/ziti/enrollment';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'public', body: ottBody }, async ({ db, url, body }) =>
  enrollResponse(await enroll(db, body.token ?? url.searchParams.get('token') ?? undefined, 'ott', { csr: body.clientCsr })),
);
