import { ziti } from '@/lib/http/dialects/ziti';
import { emptyEnvelope, envelope } from '@/lib/dialects/ziti/envelope';
import { sessionCertDetail } from '@/lib/dialects/ziti/session-shapes';
import { deleteSessionCert, sessionCert } from '@/lib/domain/ziti/session-certs';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, params }) =>
  envelope(sessionCertDetail(await sessionCert(db, caller, params.id))),
);

export const DELETE = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, params }) => {
  await deleteSessionCert(db, caller, params.id);
  return emptyEnvelope();
});
