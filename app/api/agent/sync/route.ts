import { netbird } from '@/lib/dialects/netbird/dialect';
import { toAgentRoute } from '@/lib/dialects/netbird/agent';
import { sharedPeersFor, syncChunks } from '@/lib/dialects/netbird/agent-sync-text';
import { fqdn } from '@/lib/dialects/netbird/peers';
import { markSeen } from '@/lib/domain/agent';
import { awaitMapChange } from '@/lib/domain/agent-push';
import { watchFiles } from '@/lib/domain/agent-watch';
import { ForbiddenError } from '@/lib/domain/errors';
import { dnsConfigForPeer } from '@/lib/domain/dns';
import { withTailnetDns } from '@/lib/domain/tailnet-dns';
import { accessModel, listSet } from '@/lib/domain/network-map';
import { routesForPeer } from '@/lib/domain/routes';
import { routeFilter } from '@/lib/domain/route-filter';
import { loginExpired } from '@/lib/domain/peers';
import { peerSnapshot } from '@/lib/domain/access/peer-store';
import { allGroupIdPerSerial } from '@/lib/domain/access/per-serial';
import { peersInOrder } from '@/lib/domain/access/visible-peers';
import { TEMPORARY_PEER_TTL_MS } from '@/lib/domain/temporary-access';
import { clientAddress } from '@/lib/server/client-address';
import { reply, route } from '@/lib/http/route';

// The peer's network map, computed by the policy engine; `serial` changes when any input changes.
export const GET = route({ dialect: netbird, permission: 'agent' }, async ({ db, peer: caller, req, url }) => {
  let account = await db.account.findUniqueOrThrow({ where: { id: caller.accountId } });
  if (loginExpired(caller, account)) throw new ForbiddenError('peer login expired: log in again');
  await markSeen(db, caller, clientAddress(req.headers) || undefined);
  // With `?serial=N&wait=S` a long-poll: 304 when the map's serial is still N after S seconds;
  // after a wait the peer (and its account) are read again.
  const peer = await awaitMapChange(db, caller, url.searchParams, req.signal);
  if (!peer) return new Response(null, { status: 304 });
  if (peer !== caller) account = await db.account.findUniqueOrThrow({ where: { id: peer.accountId } });
  // A temporary peer that checks in keeps living.
  if (peer.expiresAt) await db.peer.update({ where: { id: peer.id }, data: { expiresAt: new Date(Date.now() + TEMPORARY_PEER_TTL_MS) } });
  const { serial, model } = await accessModel(db, peer.accountId);
  const access = peer.approvalRequired ? null : model.access(peer.id);
  const list = access ? model.visibleList(peer.id) : null;
  const snap = await peerSnapshot(db, peer.accountId);
  const groups = new Set(snap.groupsOf.get(peer.id) ?? []);
  const [routes, dns, watch] = await Promise.all([
    access ? routesForPeer(db, peer.accountId, peer.id, list ? listSet(list) : [], serial) : [],
    (async () => {
      const allId = await allGroupIdPerSerial(db, peer.accountId, serial);
      if (allId) groups.add(allId);
      return withTailnetDns(db, peer.accountId, await dnsConfigForPeer(db, peer.accountId, peer.id, { serial, groups }), serial);
    })(),
    watchFiles(db, peer, serial),
  ]);
  // A routing peer also accepts, for forwarding, what may reach the networks it routes.
  const forwarded = access && routes.some((r) => r.routingPeerIds.includes(peer.id))
    ? routeFilter(peer.id, routes, model.netbird.ruleList, model.netbird.peers, await allGroupIdPerSerial(db, peer.accountId, serial))
    : [];
  const body = {
    serial,
    approval_required: peer.approvalRequired,
    peer: { id: peer.id, name: peer.name, ip: peer.ip, ipv6: peer.ipv6, dns_label: peer.dnsLabel, fqdn: fqdn(peer, account), zt_address: peer.ztAddress },
    packet_filter: access ? (forwarded.length ? [...access.filter, ...forwarded] : access.filter) : [],
    routes: routes.map(toAgentRoute),
    ssh_policy: access ? model.ssh(peer.id) : { rules: [] },
    watch_files: watch,
  };
  // The peers it sees, serialized once for every peer that sees the same ones (by IP, then id).
  const shared = list ? sharedPeersFor(list, snap, (s) => peersInOrder(s, 'ip'), account) : null;
  return reply(syncChunks(body, shared, peer.id, dns, account), 200, { 'Content-Type': 'application/json' });
});
