import { netbird } from '@/lib/http/dialects/netbird';
import { postureCheckInput, postureCheckRequest, toNetbirdPostureCheck } from '@/lib/dialects/netbird/posture-checks';
import { deletePostureCheck, getPostureCheck, updatePostureCheck } from '@/lib/domain/posture/checks';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdPostureCheck(await getPostureCheck(db, actor, params.postureCheckId)),
);

export const PUT = route({ dialect: netbird, body: postureCheckRequest }, async ({ db, actor, params, body }) =>
  toNetbirdPostureCheck(await updatePostureCheck(db, actor, params.postureCheckId, postureCheckInput(body))),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deletePostureCheck(db, actor, params.postureCheckId);
  return {};
});
