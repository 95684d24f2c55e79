// NetBird has no activity codes for ingress; ingress peers are audited as network routers (what
// they are: peers forwarding traffic), with an "Ingress peer ..." activity and meta.kind.
import { netbird } from '@/lib/http/dialects/netbird';
import { ingressPeerCreateRequest, toNetbirdIngressPeer } from '@/lib/dialects/netbird/ingress';
import { createIngressPeer, listIngressPeers } from '@/lib/domain/networks/ingress';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) =>
  (await listIngressPeers(db, actor)).map(toNetbirdIngressPeer),
);

export const POST = route({ dialect: netbird, body: ingressPeerCreateRequest }, async ({ db, actor, body, audit }) => {
  const v = await createIngressPeer(db, actor, { peerId: body.peer_id, enabled: body.enabled, fallback: body.fallback });
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'network.router.create', activity: 'Ingress peer created', targetId: v.row.id, meta: { kind: 'ingress_peer', peer_id: v.row.peerId, region: v.row.region, enabled: v.row.enabled, fallback: v.row.fallback } });
  return toNetbirdIngressPeer(v);
});
