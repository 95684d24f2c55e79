import { ziti } from '@/lib/http/dialects/ziti';
import { listEnvelope } from '@/lib/dialects/ziti/envelope';
import { controllerShape, publicBaseUrl } from '@/lib/dialects/ziti/info';
import { zitiCa } from '@/lib/domain/ziti/ca';
import { route } from '@/lib/http/route';

// meshdeck is the one controller; its certificate is the CA it signs with.
export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, url }) => {
  const ca = await zitiCa(db);
  return listEnvelope([controllerShape({ id: 'meshdeck', name: 'meshdeck', baseUrl: publicBaseUrl(url), certPem: ca.certPem, fingerprint: ca.fingerprint, since: ca.cert.notBefore })]);
});
