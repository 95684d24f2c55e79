// NetBird has no activity codes for ingress; port allocations are audited as services (a peer's
// ports exposed to the outside), with an "Ingress port allocation ..." activity and meta.kind.
import { netbird } from '@/lib/http/dialects/netbird';
import { portAllocationInput, portAllocationQuery, portAllocationRequest, toNetbirdPortAllocation } from '@/lib/dialects/netbird/ingress';
import { createPortAllocation, listPortAllocations } from '@/lib/domain/networks/ingress-ports';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit', query: portAllocationQuery }, async ({ db, actor, params, query }) =>
  (await listPortAllocations(db, actor, params.peerId, query.name)).map(toNetbirdPortAllocation),
);

export const POST = route({ dialect: netbird, body: portAllocationRequest }, async ({ db, actor, params, body, audit }) => {
  const v = await createPortAllocation(db, actor, params.peerId, portAllocationInput(body));
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'service.create', activity: 'Ingress port allocation created', targetId: v.row.id, meta: { kind: 'ingress_port_allocation', name: v.row.name, peer_id: v.row.peerId, ingress_peer_id: v.row.ingressPeerId, port_range_mappings: v.mappings } });
  return toNetbirdPortAllocation(v);
});
