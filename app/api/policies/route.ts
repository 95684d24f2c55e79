import { netbird } from '@/lib/http/dialects/netbird';
import { policyInput, policyRequest, toNetbirdPolicy } from '@/lib/dialects/netbird/policies';
import { createPolicy, listPolicies } from '@/lib/domain/policy/policies';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) =>
  (await listPolicies(db, actor)).map(toNetbirdPolicy),
);

export const POST = route({ dialect: netbird, body: policyRequest }, async ({ db, actor, body }) =>
  toNetbirdPolicy(await createPolicy(db, actor, policyInput(body))),
);
