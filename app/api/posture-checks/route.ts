import { netbird } from '@/lib/http/dialects/netbird';
import { postureCheckInput, postureCheckRequest, toNetbirdPostureCheck } from '@/lib/dialects/netbird/posture-checks';
import { createPostureCheck, listPostureChecks } from '@/lib/domain/posture/checks';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) =>
  (await listPostureChecks(db, actor)).map(toNetbirdPostureCheck),
);

export const POST = route({ dialect: netbird, body: postureCheckRequest }, async ({ db, actor, body }) =>
  toNetbirdPostureCheck(await createPostureCheck(db, actor, postureCheckInput(body))),
);
