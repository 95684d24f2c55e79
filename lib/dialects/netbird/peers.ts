// NetBird wire shapes for peers (Peer, PeerRequest, AccessiblePeer).
import { z } from 'zod';
import type { Account, Peer } from '../../generated/sqlite/client';
import type { GroupSummary } from '../../domain/group-summaries';
import { parseJsonList, parseJsonObject } from '../../domain/json';
import { loginExpired } from '../../domain/peers';
import { toNetbirdGroupMinimum } from './groups';

export type AccountView = Pick<Account, 'dnsDomain' | 'peerLoginExpirationEnabled' | 'peerLoginExpiration'>;

export const fqdn = (peer: Pick<Peer, 'dnsLabel'>, account: Pick<Account, 'dnsDomain'>) => `${peer.dnsLabel}.${account.dnsDomain}`;

export function toNetbirdPeer(peer: Peer, account: AccountView, groups: GroupSummary[], now = Date.now()) {
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
    groups: groups.map(toNetbirdGroupMinimum),
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
    extra_dns_labels: parseJsonList(peer.extraDnsLabels),
    ephemeral: peer.ephemeral,
    local_flags: parseJsonObject(peer.localFlags) ?? {},
  };
}

export function toAccessiblePeer(peer: Peer, account: AccountView) {
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
