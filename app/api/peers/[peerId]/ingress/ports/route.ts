import { netbird } from '@/lib/http/dialects/netbird';
import { portAllocationInput, portAllocationQuery, portAllocationRequest, toNetbirdPortAllocation } from '@/lib/dialects/netbird/ingress';
import { createPortAllocation, listPortAllocations } from '@/lib/domain/networks/ingress-ports';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit', query: portAllocationQuery }, async ({ db, actor, params, query }) =>
  (await listPortAllocations(db, actor, params.peerId, query.name)).map(toNetbirdPortAllocation),
);

export const POST = route({ dialect: netbird, body: portAllocationRequest }, async ({ db, actor, params, body }) =>
  toNetbirdPortAllocation(await createPortAllocation(db, actor, params.peerId, portAllocationInput(body))),
);
