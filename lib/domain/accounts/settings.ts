// An account's settings as one object. A few live in their own columns (other code filters on them:
// expiry, the network ranges, the DNS domain, regular users' view); everything else is kept in
// Account.settingsJson under NetBird's own names (`extra` nested as in the API), so every dialect
// and service reads the same keys. Reading always fills in defaults, so old rows need no migration.
import type { Account } from '../../db/models';
import { parseJsonObject } from '../json';

export interface ExtraSettings {
  peer_approval_enabled: boolean;
  user_approval_required: boolean;
  network_traffic_logs_enabled: boolean;
  network_traffic_logs_groups: string[];
  network_traffic_packet_counter_enabled: boolean;
}

export interface Onboarding {
  signup_form_pending: boolean;
  onboarding_flow_pending: boolean;
}

/** Settings stored in settingsJson (everything that is not a column). */
export interface JsonSettings {
  groups_propagation_enabled: boolean;
  jwt_groups_enabled: boolean;
  jwt_groups_claim_name: string;
  jwt_allow_groups: string[];
  routing_peer_dns_resolution_enabled: boolean;
  peer_expose_enabled: boolean;
  peer_expose_groups: string[];
  extra: ExtraSettings;
  lazy_connection_enabled: boolean;
  auto_update_version: string;
  auto_update_always: boolean;
  metrics_push_enabled: boolean;
  agent_network_only: boolean;
  dashboard_features: { agent_network?: boolean };
  local_mfa_enabled: boolean;
  /** Absent means "the All group" (resolved when read, since the id differs per account). */
  ipv6_enabled_groups?: string[];
}

export interface ColumnSettings {
  peer_login_expiration_enabled: boolean;
  peer_login_expiration: number;
  peer_inactivity_expiration_enabled: boolean;
  peer_inactivity_expiration: number;
  regular_users_view_blocked: boolean;
  dns_domain: string;
  network_range: string;
  network_range_v6: string;
}

export type AccountSettings = ColumnSettings & Omit<JsonSettings, 'ipv6_enabled_groups'> & { ipv6_enabled_groups: string[] };

export const DEFAULT_DNS_DOMAIN = 'meshdeck.internal';

export const JSON_DEFAULTS: JsonSettings = {
  groups_propagation_enabled: true,
  jwt_groups_enabled: false,
  jwt_groups_claim_name: '',
  jwt_allow_groups: [],
  routing_peer_dns_resolution_enabled: true,
  peer_expose_enabled: false,
  peer_expose_groups: [],
  extra: {
    peer_approval_enabled: false,
    user_approval_required: false,
    network_traffic_logs_enabled: false,
    network_traffic_logs_groups: [],
    network_traffic_packet_counter_enabled: false,
  },
  lazy_connection_enabled: false,
  auto_update_version: 'disabled',
  auto_update_always: false,
  metrics_push_enabled: false,
  agent_network_only: false,
  dashboard_features: {},
  local_mfa_enabled: false,
};

export const ONBOARDING_DEFAULTS: Onboarding = { signup_form_pending: false, onboarding_flow_pending: false };

type Stored = Partial<JsonSettings> & { extra?: Partial<ExtraSettings>; onboarding?: Partial<Onboarding> };

/** What settingsJson holds, tolerating anything (an unreadable value counts as absent). */
export function storedSettings(account: Pick<Account, 'settingsJson'>): Stored {
  return parseJsonObject<Stored>(account.settingsJson) ?? {};
}

function pick<T>(value: unknown, fallback: T): T {
  if (Array.isArray(fallback)) return (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : fallback) as T;
  if (fallback !== null && typeof fallback === 'object') return (value && typeof value === 'object' && !Array.isArray(value) ? value : fallback) as T;
  return (typeof value === typeof fallback ? value : fallback) as T;
}

function withDefaults<T extends object>(stored: object | undefined, defaults: T): T {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [k, d] of Object.entries(defaults)) out[k] = pick((stored as Record<string, unknown> | undefined)?.[k], d);
  return out as T;
}

/** The account's complete settings, defaults filled in. `allGroupId` is the account's "All" group. */
export function accountSettings(account: Account, allGroupId: string): AccountSettings {
  const stored = storedSettings(account);
  const json = withDefaults(stored, JSON_DEFAULTS);
  json.extra = withDefaults(stored.extra, JSON_DEFAULTS.extra);
  return {
    peer_login_expiration_enabled: account.peerLoginExpirationEnabled,
    peer_login_expiration: account.peerLoginExpiration,
    peer_inactivity_expiration_enabled: account.peerInactivityExpirationEnabled,
    peer_inactivity_expiration: account.peerInactivityExpiration,
    regular_users_view_blocked: account.regularUsersViewBlocked,
    dns_domain: account.dnsDomain,
    network_range: account.networkRange,
    network_range_v6: account.networkRangeV6,
    ...json,
    ipv6_enabled_groups: Array.isArray(stored.ipv6_enabled_groups) ? pick(stored.ipv6_enabled_groups, [] as string[]) : [allGroupId],
  };
}

export function accountOnboarding(account: Account): Onboarding {
  return withDefaults(storedSettings(account).onboarding, ONBOARDING_DEFAULTS);
}
