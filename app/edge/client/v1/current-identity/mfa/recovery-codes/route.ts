import { mfaCodeBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { recoveryCodesDetail } from '@/lib/dialects/ziti/identity';
import { regenerateRecoveryCodes, remainingRecoveryCodes } from '@/lib/domain/ziti/mfa';
import { route } from '@/lib/http/route';

// The code comes in the `mfa-validation-code` header (a GET body is not dependable).
export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, req }) => {
  const r = await remainingRecoveryCodes(db, caller, req.headers.get('mfa-validation-code'));
  return envelope(recoveryCodesDetail(r.identity, r.remaining));
});

// Codes are stored hashed, so the new ones are shown in this response only.
export const POST = route({ dialect: ziti, permission: 'ziti', body: mfaCodeBody, transaction: false }, async ({ db, ziti: caller, body }) => {
  const recoveryCodes = await regenerateRecoveryCodes(db, caller, body.code);
  return envelope({ recoveryCodes });
});
