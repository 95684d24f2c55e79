// A network route as the console's form holds it, and the NetBird RouteRequest body it becomes.
import type { NetbirdRoute as Route } from '@/lib/dialects/netbird/routes';
import { metricOf } from '../forms/metric';
import { routingPeersBody, routingPeersFrom, routingPeersProblem, type RoutingPeers } from '../forms/RoutingPeersField';

export type { Route };

export interface RouteForm {
  networkId: string;
  description: string;
  kind: 'network' | 'domains';
  network: string;
  domains: string;
  routing: RoutingPeers;
  groups: string[];
  accessControlGroups: string[];
  metric: string;
  masquerade: boolean;
  enabled: boolean;
  keepRoute: boolean;
  skipAutoApply: boolean;
}

export function newRouteForm(): RouteForm {
  return {
    networkId: '',
    description: '',
    kind: 'network',
    network: '',
    domains: '',
    routing: { mode: 'peer', peer: '', peerGroups: [] },
    groups: [],
    accessControlGroups: [],
    metric: '9999',
    masquerade: true,
    enabled: true,
    keepRoute: true,
    skipAutoApply: false,
  };
}

export function formOfRoute(r: Route): RouteForm {
  return {
    networkId: r.network_id,
    description: r.description,
    kind: r.network_type === 'Domain' ? 'domains' : 'network',
    network: 'network' in r ? r.network : '',
    domains: 'domains' in r ? r.domains.join('\n') : '',
    routing: routingPeersFrom(r),
    groups: r.groups,
    accessControlGroups: r.access_control_groups ?? [],
    metric: String(r.metric),
    masquerade: r.masquerade,
    enabled: r.enabled,
    keepRoute: r.keep_route,
    skipAutoApply: r.skip_auto_apply ?? false,
  };
}

/** The RouteRequest body, or an Error saying what to fix first. */
export function routeBody(f: RouteForm) {
  const networkId = f.networkId.trim();
  if (!networkId) throw new Error('Give the route a network identifier.');
  const domains = f.domains.split(/[\s,]+/).filter(Boolean);
  if (f.kind === 'network' && !f.network.trim()) throw new Error('Enter the network range, e.g. 10.0.0.0/16.');
  if (f.kind === 'domains' && !domains.length) throw new Error('Enter at least one domain.');
  const routing = routingPeersProblem(f.routing);
  if (routing) throw new Error(routing);
  if (!f.groups.length) throw new Error('Choose at least one distribution group.');
  return {
    network_id: networkId,
    description: f.description.trim(),
    enabled: f.enabled,
    ...(f.kind === 'network' ? { network: f.network.trim() } : { domains }),
    ...routingPeersBody(f.routing),
    metric: metricOf(f.metric),
    masquerade: f.masquerade,
    groups: f.groups,
    keep_route: f.keepRoute,
    access_control_groups: f.accessControlGroups,
    skip_auto_apply: f.skipAutoApply,
  };
}
