import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { postureResponse, postureResponseCreate } from '@/lib/dialects/ziti/sessions';
import { recordPostureResponses } from '@/lib/domain/ziti/posture';
import { reply, route } from '@/lib/http/route';

// Kept in memory (lib/domain/ziti/posture.ts), so nothing is written to the database.
export const POST = route({ dialect: ziti, permission: 'ziti', body: postureResponseCreate, readOnly: true }, async ({ ziti: caller, body }) => {
  recordPostureResponses(caller, [body]);
  return reply(envelope(postureResponse()), 201);
});
