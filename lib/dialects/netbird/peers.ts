// NetBird wire shapes for peers (Peer, PeerRequest, AccessiblePeer).
import { z } from 'zod';
import type { Account, Peer } from '../../db/models';
import type { GroupSummary } from '../../domain/groups/summaries';
import { parseJsonList, parseJsonObject } from '../../domain/json';
import { loginExpired } from '../../domain/peers/peers';
import { toNetbirdGroupMinimum } from './groups';

export type AccountView = Pick<Account, 'dnsDomain' | 'peerLoginExpirationEnabled' | 'peerLoginExpiration'>;

export const fqdn = (peer: Pick<Peer, 'dnsLabel'>, account: Pick<Account, 'dnsDomain'>) => `${peer.dnsLabel}.${account.dnsDomain}`;

/**
 * The columns the NetBird Peer shape reads (the type of a listed row; a test checks the shape reads
 * no other). Listings take the rows from the peer store (lib/domain/access/peer-store.ts).
 */
export const NETBIRD_PEER_COLUMNS = {
  id: true,
  name: true,
  createdAt: true,
  ip: true,
  ipv6: true,
  connectionIp: true,
  connected: true,
  lastSeen: true,
  os: true,
  kernelVersion: true,
  geonameId: true,
  version: true,
  sshEnabled: true,
  userId: true,
  hostname: true,
  uiVersion: true,
  dnsLabel: true,
  loginExpirationEnabled: true,
  lastLogin: true,
  inactivityExpirationEnabled: true,
  approvalRequired: true,
  disapprovalReason: true,
  countryCode: true,
  cityName: true,
  serialNumber: true,
  extraDnsLabels: true,
  ephemeral: true,
  localFlags: true,
} as const satisfies { [K in keyof Peer]?: true };

export type NetbirdPeerRow = Pick<Peer, keyof typeof NETBIRD_PEER_COLUMNS>;

export function toNetbirdPeer(peer: NetbirdPeerRow, account: AccountView, groups: GroupSummary[], now = Date.now()) {
  return shape(peer, account, groups.map(toNetbirdGroupMinimum), now);
}

type GroupMinimum = ReturnType<typeof toNetbirdGroupMinimum>;

function shape(peer: NetbirdPeerRow, account: AccountView, groups: GroupMinimum[], now: number) {
  return {
    id: peer.id,
    name: peer.name,
    created_at: peer.createdAt.toISOString(),
    ip: peer.ip,
    ...(peer.ipv6 ? { ipv6: peer.ipv6 } : {}),
    connection_ip: peer.connectionIp,
    connected: peer.connected,
    last_seen: peer.lastSeen.toISOString(),
    os: peer.os,
    kernel_version: peer.kernelVersion,
    geoname_id: peer.geonameId,
    version: peer.version,
    groups,
    ssh_enabled: peer.sshEnabled,
    user_id: peer.userId,
    hostname: peer.hostname,
    ui_version: peer.uiVersion,
    dns_label: fqdn(peer, account),
    login_expiration_enabled: peer.loginExpirationEnabled,
    login_expired: loginExpired(peer, account, now),
    last_login: peer.lastLogin.toISOString(),
    inactivity_expiration_enabled: peer.inactivityExpirationEnabled,
    approval_required: peer.approvalRequired,
    ...(peer.disapprovalReason ? { disapproval_reason: peer.disapprovalReason } : {}),
    country_code: peer.countryCode,
    city_name: peer.cityName,
    serial_number: peer.serialNumber,
    extra_dns_labels: peer.extraDnsLabels === '[]' ? [] : parseJsonList(peer.extraDnsLabels),
    ephemeral: peer.ephemeral,
    local_flags: peer.localFlags === '{}' ? {} : (parseJsonObject(peer.localFlags) ?? {}),
  };
}

/**
 * GET /api/peers: every peer with its accessible-peer count. The same JSON as toNetbirdPeer plus
 * the count, built with one group object per group (not one per peer and group) and without
 * copying each peer's object to append the count: at 25,000 peers the allocations cost more than
 * the work.
 */
export function toNetbirdPeerList(peers: NetbirdPeerRow[], account: AccountView, groupsOf: (peerId: string) => GroupSummary[], countOf: (peerId: string) => number, now = Date.now()) {
  const minimum = new Map<GroupSummary, GroupMinimum>();
  const toMinimum = (g: GroupSummary) => {
    let m = minimum.get(g);
    if (!m) minimum.set(g, (m = toNetbirdGroupMinimum(g)));
    return m;
  };
  return peers.map((p) => {
    const out: ReturnType<typeof shape> & { accessible_peers_count?: number } = shape(p, account, groupsOf(p.id).map(toMinimum), now);
    // Appended last, as the spread it replaces put it.
    out.accessible_peers_count = countOf(p.id);
    return out;
  });
}

export function toAccessiblePeer(peer: Peer, account: Pick<AccountView, 'dnsDomain'>) {
  return {
    id: peer.id,
    name: peer.name,
    ip: peer.ip,
    ...(peer.ipv6 ? { ipv6: peer.ipv6 } : {}),
    dns_label: fqdn(peer, account),
    user_id: peer.userId,
    os: peer.os,
    country_code: peer.countryCode,
    city_name: peer.cityName,
    geoname_id: peer.geonameId,
    connected: peer.connected,
    last_seen: peer.lastSeen.toISOString(),
  };
}

export const peerRequest = z.object({
  name: z.string(),
  ssh_enabled: z.boolean(),
  login_expiration_enabled: z.boolean(),
  inactivity_expiration_enabled: z.boolean(),
  approval_required: z.boolean().optional(),
  ip: z.string().optional(),
});

export const peerListQuery = z.object({ name: z.string().optional(), ip: z.string().optional() });

export type NetbirdPeer = ReturnType<typeof toNetbirdPeer>;
export type NetbirdPeerListItem = ReturnType<typeof toNetbirdPeerList>[number];
export type NetbirdAccessiblePeer = ReturnType<typeof toAccessiblePeer>;
