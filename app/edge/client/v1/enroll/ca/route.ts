import { ziti } from '@/lib/http/dialects/ziti';
import { zitiErrors } from '@/lib/domain/ziti/errors';
import { route } from '@/lib/http/route';

// CA auto-enrollment needs a third-party CA registered with the controller; meshdeck has none.
export const POST = route({ dialect: ziti, permission: 'public', readOnly: true }, async () => {
  throw zitiErrors.enrollmentNoValidCas('No third-party CAs are configured; use ott or updb enrollment');
});
