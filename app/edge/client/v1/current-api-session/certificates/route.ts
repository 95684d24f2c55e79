import { csrBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { createLocation, envelope, listEnvelope } from '@/lib/dialects/ziti/envelope';
import { sessionCertDetail } from '@/lib/dialects/ziti/session-shapes';
import { zitiCa } from '@/lib/domain/ziti/ca';
import { createSessionCert, listSessionCerts } from '@/lib/domain/ziti/session-certs';
import { reply, route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller }) =>
  listEnvelope((await listSessionCerts(db, caller)).map(sessionCertDetail)),
);

// Session certificates live and die with the API session (a credential): not audited.
export const POST = route({ dialect: ziti, permission: 'ziti', body: csrBody }, async ({ db, ziti: caller, body }) => {
  const cert = await createSessionCert(db, caller, body.csr);
  const location = createLocation(cert.id, `current-api-session/certificates/${cert.id}`);
  return reply(envelope({ ...location, certificate: cert.pem, cas: (await zitiCa(db)).certPem }), 201);
});
