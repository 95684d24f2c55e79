import { netbird } from '@/lib/http/dialects/netbird';
import { peerListBytes, peerListRenderer } from '@/lib/dialects/netbird/peer-list';
import { peerListQuery } from '@/lib/dialects/netbird/peers';
import { listedPeers } from '@/lib/domain/access/peer-listing';
import { replyChunks, route } from '@/lib/http/route';

// Built from the in-memory peer store and the access model: right after a change only the changed
// peers are re-read and re-rendered (lib/dialects/netbird/peer-list.ts). An unchanged listing is
// served again for up to a second (only login_expired, which follows the clock, can lag that much).
// Gzipped for clients that accept it, each block compressed once (lib/http/gzip-chunks.ts).
export const GET = route({ dialect: netbird, query: peerListQuery }, async ({ db, actor, query }) => {
  const { account, snap, peers, groups, model } = await listedPeers(db, actor, query);
  const renderer = peerListRenderer(actor.accountId, account);
  const key = `${actor.accountId}\u0000${peers === snap.peers ? '*' : `${actor.userId}\u0000${query.name ?? ''}\u0000${query.ip ?? ''}`}`;
  const body = peerListBytes(key, [snap, model, groups, renderer], () => renderer.renderChunks(peers, groups, model, (id) => model.visibleCount(id)));
  return replyChunks(body, { 'Content-Type': 'application/json' });
});
