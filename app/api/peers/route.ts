import { netbird } from '@/lib/dialects/netbird/dialect';
import { peerListQuery, toNetbirdPeer } from '@/lib/dialects/netbird/peers';
import { loadGroupIndex } from '@/lib/domain/group-index';
import { accessModel } from '@/lib/domain/network-map';
import { listPeers } from '@/lib/domain/peers';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, query: peerListQuery }, async ({ db, actor, query }) => {
  const [peers, index, account, { model }] = await Promise.all([
    listPeers(db, actor, query),
    loadGroupIndex(db, actor.accountId),
    db.account.findUniqueOrThrow({ where: { id: actor.accountId } }),
    accessModel(db, actor.accountId),
  ]);
  const now = Date.now();
  return peers.map((p) => ({ ...toNetbirdPeer(p, account, index.groupsOf(p.id), now), accessible_peers_count: model.visibleCount(p.id) }));
});
