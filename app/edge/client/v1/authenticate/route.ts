import { authenticateQuery } from '@/lib/dialects/ziti/auth-requests';
import { readAuthenticateBody } from '@/lib/http/ziti-bodies';
import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { apiSessionDetail } from '@/lib/dialects/ziti/session-shapes';
import { limitedZitiAuth } from '@/lib/domain/ziti/auth-limits';
import { certAuthenticate, passwordAuthenticate } from '@/lib/domain/ziti/authenticate';
import { zitiErrors } from '@/lib/domain/ziti/errors';
import { route } from '@/lib/http/route';
import { presentedClientCert } from '@/lib/http/ziti-credentials';
import { clientAddress } from '@/lib/server/client-address';

// Opening an API session is a sign-in, not an account change: not audited (like console sign-ins).
// Outside a transaction: the password check must not hold the database, and a failed attempt's
// count must outlive the error.
export const POST = route({ dialect: ziti, permission: 'public', query: authenticateQuery, transaction: false }, async ({ db, req, query }) => {
  const body = await readAuthenticateBody(req);
  const info = { ip: clientAddress(req.headers), configTypes: body.configTypes };
  if (query.method === 'ext-jwt') throw zitiErrors.invalidAuth('No external JWT signers are configured');
  const username = query.method === 'password' ? body.username : undefined;
  const r = await limitedZitiAuth(db, info.ip, username, () =>
    query.method === 'password' ? passwordAuthenticate(db, body, info) : certAuthenticate(db, presentedClientCert(req.headers), info),
  );
  return envelope(apiSessionDetail(r.apiSession, r.identity, r.token, query.method === 'cert' ? 'cert' : 'updb'));
});
