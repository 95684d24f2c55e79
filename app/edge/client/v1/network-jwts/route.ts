import { ziti } from '@/lib/http/dialects/ziti';
import { listEnvelope } from '@/lib/dialects/ziti/envelope';
import { publicBaseUrl } from '@/lib/dialects/ziti/info';
import { signJwt } from '@/lib/domain/ziti/jwt';
import { route } from '@/lib/http/route';

// A network JWT names the controller and its signing key so a client can bootstrap trust; it
// grants nothing by itself.
export const GET = route({ dialect: ziti, permission: 'public' }, async ({ db, url }) => {
  const base = publicBaseUrl(url);
  return listEnvelope([{ name: 'default', token: await signJwt(db, { iss: base, sub: 'meshdeck', em: 'network', ctrls: [base] }) }]);
});
