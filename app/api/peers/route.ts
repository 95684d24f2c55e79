import { netbird } from '@/lib/dialects/netbird/dialect';
import { peerListQuery, toNetbirdPeer } from '@/lib/dialects/netbird/peers';
import { loadGroupIndex } from '@/lib/domain/group-index';
import { accessModel } from '@/lib/domain/network-map';
import { listPeers } from '@/lib/domain/peers';
import { allows } from '@/lib/domain/roles';
import { reply, route } from '@/lib/http/route';
import { responseCache } from '@/lib/server/response-cache';

// Listing is the expensive read of big accounts, so the rendered JSON is kept for a few seconds,
// keyed by everything it depends on except live status (connected/last_seen may lag by the TTL).
const TTL_MS = 5_000;

export const GET = route({ dialect: netbird, query: peerListQuery }, async ({ db, actor, query }) => {
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId } });
  const scope = allows(actor.role, 'audit') ? 'all' : actor.userId;
  const key = `peers:${actor.accountId}:${scope}:${query.name ?? ''}:${query.ip ?? ''}`;
  const version = `${account.networkSerial}:${account.dnsDomain}:${account.peerLoginExpirationEnabled}:${account.peerLoginExpiration}`;
  let body = responseCache.get(key, version);
  if (!body) {
    const [peers, index, { model }] = await Promise.all([listPeers(db, actor, query), loadGroupIndex(db, actor.accountId), accessModel(db, actor.accountId)]);
    const now = Date.now();
    body = JSON.stringify(peers.map((p) => ({ ...toNetbirdPeer(p, account, index.groupsOf(p.id), now), accessible_peers_count: model.visibleCount(p.id) })));
    responseCache.set(key, version, body, TTL_MS);
  }
  return reply(body, 200, { 'Content-Type': 'application/json' });
});
