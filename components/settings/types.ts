// The Settings page's form. It edits part of NetBird's Account (GET /api/accounts, shaped by
// lib/dialects/netbird/accounts.ts); the rest of `settings` is sent back unchanged, since
// PUT /api/accounts/{id} takes the whole object.
import type { NetbirdAccountSettings } from '@/lib/dialects/netbird/accounts';

/** The settings fields the form reads and writes, and the rest, which goes back as it came. */
export type AccountSettingsView = Pick<NetbirdAccountSettings, EditedSetting> & {
  extra: Pick<NetbirdAccountSettings['extra'], 'peer_approval_enabled' | 'user_approval_required'> & { [k: string]: unknown };
  [k: string]: unknown;
};
type EditedSetting =
  | 'peer_login_expiration_enabled'
  | 'peer_login_expiration'
  | 'peer_inactivity_expiration_enabled'
  | 'peer_inactivity_expiration'
  | 'regular_users_view_blocked'
  | 'groups_propagation_enabled'
  | 'routing_peer_dns_resolution_enabled'
  | 'lazy_connection_enabled'
  | 'dns_domain'
  | 'network_range'
  | 'auto_update_version';

/** The form's values, in the units people think in. */
export interface SettingsDraft {
  loginExpiry: boolean;
  loginExpiryHours: number;
  inactivityExpiry: boolean;
  inactivityExpiryMinutes: number;
  peerApproval: boolean;
  userApproval: boolean;
  regularUsersViewBlocked: boolean;
  groupsPropagation: boolean;
  routingPeerDns: boolean;
  lazyConnection: boolean;
  dnsDomain: string;
  networkRange: string;
  autoUpdateVersion: string;
}
