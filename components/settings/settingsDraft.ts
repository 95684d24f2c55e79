// Converting between the account's settings (seconds, NetBird names) and the form (hours, minutes),
// and the checks the form runs before sending.
import { isDomain, isIpv4Cidr } from '../forms/formChecks';
import type { AccountSettingsView, SettingsDraft } from './types';

const MAX_DAYS = 180;

export function draftOf(s: AccountSettingsView): SettingsDraft {
  return {
    loginExpiry: s.peer_login_expiration_enabled,
    loginExpiryHours: Math.round(s.peer_login_expiration / 3600),
    inactivityExpiry: s.peer_inactivity_expiration_enabled,
    inactivityExpiryMinutes: Math.round(s.peer_inactivity_expiration / 60),
    peerApproval: s.extra.peer_approval_enabled,
    userApproval: s.extra.user_approval_required,
    regularUsersViewBlocked: s.regular_users_view_blocked,
    groupsPropagation: s.groups_propagation_enabled,
    routingPeerDns: s.routing_peer_dns_resolution_enabled,
    lazyConnection: s.lazy_connection_enabled,
    dnsDomain: s.dns_domain,
    networkRange: s.network_range,
    autoUpdateVersion: s.auto_update_version,
  };
}

/** The whole settings object for PUT: the current one with the form's values applied. */
export function settingsFrom(current: AccountSettingsView, d: SettingsDraft): AccountSettingsView {
  return {
    ...current,
    peer_login_expiration_enabled: d.loginExpiry,
    peer_login_expiration: d.loginExpiryHours * 3600,
    peer_inactivity_expiration_enabled: d.inactivityExpiry,
    peer_inactivity_expiration: d.inactivityExpiryMinutes * 60,
    regular_users_view_blocked: d.regularUsersViewBlocked,
    groups_propagation_enabled: d.groupsPropagation,
    routing_peer_dns_resolution_enabled: d.routingPeerDns,
    lazy_connection_enabled: d.lazyConnection,
    dns_domain: d.dnsDomain.trim(),
    network_range: d.networkRange.trim(),
    auto_update_version: d.autoUpdateVersion.trim() || 'disabled',
    extra: { ...current.extra, peer_approval_enabled: d.peerApproval, user_approval_required: d.userApproval },
  };
}

export function settingsProblem(d: SettingsDraft): string | null {
  if (!Number.isInteger(d.loginExpiryHours) || d.loginExpiryHours < 1 || d.loginExpiryHours > MAX_DAYS * 24) return `Login expiration is between 1 and ${MAX_DAYS * 24} hours.`;
  if (!Number.isInteger(d.inactivityExpiryMinutes) || d.inactivityExpiryMinutes < 10 || d.inactivityExpiryMinutes > MAX_DAYS * 24 * 60) return `Inactivity expiration is between 10 and ${MAX_DAYS * 24 * 60} minutes.`;
  if (d.dnsDomain.trim() && !isDomain(d.dnsDomain, { single: true })) return `"${d.dnsDomain}" is not a domain name (e.g. mesh.example.com).`;
  if (!isIpv4Cidr(d.networkRange)) return `"${d.networkRange}" is not an IPv4 network such as 100.64.0.0/16.`;
  if (!/^(latest|disabled|v?\d+\.\d+\.\d+)?$/.test(d.autoUpdateVersion.trim())) return 'Client auto-update is "latest", "disabled" or a version such as 0.50.1.';
  return null;
}
