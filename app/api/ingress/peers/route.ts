import { netbird } from '@/lib/http/dialects/netbird';
import { ingressPeerCreateRequest, toNetbirdIngressPeer } from '@/lib/dialects/netbird/ingress';
import { createIngressPeer, listIngressPeers } from '@/lib/domain/networks/ingress';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) =>
  (await listIngressPeers(db, actor)).map(toNetbirdIngressPeer),
);

export const POST = route({ dialect: netbird, body: ingressPeerCreateRequest }, async ({ db, actor, body }) =>
  toNetbirdIngressPeer(await createIngressPeer(db, actor, { peerId: body.peer_id, enabled: body.enabled, fallback: body.fallback })),
);
