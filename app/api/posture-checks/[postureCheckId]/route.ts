import { netbird } from '@/lib/http/dialects/netbird';
import { postureCheckInput, postureCheckRequest, toNetbirdPostureCheck } from '@/lib/dialects/netbird/posture-checks';
import { deletePostureCheck, getPostureCheck, updatePostureCheck } from '@/lib/domain/posture/checks';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdPostureCheck(await getPostureCheck(db, actor, params.postureCheckId)),
);

export const PUT = route({ dialect: netbird, body: postureCheckRequest }, async ({ db, actor, params, body, audit }) => {
  const check = await updatePostureCheck(db, actor, params.postureCheckId, postureCheckInput(body));
  audit({ code: 'posture.check.update', activity: 'Posture check updated', targetId: check.id, meta: { name: check.name } });
  return toNetbirdPostureCheck(check);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const check = await deletePostureCheck(db, actor, params.postureCheckId);
  audit({ code: 'posture.check.delete', activity: 'Posture check deleted', targetId: check.id, meta: { name: check.name } });
  return {};
});
