// NetBird wire shapes for accounts (components.schemas.Account, AccountSettings,
// AccountExtraSettings, AccountOnboarding, AccountRequest). Types and required fields only; the
// rules about values live in lib/domain/accounts/settings-update.ts.
import { z } from 'zod';
import type { Account } from '../../db/models';
import type { AccountSettings, Onboarding } from '../../domain/accounts/settings';

const extraSettings = z.object({
  peer_approval_enabled: z.boolean(),
  user_approval_required: z.boolean(),
  network_traffic_logs_enabled: z.boolean(),
  network_traffic_logs_groups: z.array(z.string()),
  network_traffic_packet_counter_enabled: z.boolean(),
});

const onboarding = z.object({
  signup_form_pending: z.boolean(),
  onboarding_flow_pending: z.boolean(),
});

const accountSettings = z.object({
  peer_login_expiration_enabled: z.boolean(),
  peer_login_expiration: z.number().int(),
  peer_inactivity_expiration_enabled: z.boolean(),
  peer_inactivity_expiration: z.number().int(),
  regular_users_view_blocked: z.boolean(),
  peer_expose_enabled: z.boolean(),
  peer_expose_groups: z.array(z.string()),
  groups_propagation_enabled: z.boolean().optional(),
  jwt_groups_enabled: z.boolean().optional(),
  jwt_groups_claim_name: z.string().optional(),
  jwt_allow_groups: z.array(z.string()).optional(),
  routing_peer_dns_resolution_enabled: z.boolean().optional(),
  dns_domain: z.string().optional(),
  network_range: z.string().optional(),
  network_range_v6: z.string().optional(),
  extra: extraSettings.optional(),
  lazy_connection_enabled: z.boolean().optional(),
  auto_update_version: z.string().optional(),
  auto_update_always: z.boolean().optional(),
  metrics_push_enabled: z.boolean().optional(),
  agent_network_only: z.boolean().optional(),
  dashboard_features: z.object({ agent_network: z.boolean().optional() }).optional(),
  // Read-only in the spec: accepted (clients echo them back) and ignored.
  embedded_idp_enabled: z.boolean().optional(),
  local_auth_disabled: z.boolean().optional(),
  local_mfa_enabled: z.boolean().optional(),
  ipv6_enabled_groups: z.array(z.string()).optional(),
});

export const accountRequest = z.object({
  settings: accountSettings,
  onboarding: onboarding.optional(),
});

export type AccountRequest = z.infer<typeof accountRequest>;

/** The domain's settings input from a request (read-only fields dropped). */
export function settingsInput(req: AccountRequest) {
  const { embedded_idp_enabled: _idp, local_auth_disabled: _local, ...settings } = req.settings;
  return settings;
}

export function toNetbirdAccount(account: Account, settings: AccountSettings, onboarding: Onboarding) {
  return {
    id: account.id,
    settings: {
      peer_login_expiration_enabled: settings.peer_login_expiration_enabled,
      peer_login_expiration: settings.peer_login_expiration,
      peer_inactivity_expiration_enabled: settings.peer_inactivity_expiration_enabled,
      peer_inactivity_expiration: settings.peer_inactivity_expiration,
      regular_users_view_blocked: settings.regular_users_view_blocked,
      groups_propagation_enabled: settings.groups_propagation_enabled,
      jwt_groups_enabled: settings.jwt_groups_enabled,
      jwt_groups_claim_name: settings.jwt_groups_claim_name,
      jwt_allow_groups: settings.jwt_allow_groups,
      routing_peer_dns_resolution_enabled: settings.routing_peer_dns_resolution_enabled,
      dns_domain: settings.dns_domain,
      network_range: settings.network_range,
      network_range_v6: settings.network_range_v6,
      peer_expose_enabled: settings.peer_expose_enabled,
      peer_expose_groups: settings.peer_expose_groups,
      extra: { ...settings.extra },
      lazy_connection_enabled: settings.lazy_connection_enabled,
      auto_update_version: settings.auto_update_version,
      auto_update_always: settings.auto_update_always,
      metrics_push_enabled: settings.metrics_push_enabled,
      agent_network_only: settings.agent_network_only,
      dashboard_features: { ...settings.dashboard_features },
      // meshdeck signs users in itself (passwords, optional OIDC): an embedded identity provider
      // with local passwords enabled.
      embedded_idp_enabled: true,
      local_auth_disabled: false,
      local_mfa_enabled: settings.local_mfa_enabled,
      ipv6_enabled_groups: settings.ipv6_enabled_groups,
    },
    domain: account.domain,
    domain_category: account.domainCategory,
    created_at: account.createdAt.toISOString(),
    created_by: account.createdBy,
    onboarding: { ...onboarding },
  };
}

export type NetbirdAccount = ReturnType<typeof toNetbirdAccount>;
export type NetbirdAccountSettings = NetbirdAccount['settings'];
