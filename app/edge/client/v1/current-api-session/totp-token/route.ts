import { mfaCodeBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { issueTotpToken } from '@/lib/domain/ziti/mfa';
import { route } from '@/lib/http/route';

// A proof of a fresh TOTP answer; needs a fully authenticated session (MFA passed when enrolled).
export const POST = route({ dialect: ziti, permission: 'ziti', body: mfaCodeBody, transaction: false }, async ({ db, ziti: caller, body }) => {
  const t = await issueTotpToken(db, caller, body.code);
  return envelope({ token: t.token, issuedAt: t.issuedAt.toISOString() });
});
