// NetBird wire shapes for networks, network resources and routers (components.schemas.Network,
// NetworkRequest, NetworkResource, NetworkResourceRequest, NetworkRouter, NetworkRouterRequest).
import { z } from 'zod';
import type { NetworkRouter } from '../../db/models';
import type { GroupSummary } from '../../domain/groups/summaries';
import { parseJsonList } from '../../domain/json';
import type { NetworkView } from '../../domain/networks/networks';
import type { ResourceWithGroups } from '../../domain/networks/resources';

export const networkRequest = z.object({
  name: z.string(),
  description: z.string().nullish(),
});

export const networkResourceRequest = z.object({
  name: z.string(),
  description: z.string().nullish(),
  address: z.string(),
  enabled: z.boolean(),
  groups: z.array(z.string()),
});

export const networkRouterRequest = z.object({
  peer: z.string().nullish(),
  peer_groups: z.array(z.string()).nullish(),
  metric: z.number().int(),
  masquerade: z.boolean(),
  enabled: z.boolean(),
});

export function fromNetbirdRouter(b: z.infer<typeof networkRouterRequest>) {
  return { peer: b.peer, peerGroups: b.peer_groups, metric: b.metric, masquerade: b.masquerade, enabled: b.enabled };
}

export function toNetbirdNetwork(v: NetworkView) {
  return {
    id: v.network.id,
    name: v.network.name,
    description: v.network.description,
    routers: v.routerIds,
    resources: v.resourceIds,
    routing_peers_count: v.routingPeersCount,
    policies: v.policyIds,
  };
}

export function toNetbirdGroupMinimum(g: GroupSummary) {
  const issued = ['api', 'integration', 'jwt'].includes(g.issued) ? { issued: g.issued } : {};
  return { id: g.id, name: g.name, peers_count: g.peersCount, resources_count: g.resourcesCount, ...issued };
}

/** `groups` holds the summaries of the resource's groups (see lib/domain/groups/summaries.ts). */
export function toNetbirdResource(r: ResourceWithGroups, groups: GroupSummary[]) {
  const byId = new Map(groups.map((g) => [g.id, g]));
  return {
    id: r.id,
    type: r.type,
    groups: r.groupIds.flatMap((id) => {
      const g = byId.get(id);
      return g ? [toNetbirdGroupMinimum(g)] : [];
    }),
    name: r.name,
    description: r.description,
    address: r.address,
    enabled: r.enabled,
  };
}

/** A router names either its peer or its peer groups, never both. */
export function toNetbirdRouter(r: NetworkRouter) {
  return {
    id: r.id,
    ...(r.peer ? { peer: r.peer } : { peer_groups: parseJsonList(r.peerGroups) }),
    metric: r.metric,
    masquerade: r.masquerade,
    enabled: r.enabled,
  };
}

export type NetbirdNetwork = ReturnType<typeof toNetbirdNetwork>;
export type NetbirdNetworkResource = ReturnType<typeof toNetbirdResource>;
export type NetbirdNetworkRouter = ReturnType<typeof toNetbirdRouter>;
