// NetBird wire shapes for routes (components.schemas.Route, RouteRequest). Optional fields may be
// sent as null, which Go's decoder treats as absent, so clients written against NetBird keep working.
import { z } from 'zod';
import type { Route } from '../../db/models';
import { parseJsonList } from '../../domain/json';
import type { RouteInput } from '../../domain/networks/routes';

export const routeRequest = z.object({
  description: z.string(),
  network_id: z.string(),
  enabled: z.boolean(),
  peer: z.string().nullish(),
  peer_groups: z.array(z.string()).nullish(),
  network: z.string().nullish(),
  domains: z.array(z.string()).nullish(),
  metric: z.number().int(),
  masquerade: z.boolean(),
  groups: z.array(z.string()),
  keep_route: z.boolean(),
  access_control_groups: z.array(z.string()).nullish(),
  skip_auto_apply: z.boolean().nullish(),
});

export function fromNetbirdRoute(b: z.infer<typeof routeRequest>): RouteInput {
  return {
    description: b.description,
    networkId: b.network_id,
    enabled: b.enabled,
    peer: b.peer,
    peerGroups: b.peer_groups,
    network: b.network,
    domains: b.domains,
    metric: b.metric,
    masquerade: b.masquerade,
    groups: b.groups,
    keepRoute: b.keep_route,
    accessControlGroups: b.access_control_groups,
    skipAutoApply: b.skip_auto_apply,
  };
}

/** A route as NetBird answers it: `peer` or `peer_groups`, `network` or `domains`, never both. */
export function toNetbirdRoute(r: Route) {
  const accessControlGroups = parseJsonList(r.accessControlGroups);
  return {
    id: r.id,
    network_type: r.networkType,
    description: r.description,
    network_id: r.networkId,
    enabled: r.enabled,
    ...(r.peer ? { peer: r.peer } : { peer_groups: parseJsonList(r.peerGroups) }),
    ...(r.networkType === 'Domain' ? { domains: parseJsonList(r.domains) } : { network: r.network }),
    metric: r.metric,
    masquerade: r.masquerade,
    groups: parseJsonList(r.groups),
    keep_route: r.keepRoute,
    ...(accessControlGroups.length ? { access_control_groups: accessControlGroups } : {}),
    skip_auto_apply: r.skipAutoApply,
  };
}

export type NetbirdRoute = ReturnType<typeof toNetbirdRoute>;
