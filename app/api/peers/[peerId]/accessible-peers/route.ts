import { netbird } from '@/lib/http/dialects/netbird';
import { accessiblePeersText } from '@/lib/dialects/netbird/accessible-peers-text';
import { accessModel } from '@/lib/domain/access/network-map';
import { visiblePeers } from '@/lib/domain/access/visible-peers';
import { getPeer } from '@/lib/domain/peers/peers';
import { accountById } from '@/lib/domain/accounts/accounts';
import { reply, route } from '@/lib/http/route';

// The peers this peer may connect to or be connected from, per the one policy engine.
export const GET = route({ dialect: netbird }, async ({ db, actor, params }) => {
  const peer = await getPeer(db, actor, params.peerId);
  const { model } = await accessModel(db, actor.accountId);
  const ids = [...model.access(peer.id).peerIds];
  const [peers, account] = await Promise.all([
    visiblePeers(db, actor.accountId, ids, 'name'),
    accountById(db, actor.accountId),
  ]);
  return reply(accessiblePeersText(peers, account), 200, { 'Content-Type': 'application/json' });
});
