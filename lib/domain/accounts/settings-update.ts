// Changing an account's settings (NetBird PUT /api/accounts/{id}): validate every value, store it,
// renumber peers when a network range changes, bump the network serial when peers are affected, and
// record each change as an audit entry with NetBird's activity code.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Actor } from '../actor';
import { recordChange, type ActivityCode, type AuditEntry } from '../audit';
import { getAccount } from './accounts';
import { accountOnboarding, accountSettings, DEFAULT_DNS_DOMAIN, storedSettings, type AccountSettings, type Onboarding } from './settings';
import { newIpv6Addresses, normalizeDnsDomain, normalizeNetworkRange, normalizeNetworkRangeV6 } from './network-range';
import { ValidationError } from '../errors';
import { allGroupId } from '../groups/all-group';
import { reassignPeerIps } from '../peers/ipam';
import { bumpNetworkSerial } from '../serial';

const HOUR = 3600;
const MAX_EXPIRATION = 180 * 24 * HOUR;

/** Settings a PUT may carry; absent keys keep their current value. `extra` is replaced whole. */
export type SettingsInput = Partial<AccountSettings>;

// Settings whose change cannot alter what any peer receives; every other change bumps the serial.
const NOT_PEER_AFFECTING = new Set([
  'regular_users_view_blocked',
  'groups_propagation_enabled',
  'jwt_groups_enabled',
  'jwt_groups_claim_name',
  'jwt_allow_groups',
  'agent_network_only',
  'dashboard_features',
  'local_mfa_enabled',
  'extra.user_approval_required',
]);

const TOGGLES: [key: string, enable: ActivityCode, disable: ActivityCode, what: string][] = [
  ['peer_login_expiration_enabled', 'account.setting.peer.login.expiration.enable', 'account.setting.peer.login.expiration.disable', 'peer login expiration'],
  ['peer_inactivity_expiration_enabled', 'account.peer.inactivity.expiration.enable', 'account.peer.inactivity.expiration.disable', 'peer inactivity expiration'],
  ['groups_propagation_enabled', 'account.setting.group.propagation.enable', 'account.setting.group.propagation.disable', 'user group propagation'],
  ['routing_peer_dns_resolution_enabled', 'account.setting.routing.peer.dns.resolution.enable', 'account.setting.routing.peer.dns.resolution.disable', 'routing peer DNS resolution'],
  ['lazy_connection_enabled', 'account.setting.lazy.connection.enable', 'account.setting.lazy.connection.disable', 'lazy connection'],
  ['extra.peer_approval_enabled', 'account.setting.peer.approval.enable', 'account.setting.peer.approval.disable', 'peer approval'],
];

const UPDATES: [key: string, code: ActivityCode, activity: string][] = [
  ['peer_login_expiration', 'account.setting.peer.login.expiration.update', 'Account peer login expiration updated'],
  ['peer_inactivity_expiration', 'account.peer.inactivity.expiration.update', 'Account peer inactivity expiration updated'],
  ['dns_domain', 'account.dns.domain.update', 'Account DNS domain updated'],
  ['network_range', 'account.network.range.update', 'Account network range updated'],
  ['network_range_v6', 'account.network.range.update', 'Account IPv6 network range updated'],
  ['auto_update_version', 'account.settings.auto.version.update', 'Account client auto-update version updated'],
];

/** Flattens settings to "key" / "extra.key" paths for comparing. */
function flatten(s: AccountSettings): Record<string, unknown> {
  const { extra, ...rest } = s;
  const out: Record<string, unknown> = { ...rest };
  for (const [k, v] of Object.entries(extra)) out[`extra.${k}`] = v;
  return out;
}

async function checkGroupIds(db: Tx, accountId: string, field: string, ids: string[] | undefined) {
  if (!ids?.length) return;
  const found = new Set((await inChunks(ids, (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true } }))).map((g) => g.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new ValidationError(`${field}: group ${missing[0]} not found`);
}

function checkRange(field: string, value: number, min: number, max: number) {
  if (value < min) throw new ValidationError(`${field} must be at least ${min} seconds`);
  if (value > max) throw new ValidationError(`${field} must be at most ${max} seconds (180 days)`);
}

