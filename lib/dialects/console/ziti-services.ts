// The console's Ziti service overview (meshdeck's own endpoint, NetBird-styled: snake_case JSON).
import { z } from 'zod';
import type { ServiceOverview } from '../../domain/ziti/service-overview';

export const serviceOverviewQuery = z.object({
  name: z.string().max(255).optional(),
});

export function toServiceOverview(o: ServiceOverview) {
  const s = o.service;
  return {
    id: s.id,
    name: s.name,
    address: s.address,
    type: s.type,
    enabled: s.enabled,
    network: { id: s.networkId, name: o.networkName },
    role_attributes: s.roleAttributes,
    dial_identities: o.dial,
    bind_identities: o.bind,
    edge_routers: o.edgeRouters.map((r) => ({ id: r.id, name: r.name, connected: r.connected })),
  };
}

export type ZitiServiceOverviewView = ReturnType<typeof toServiceOverview>;
export type ZitiIdentityRef = ZitiServiceOverviewView['dial_identities'][number];
