import { ziti } from '@/lib/http/dialects/ziti';
import { emptyEnvelope, envelope } from '@/lib/dialects/ziti/envelope';
import { apiSessionDetail } from '@/lib/dialects/ziti/session-shapes';
import { closeApiSession, presentedSessionToken } from '@/lib/domain/ziti/api-sessions';
import { authenticatorMethod } from '@/lib/domain/ziti/authenticators';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti-partial' }, async ({ db, req, ziti: caller }) => {
  const method = await authenticatorMethod(db, caller.apiSession.authenticatorId);
  return envelope(apiSessionDetail(caller.apiSession, caller.identity, presentedSessionToken(req.headers) ?? '', method));
});

// Logging out ends a credential, not an account object: not audited.
export const DELETE = route({ dialect: ziti, permission: 'ziti-partial' }, async ({ db, ziti: caller }) => {
  await closeApiSession(db, caller);
  return emptyEnvelope();
});
