import { netbird } from '@/lib/http/dialects/netbird';
import { portAllocationInput, portAllocationRequest, toNetbirdPortAllocation } from '@/lib/dialects/netbird/ingress';
import { deletePortAllocation, getPortAllocation, updatePortAllocation } from '@/lib/domain/networks/ingress-ports';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdPortAllocation(await getPortAllocation(db, actor, params.peerId, params.allocationId)),
);

export const PUT = route({ dialect: netbird, body: portAllocationRequest }, async ({ db, actor, params, body }) =>
  toNetbirdPortAllocation(await updatePortAllocation(db, actor, params.peerId, params.allocationId, portAllocationInput(body))),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deletePortAllocation(db, actor, params.peerId, params.allocationId);
  return {};
});
