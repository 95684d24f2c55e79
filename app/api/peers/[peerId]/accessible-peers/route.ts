import { netbird } from '@/lib/dialects/netbird/dialect';
import { toAccessiblePeer } from '@/lib/dialects/netbird/peers';
import { accessModel } from '@/lib/domain/network-map';
import { getPeer, peersByIds } from '@/lib/domain/peers';
import { route } from '@/lib/http/route';

// The peers this peer may connect to or be connected from, per the one policy engine.
export const GET = route({ dialect: netbird }, async ({ db, actor, params }) => {
  const peer = await getPeer(db, actor, params.peerId);
  const { model } = await accessModel(db, actor.accountId);
  const ids = [...model.access(peer.id).peerIds];
  const [peers, account] = await Promise.all([
    peersByIds(db, actor.accountId, ids, 'name'),
    db.account.findUniqueOrThrow({ where: { id: actor.accountId } }),
  ]);
  return peers.map((p) => toAccessiblePeer(p, account));
});
