import { netbird } from '@/lib/dialects/netbird/dialect';
import { peerListRenderer } from '@/lib/dialects/netbird/peer-list';
import { peerListQuery } from '@/lib/dialects/netbird/peers';
import { listedPeers } from '@/lib/domain/access/peer-listing';
import { reply, route } from '@/lib/http/route';

// Built from the in-memory peer store and the access model: right after a change only the changed
// peers are re-read and re-rendered (lib/dialects/netbird/peer-list.ts), so the listing is never stale.
export const GET = route({ dialect: netbird, query: peerListQuery }, async ({ db, actor, query }) => {
  const { account, peers, groups, model } = await listedPeers(db, actor, query);
  const body = peerListRenderer(actor.accountId, account).renderBytes(peers, groups, (id) => model.visibleCount(id));
  return reply([body], 200, { 'Content-Type': 'application/json' });
});
