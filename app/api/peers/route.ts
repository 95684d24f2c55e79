import { netbird } from '@/lib/dialects/netbird/dialect';
import { NETBIRD_PEER_COLUMNS, peerListQuery, toNetbirdPeerList } from '@/lib/dialects/netbird/peers';
import { loadGroupIndex } from '@/lib/domain/group-index';
import { accessModel } from '@/lib/domain/network-map';
import { listPeerColumns } from '@/lib/domain/peers';
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
    const [peers, index, { model }] = await Promise.all([
      listPeerColumns(db, actor, query, NETBIRD_PEER_COLUMNS),
      loadGroupIndex(db, actor.accountId),
      accessModel(db, actor.accountId),
    ]);
    body = JSON.stringify(toNetbirdPeerList(peers, account, (id) => index.groupsOf(id), (id) => model.visibleCount(id), Date.now()));
    responseCache.set(key, version, body, TTL_MS);
  }
  return reply(body, 200, { 'Content-Type': 'application/json' });
});
