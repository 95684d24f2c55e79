import { netbird } from '@/lib/dialects/netbird/dialect';
import { toAgentDns, toAgentRoute, toRemotePeer, type SyncBody } from '@/lib/dialects/netbird/agent';
import { fqdn } from '@/lib/dialects/netbird/peers';
import { markSeen } from '@/lib/domain/agent';
import { awaitMapChange } from '@/lib/domain/agent-push';
import { watchFiles } from '@/lib/domain/agent-watch';
import { ForbiddenError } from '@/lib/domain/errors';
import { dnsConfigForPeer } from '@/lib/domain/dns';
import { withTailnetDns } from '@/lib/domain/tailnet-dns';
import { accessModel } from '@/lib/domain/network-map';
import { routesForPeer } from '@/lib/domain/routes';
import { loginExpired, peersByIds } from '@/lib/domain/peers';
import { TEMPORARY_PEER_TTL_MS } from '@/lib/domain/temporary-access';
import { clientAddress } from '@/lib/server/client-address';
import { route } from '@/lib/http/route';

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
  const ids = access ? [...access.peerIds] : [];
  const [peers, routes, dns, watch] = await Promise.all([
    peersByIds(db, peer.accountId, ids, 'ip'),
    access ? routesForPeer(db, peer.accountId, peer.id, ids) : [],
    dnsConfigForPeer(db, peer.accountId, peer.id).then((base) => withTailnetDns(db, peer.accountId, base)),
    watchFiles(db, peer),
  ]);
  const body: SyncBody = {
    serial,
    approval_required: peer.approvalRequired,
    peer: { id: peer.id, name: peer.name, ip: peer.ip, ipv6: peer.ipv6, dns_label: peer.dnsLabel, fqdn: fqdn(peer, account) },
    peers: peers.map((p) => toRemotePeer(p, account)),
    packet_filter: access?.filter ?? [],
    routes: routes.map(toAgentRoute),
    dns: toAgentDns(dns, peers, account),
    ssh_policy: access ? model.ssh(peer.id) : { rules: [] },
    watch_files: watch,
  };
  return body;
});
