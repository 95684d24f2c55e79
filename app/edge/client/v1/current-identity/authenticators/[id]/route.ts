import { authenticatorPatchBody, authenticatorPutBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { emptyEnvelope, envelope } from '@/lib/dialects/ziti/envelope';
import { authenticatorDetail } from '@/lib/dialects/ziti/identity';
import { ownAuthenticator, updateOwnAuthenticator } from '@/lib/domain/ziti/authenticators';
import { route, type RouteContext } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, params }) =>
  envelope(authenticatorDetail(await ownAuthenticator(db, caller, params.id), caller.identity)),
);

async function update({ db, ziti: caller, params, body }: RouteContext<{ currentPassword: string; username?: string | null; password?: string | null }, undefined>) {
  await updateOwnAuthenticator(db, caller, params.id, body);
  return emptyEnvelope();
}

// Outside a transaction: the current password is checked (limited like a sign-in, see auth-limits.ts).
export const PUT = route({ dialect: ziti, permission: 'ziti', body: authenticatorPutBody, transaction: false }, update);
export const PATCH = route({ dialect: ziti, permission: 'ziti', body: authenticatorPatchBody, transaction: false }, update);
