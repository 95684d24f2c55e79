import { ziti } from '@/lib/http/dialects/ziti';
import { createLocation, emptyEnvelope, envelope } from '@/lib/dialects/ziti/envelope';
import { mfaDetail } from '@/lib/dialects/ziti/identity';
import { mfaState, removeMfa, startMfa } from '@/lib/domain/ziti/mfa';
import { reply, route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller }) => {
  const state = await mfaState(db, caller);
  return envelope(mfaDetail(state.identity, state));
});

export const POST = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller }) => {
  const identity = await startMfa(db, caller);
  return reply(envelope(createLocation(identity.id, 'current-identity/mfa')), 201);
});

export const DELETE = route({ dialect: ziti, permission: 'ziti', transaction: false }, async ({ db, ziti: caller, req }) => {
  await removeMfa(db, caller, req.headers.get('mfa-validation-code'));
  return emptyEnvelope();
});
