import { netbird } from '@/lib/http/dialects/netbird';
import { ingressPeerUpdateRequest, toNetbirdIngressPeer } from '@/lib/dialects/netbird/ingress';
import { deleteIngressPeer, getIngressPeer, updateIngressPeer } from '@/lib/domain/networks/ingress';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdIngressPeer(await getIngressPeer(db, actor, params.ingressPeerId)),
);

export const PUT = route({ dialect: netbird, body: ingressPeerUpdateRequest }, async ({ db, actor, params, body, audit }) => {
  const v = await updateIngressPeer(db, actor, params.ingressPeerId, { enabled: body.enabled, fallback: body.fallback });
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'network.router.update', activity: 'Ingress peer updated', targetId: v.row.id, meta: { kind: 'ingress_peer', peer_id: v.row.peerId, enabled: v.row.enabled, fallback: v.row.fallback } });
  return toNetbirdIngressPeer(v);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const row = await deleteIngressPeer(db, actor, params.ingressPeerId);
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'network.router.delete', activity: 'Ingress peer deleted', targetId: row.id, meta: { kind: 'ingress_peer', peer_id: row.peerId } });
  return {};
});
