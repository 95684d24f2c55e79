// Wire shapes of meshdeck's agent protocol (documented in docs/agent-protocol.md).
import { z } from 'zod';
import type { Account, Peer } from '../../generated/sqlite/client';
import type { AgentDnsConfig } from '../../domain/tailnet-dns';
import type { SshPolicy } from '../../domain/policy/tailscale/ssh-policy';
import type { FilterRule } from '../../domain/policy/evaluate';
import type { PeerRoute } from '../../domain/routes';
import { fqdn } from './peers';

export const registerRequest = z.object({
  setup_key: z.string(),
  public_key: z.string(),
  hostname: z.string(),
  meta: z
    .object({
      os: z.string().optional(),
      os_version: z.string().optional(),
      kernel_version: z.string().optional(),
      version: z.string().optional(),
      ui_version: z.string().optional(),
      serial_number: z.string().optional(),
    })
    .default({}),
});

export function toRemotePeer(p: Peer, account: Pick<Account, 'dnsDomain'>) {
  return {
    id: p.id,
    name: p.name,
    ip: p.ip,
    ipv6: p.ipv6,
    public_key: p.wgPubKey,
    dns_label: fqdn(p, account),
    allowed_ips: p.ipv6 ? [`${p.ip}/32`, `${p.ipv6}/128`] : [`${p.ip}/32`],
    connected: p.connected,
    last_seen: p.lastSeen.toISOString(),
  };
}

export function toAgentRoute(r: PeerRoute) {
  return {
    id: r.id,
    net_id: r.netId,
    ...(r.network ? { network: r.network } : {}),
    ...(r.domains ? { domains: r.domains } : {}),
    network_type: r.networkType,
    metric: r.metric,
    masquerade: r.masquerade,
    keep_route: r.keepRoute,
    routing_peers: r.routingPeerIds,
  };
}

/** DNS for the agent: nameserver groups that apply to it and records for the peers it can see. */
export function toAgentDns(cfg: AgentDnsConfig, peers: Peer[], account: Pick<Account, 'dnsDomain'>) {
  return {
    enabled: cfg.enabled,
    domain: cfg.domain,
    magic_dns: cfg.magicDns,
    search_domains: cfg.searchDomains,
    nameserver_groups: cfg.nameserverGroups.map((g) => ({
      id: g.id,
      name: g.name,
      primary: g.primary,
      domains: g.domains,
      search_domains_enabled: g.searchDomainsEnabled,
      nameservers: g.nameservers.map((ns) => ({ ip: ns.ip, ns_type: ns.nsType, port: ns.port })),
    })),
    records: cfg.enabled ? peers.map((p) => ({ name: fqdn(p, account), type: 'A', value: p.ip })) : [],
  };
}

export interface SyncBody {
  serial: number;
  approval_required: boolean;
  peer: { id: string; name: string; ip: string; ipv6: string; dns_label: string; fqdn: string };
  peers: ReturnType<typeof toRemotePeer>[];
  packet_filter: FilterRule[];
  routes: ReturnType<typeof toAgentRoute>[];
  dns: ReturnType<typeof toAgentDns>;
  /** Tailscale's SSHPolicy for sessions into this peer, from the access-policy document's "ssh". */
  ssh_policy: SshPolicy;
}
