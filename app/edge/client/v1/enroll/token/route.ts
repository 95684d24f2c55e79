import { ziti } from '@/lib/http/dialects/ziti';
import { zitiErrors } from '@/lib/domain/ziti/errors';
import { route } from '@/lib/http/route';

// Enrollment with a token from an external JWT signer: meshdeck configures no signers.
export const POST = route({ dialect: ziti, permission: 'public', readOnly: true }, async () => {
  throw zitiErrors.invalidEnrollmentToken('No external JWT signers are configured');
});
