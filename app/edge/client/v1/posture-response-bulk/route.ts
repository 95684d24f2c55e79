import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { postureResponse, postureResponseBulk } from '@/lib/dialects/ziti/sessions';
import { recordPostureResponses } from '@/lib/domain/ziti/posture';
import { route } from '@/lib/http/route';

export const POST = route({ dialect: ziti, permission: 'ziti', body: postureResponseBulk, readOnly: true }, async ({ ziti: caller, body }) => {
  recordPostureResponses(caller, body);
  return envelope(postureResponse());
});
