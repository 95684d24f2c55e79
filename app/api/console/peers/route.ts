import { consolePeersQuery, ownerColumns, peerQueryFrom } from '@/lib/dialects/console/peers';
import { toNetbirdPeer } from '@/lib/dialects/netbird/peers';
import { netbird } from '@/lib/http/dialects/netbird';
import { loadGroupIndex } from '@/lib/domain/groups/membership-index';
import { peerOwners, queryPeers } from '@/lib/domain/peers/table-query';
import { accountById } from '@/lib/domain/accounts/accounts';
import { route } from '@/lib/http/route';

// One page of peers for the console's table, sorted and filtered in the database: NetBird's peer
// shape plus the owner's name and email.
export const GET = route({ dialect: netbird, query: consolePeersQuery }, async ({ db, actor, query }) => {
  const { total, peers } = await queryPeers(db, actor, peerQueryFrom(query));
  const [account, index, owners] = await Promise.all([
    accountById(db, actor.accountId),
    loadGroupIndex(db, actor.accountId, peers.map((p) => p.id)),
    peerOwners(db, actor.accountId, peers),
  ]);
  const now = Date.now();
  return { total, items: peers.map((p) => ({ ...toNetbirdPeer(p, account, index.groupsOf(p.id), now), ...ownerColumns(owners.get(p.userId)) })) };
});
