import { netbird } from '@/lib/http/dialects/netbird';
import { ingressPeerUpdateRequest, toNetbirdIngressPeer } from '@/lib/dialects/netbird/ingress';
import { deleteIngressPeer, getIngressPeer, updateIngressPeer } from '@/lib/domain/networks/ingress';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdIngressPeer(await getIngressPeer(db, actor, params.ingressPeerId)),
);

export const PUT = route({ dialect: netbird, body: ingressPeerUpdateRequest }, async ({ db, actor, params, body }) =>
  toNetbirdIngressPeer(await updateIngressPeer(db, actor, params.ingressPeerId, { enabled: body.enabled, fallback: body.fallback })),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deleteIngressPeer(db, actor, params.ingressPeerId);
  return {};
});
