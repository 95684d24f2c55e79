import { netbird } from '@/lib/http/dialects/netbird';
import { portAllocationInput, portAllocationRequest, toNetbirdPortAllocation } from '@/lib/dialects/netbird/ingress';
import { deletePortAllocation, getPortAllocation, updatePortAllocation } from '@/lib/domain/networks/ingress-ports';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdPortAllocation(await getPortAllocation(db, actor, params.peerId, params.allocationId)),
);

export const PUT = route({ dialect: netbird, body: portAllocationRequest }, async ({ db, actor, params, body, audit }) => {
  const v = await updatePortAllocation(db, actor, params.peerId, params.allocationId, portAllocationInput(body));
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'service.update', activity: 'Ingress port allocation updated', targetId: v.row.id, meta: { kind: 'ingress_port_allocation', name: v.row.name, peer_id: v.row.peerId, ingress_peer_id: v.row.ingressPeerId, port_range_mappings: v.mappings } });
  return toNetbirdPortAllocation(v);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const row = await deletePortAllocation(db, actor, params.peerId, params.allocationId);
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'service.delete', activity: 'Ingress port allocation deleted', targetId: row.id, meta: { kind: 'ingress_port_allocation', name: row.name, peer_id: row.peerId, ingress_peer_id: row.ingressPeerId } });
  return {};
});
