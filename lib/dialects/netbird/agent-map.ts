// What one peer's network map is made of, computed by the policy engine: the small per-peer
// sections, the shared serialization of the peers it sees (agent-sync-text.ts) and its DNS config.
// The full map (GET /api/agent/sync) and the delta against a map the agent holds (agent-delta.ts)
// are both written from these parts.
import type { Tx } from '../../db/client';
import type { Account, Peer } from '../../db/models';
import { watchFiles } from '../../domain/agent/watch';
import { dnsConfigForPeer } from '../../domain/dns/nameservers';
import { withTailnetDns, type AgentDnsConfig } from '../../domain/dns/tailnet-dns';
import { accessModel, listSet } from '../../domain/access/network-map';
import { routesForPeer } from '../../domain/networks/routes';
import { routeFilter } from '../../domain/networks/route-filter';
import { aclRouteFilter, withRoutedPeers } from '../../domain/acl/routes';
import { peerSnapshot } from '../../domain/access/peer-store';
import { allGroupIdPerSerial } from '../../domain/access/per-serial';
import { peersInOrder } from '../../domain/access/visible-peers';
import { TEMPORARY_PEER_TTL_MS } from '../../domain/peers/temporary-access';
import { toAgentRoute, type SyncBody } from './agent';
import { sharedPeersFor, syncChunks, type SharedPeers } from './agent-sync-text';
import { fqdn } from './peers';

export interface MapParts {
  serial: number;
  /** The map without its two long lists (`peers`, `dns.records`) and without the rest of `dns`. */
  body: Omit<SyncBody, 'peers' | 'dns'>;
  /** The peers it sees (maybe itself too, left out of its map); null: none (pending approval, inactive). */
  shared: SharedPeers | null;
  dns: AgentDnsConfig;
  account: Pick<Account, 'dnsDomain'>;
  selfId: string;
  /** How many peers the account has (bounds what the delta protocol keeps: agent-map-versions.ts). */
  accountPeers: number;
}

/** The parts of `peer`'s map as of now (`account`: its account, when just read). */
export async function mapParts(db: Tx, peer: Peer, account?: Account): Promise<MapParts> {
  account ??= await db.account.findUniqueOrThrow({ where: { id: peer.accountId } });
  // A temporary peer that checks in keeps living.
  if (peer.expiresAt) await db.peer.update({ where: { id: peer.id }, data: { expiresAt: new Date(Date.now() + TEMPORARY_PEER_TTL_MS) } });
  const { serial, model } = await accessModel(db, peer.accountId);
  const access = peer.approvalRequired ? null : model.access(peer.id);
  const seen = access ? model.visibleList(peer.id) : null;
  // The document may let it reach a network another peer routes: both then see each other.
  const list = seen ? await withRoutedPeers(db, peer.accountId, serial, model, peer.id, seen, listSet(seen)) : null;
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
    ? [
        ...routeFilter(peer.id, routes, model.netbird.ruleList, model.netbird.peers, await allGroupIdPerSerial(db, peer.accountId, serial)),
        ...aclRouteFilter(model, peer.id, routes),
      ]
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
  return { serial, body, shared, dns, account, selfId: peer.id, accountPeers: snap.peers.length };
}

/** The whole map as byte chunks. */
export function fullMapChunks(parts: MapParts): Buffer[] {
  return syncChunks(parts.body, parts.shared, parts.selfId, parts.dns, parts.account);
}
