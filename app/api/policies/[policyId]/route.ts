import { netbird } from '@/lib/http/dialects/netbird';
import { policyInput, policyRequest, toNetbirdPolicy } from '@/lib/dialects/netbird/policies';
import { deletePolicy, getPolicy, updatePolicy } from '@/lib/domain/policy/policies';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdPolicy(await getPolicy(db, actor, params.policyId)),
);

export const PUT = route({ dialect: netbird, body: policyRequest }, async ({ db, actor, params, body }) =>
  toNetbirdPolicy(await updatePolicy(db, actor, params.policyId, policyInput(body))),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deletePolicy(db, actor, params.policyId);
  return {};
});