/** Validates `input` against the current settings and returns the complete new settings. */
async function validated(db: Tx, accountId: string, before: AccountSettings, input: SettingsInput): Promise<AccountSettings> {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as SettingsInput;
  const next: AccountSettings = { ...before, ...given };
  checkRange('peer_login_expiration', next.peer_login_expiration, HOUR, MAX_EXPIRATION);
  checkRange('peer_inactivity_expiration', next.peer_inactivity_expiration, 600, MAX_EXPIRATION);
  if (given.dns_domain !== undefined) next.dns_domain = given.dns_domain.trim() === '' ? DEFAULT_DNS_DOMAIN : normalizeDnsDomain(given.dns_domain);
  if (given.network_range !== undefined) next.network_range = normalizeNetworkRange(given.network_range);
  if (given.network_range_v6 !== undefined) next.network_range_v6 = normalizeNetworkRangeV6(given.network_range_v6);
  await checkGroupIds(db, accountId, 'peer_expose_groups', given.peer_expose_groups);
  await checkGroupIds(db, accountId, 'extra.network_traffic_logs_groups', given.extra?.network_traffic_logs_groups);
  await checkGroupIds(db, accountId, 'ipv6_enabled_groups', given.ipv6_enabled_groups);
  next.jwt_groups_claim_name = next.jwt_groups_claim_name.trim();
  if (next.jwt_allow_groups.some((g) => !g.trim())) throw new ValidationError('jwt_allow_groups cannot contain empty group names');
  const version = next.auto_update_version.trim() || 'disabled';
  if (!/^(latest|disabled|v?\d+\.\d+\.\d+)$/.test(version)) {
    throw new ValidationError('auto_update_version must be "latest", "disabled" or a version such as "0.50.1"');
  }
  next.auto_update_version = version;
  if (next.agent_network_only && next.dashboard_features.agent_network !== true) {
    throw new ValidationError('agent_network_only requires dashboard_features.agent_network to be true');
  }
  if (next.local_mfa_enabled && !before.local_mfa_enabled) {
    throw new ValidationError('local_mfa_enabled is not supported: meshdeck has no multi-factor authentication for passwords');
  }
  return next;
}

function auditEntries(accountId: string, before: Record<string, unknown>, after: Record<string, unknown>): AuditEntry[] {
  const changed = (k: string) => JSON.stringify(before[k]) !== JSON.stringify(after[k]);
  const entries: AuditEntry[] = [];
  for (const [key, enable, disable, what] of TOGGLES) {
    if (!changed(key)) continue;
    const on = after[key] === true;
    entries.push({ code: on ? enable : disable, activity: `Account ${what} ${on ? 'enabled' : 'disabled'}`, targetId: accountId, meta: { setting: key, old: before[key], new: after[key] } });
  }
  for (const [key, code, activity] of UPDATES) {
    if (changed(key)) entries.push({ code, activity, targetId: accountId, meta: { setting: key, old: before[key], new: after[key] } });
  }
  return entries;
}

async function renumberIpv6(db: Tx, accountId: string, range: string) {
  const peers = await db.peer.findMany({ where: { accountId, ipv6: { not: '' } }, select: { id: true } });
  const addresses = newIpv6Addresses(range, peers.length);
  for (const [i, p] of peers.entries()) await db.peer.update({ where: { id: p.id }, data: { ipv6: addresses[i] } });
}

export async function updateAccountSettings(db: Tx, actor: Actor, accountId: string, input: SettingsInput, onboarding?: Onboarding) {
  const account = await getAccount(db, actor, accountId);
  const allId = await allGroupId(db, account.id);
  const before = accountSettings(account, allId);
  const next = await validated(db, account.id, before, input);
  const stored = storedSettings(account);
  const {
    peer_login_expiration_enabled, peer_login_expiration, peer_inactivity_expiration_enabled, peer_inactivity_expiration,
    regular_users_view_blocked, dns_domain, network_range, network_range_v6, ipv6_enabled_groups, ...json
  } = next;
  const settingsJson = JSON.stringify({
    ...stored,
    ...json,
    // Kept absent (meaning "the All group") until someone sets it.
    ...(input.ipv6_enabled_groups !== undefined || stored.ipv6_enabled_groups !== undefined ? { ipv6_enabled_groups } : {}),
    onboarding: onboarding ?? accountOnboarding(account),
  });
  const updated = await db.account.update({
    where: { id: account.id },
    data: {
      peerLoginExpirationEnabled: peer_login_expiration_enabled,
      peerLoginExpiration: peer_login_expiration,
      peerInactivityExpirationEnabled: peer_inactivity_expiration_enabled,
      peerInactivityExpiration: peer_inactivity_expiration,
      regularUsersViewBlocked: regular_users_view_blocked,
      dnsDomain: dns_domain,
      networkRange: network_range,
      networkRangeV6: network_range_v6,
      settingsJson,
    },
  });
  if (network_range !== before.network_range) await reassignPeerIps(db, account.id, network_range);
  if (network_range_v6 !== before.network_range_v6) await renumberIpv6(db, account.id, network_range_v6);
  const [was, now] = [flatten(before), flatten(next)];
  const changedKeys = Object.keys(now).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
  if (changedKeys.some((k) => !NOT_PEER_AFFECTING.has(k))) await bumpNetworkSerial(db, account.id);
  for (const e of auditEntries(account.id, was, now)) await recordChange(db, actor, e);
  return { account: updated, settings: accountSettings(updated, allId), onboarding: accountOnboarding(updated) };
}
