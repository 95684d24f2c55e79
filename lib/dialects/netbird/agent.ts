// Wire shapes of meshdeck's agent protocol (documented in docs/agent-protocol.md).
import { z } from 'zod';
import type { Account, Peer } from '../../generated/sqlite/client';
import type { FilterRule } from '../../domain/policy/evaluate';
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

export interface SyncBody {
  serial: number;
  approval_required: boolean;
  peer: { id: string; name: string; ip: string; ipv6: string; dns_label: string; fqdn: string };
  peers: ReturnType<typeof toRemotePeer>[];
  packet_filter: FilterRule[];
  routes: unknown[];
  dns: unknown;
}
