// NetBird wire shapes for ingress peers and port allocations (components.schemas.IngressPeer,
// IngressPeerCreateRequest, IngressPeerUpdateRequest, IngressPortAllocation,
// IngressPortAllocationRequest). Types and required fields only; rules are in lib/domain/ingress*.ts.
import { z } from 'zod';
import { ingressIpOf, type IngressPeerView } from '../../domain/networks/ingress';
import type { PortAllocationInput, PortAllocationView } from '../../domain/networks/ingress-ports';

export const ingressPeerCreateRequest = z.object({ peer_id: z.string(), enabled: z.boolean(), fallback: z.boolean() });

export const ingressPeerUpdateRequest = z.object({ enabled: z.boolean(), fallback: z.boolean() });

export const portAllocationRequest = z.object({
  name: z.string(),
  enabled: z.boolean(),
  port_ranges: z.array(z.object({ start: z.number().int(), end: z.number().int(), protocol: z.string() })).optional(),
  direct_port: z.object({ count: z.number().int(), protocol: z.string() }).optional(),
});

export const portAllocationQuery = z.object({ name: z.string().optional() });

export function portAllocationInput(b: z.infer<typeof portAllocationRequest>): PortAllocationInput {
  return { name: b.name, enabled: b.enabled, portRanges: b.port_ranges, directPort: b.direct_port };
}

export function toNetbirdIngressPeer(v: IngressPeerView) {
  return {
    id: v.row.id,
    peer_id: v.row.peerId,
    ingress_ip: ingressIpOf(v.peer),
    available_ports: v.available,
    enabled: v.row.enabled,
    connected: v.peer?.connected ?? false,
    fallback: v.row.fallback,
    region: v.row.region,
  };
}

export function toNetbirdPortAllocation(v: PortAllocationView) {
  return {
    id: v.row.id,
    name: v.row.name,
    ingress_peer_id: v.row.ingressPeerId,
    region: v.ingressPeer?.region ?? '',
    enabled: v.row.enabled,
    ingress_ip: v.ingressIp,
    port_range_mappings: v.mappings.map((m) => ({
      translated_start: m.translated_start,
      translated_end: m.translated_end,
      ingress_start: m.ingress_start,
      ingress_end: m.ingress_end,
      protocol: m.protocol,
    })),
  };
}
