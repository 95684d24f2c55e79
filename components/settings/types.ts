// The parts of NetBird's Account (GET /api/accounts) the Settings page edits; the rest of
// `settings` is sent back unchanged, since PUT /api/accounts/{id} takes the whole object.
export interface AccountSettingsView {
  peer_login_expiration_enabled: boolean;
  peer_login_expiration: number;
  peer_inactivity_expiration_enabled: boolean;
  peer_inactivity_expiration: number;
  regular_users_view_blocked: boolean;
  groups_propagation_enabled: boolean;
  routing_peer_dns_resolution_enabled: boolean;
  lazy_connection_enabled: boolean;
  dns_domain: string;
  network_range: string;
  auto_update_version: string;
  extra: { peer_approval_enabled: boolean; user_approval_required: boolean; [k: string]: unknown };
  [k: string]: unknown;
}

export interface AccountView {
  id: string;
  domain: string;
  created_at: string;
  created_by: string;
  settings: AccountSettingsView;
}

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
