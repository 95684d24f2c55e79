// Wire shapes of meshdeck's agent protocol (documented in docs/agent-protocol.md).
import { z } from 'zod';
import type { Account, Peer } from '../../db/models';
import type { AgentDnsConfig } from '../../domain/dns/tailnet-dns';
import type { SshPolicy } from '../../domain/policy/tailscale/ssh-policy';
import type { FilterRule } from '../../domain/policy/evaluate';
import type { PeerMeta } from '../../domain/peers/meta';
import type { PeerRoute } from '../../domain/networks/routes';
import { parsePrefix } from '../../domain/validate-net';
import { endpointsOf } from '../../domain/agent/endpoints';
import { fqdn } from './peers';

const MAX_ADDRESSES = 256;
const MAX_FILES = 1024;

/** NetBird clients send an interface as its address with the prefix length ("192.168.1.5/24"). */
const networkAddress = z.object({
  net_ip: z.string().refine((s) => parsePrefix(s) !== null, 'must be an address with its prefix length, like 192.168.1.5/24'),
  mac: z.string().max(64).optional(),
});

const reportedFile = z.object({
  path: z.string().min(1).max(4096),
  exist: z.boolean().default(false),
  process_is_running: z.boolean().default(false),
});

/** The system meta an agent reports (register and POST /api/agent/meta). */
export const agentMeta = z.object({
  os: z.string().max(255).optional(),
  os_version: z.string().max(255).optional(),
  kernel_version: z.string().max(255).optional(),
  version: z.string().max(255).optional(),
  ui_version: z.string().max(255).optional(),
  serial_number: z.string().max(255).optional(),
  network_addresses: z.array(networkAddress).max(MAX_ADDRESSES).optional(),
  files: z.array(reportedFile).max(MAX_FILES).optional(),
});

export function toPeerMeta(m: z.infer<typeof agentMeta>): PeerMeta {
  return {
    os: m.os,
    osVersion: m.os_version,
    kernelVersion: m.kernel_version,
    version: m.version,
    uiVersion: m.ui_version,
    serialNumber: m.serial_number,
    networkAddresses: m.network_addresses,
    files: m.files,
  };
}

export const registerRequest = z.object({
  setup_key: z.string(),
  public_key: z.string(),
  hostname: z.string(),
  meta: agentMeta.default({}),
  /** The agent's WireGuard listen port (endpoints: docs/agent-protocol.md). */
  listen_port: z.number().int().min(1).max(65535).optional(),
});

export const metaRequest = z.object({ meta: agentMeta, listen_port: z.number().int().min(1).max(65535).optional() });

export function toRemotePeer(p: Peer, account: Pick<Account, 'dnsDomain'>) {
  return {
    id: p.id,
    name: p.name,
    ip: p.ip,
    ipv6: p.ipv6,
    public_key: p.wgPubKey,
    dns_label: fqdn(p, account),
    allowed_ips: p.ipv6 ? [`${p.ip}/32`, `${p.ipv6}/128`] : [`${p.ip}/32`],
    endpoints: endpointsOf(p),
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
  /** `zt_address`: its ZeroTier node address (member id in the controller API), null for peers made otherwise. */
  peer: { id: string; name: string; ip: string; ipv6: string; dns_label: string; fqdn: string; zt_address?: string | null };
  peers: ReturnType<typeof toRemotePeer>[];
  packet_filter: FilterRule[];
  routes: ReturnType<typeof toAgentRoute>[];
  dns: ReturnType<typeof toAgentDns>;
  /** Tailscale's SSHPolicy for sessions into this peer, from the access-policy document's "ssh". */
  ssh_policy: SshPolicy;
  /** Paths of the process checks enabled policies use; the agent reports on them in `meta.files` (agent-watch.ts). */
  watch_files: string[];
}

export type AgentRoute = ReturnType<typeof toAgentRoute>;
/** GET /api/console/peers/{peerId}/routes: the agent's route shape plus where the route comes from. */
export type ConsolePeerRoute = AgentRoute & { kind: PeerRoute['kind'] };
