import { mfaCodeBody } from '@/lib/dialects/ziti/auth-requests';
import { ziti } from '@/lib/http/dialects/ziti';
import { emptyEnvelope } from '@/lib/dialects/ziti/envelope';
import { verifyMfa } from '@/lib/domain/ziti/mfa';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'ziti', body: mfaCodeBody, transaction: false }, async ({ db, ziti: caller, body }) => {
  await verifyMfa(db, caller, body.code);
  return emptyEnvelope();
});
