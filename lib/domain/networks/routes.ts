// Network routes (NetBird "Routes"): a CIDR or a list of domains, served by one routing peer or the
// peers of some groups, distributed to the peers of `groups`.
import type { Tx } from '../../db/client';
import type { Route } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { jsonList, parseJsonList } from '../json';
import { onePeerOrGroups, requireGroups, requireMetric, requirePeer, routingPeerIds } from './refs';
import { normalizeDomain, parsePrefix } from '../validate-net';
import { checkNameChars } from '../names';
import { bumpNetworkSerial } from '../serial';

export { routesForPeer, type PeerRoute } from './routes-for-peer';

export const MAX_ROUTE_DOMAINS = 32;

export interface RouteInput {
  description?: string | null;
  networkId: string;
  enabled: boolean;
  peer?: string | null;
  peerGroups?: string[] | null;
  network?: string | null;
  domains?: string[] | null;
  metric: number;
  masquerade: boolean;
  groups: string[];
  keepRoute: boolean;
  accessControlGroups?: string[] | null;
  skipAutoApply?: boolean | null;
}

/** What a route points at: a masked prefix, or normalised domains. */
function destination(input: RouteInput): { network: string; domains: string[]; networkType: string } {
  const network = (input.network ?? '').trim();
  const domains = input.domains ?? [];
  if (network && domains.length > 0) throw new ValidationError("only one of 'network' or 'domains' should be provided");
  if (network) {
    const prefix = parsePrefix(network);
    if (!prefix) throw new ValidationError(`network ${network} is not a valid IPv4 or IPv6 CIDR`);
    return { network: prefix.masked, domains: [], networkType: prefix.family };
  }
  if (input.domains == null) throw new ValidationError("either 'network' or 'domains' should be provided");
  if (domains.length === 0) throw new ValidationError('domains list is empty');
  if (domains.length > MAX_ROUTE_DOMAINS) throw new ValidationError(`domains list exceeds maximum allowed domains: ${MAX_ROUTE_DOMAINS}`);
  const normalized = domains.map((d) => {
    const n = normalizeDomain(d, { wildcard: true });
    if (!n) throw new ValidationError(`domain ${JSON.stringify(d)} is not a valid domain name`);
    return n;
  });
  return { network: '', domains: [...new Set(normalized)], networkType: 'Domain' };
}

async function validate(db: Tx, accountId: string, input: RouteInput, selfId?: string) {
  const description = input.description ?? '';
  if (description.length > 1000) throw new ValidationError('description should be at most 1000 characters');
  const networkId = input.networkId;
  if (networkId.trim().length < 1 || networkId.length > 40) throw new ValidationError('network_id (identifier) should be between 1 and 40 characters');
  checkNameChars(networkId, 'network_id');
  requireMetric(input.metric);
  const dest = destination(input);
  const { peer, peerGroups } = onePeerOrGroups(input.peer, input.peerGroups);
  if (peer) await requirePeer(db, accountId, peer);
  await requireGroups(db, accountId, peerGroups, 'peer_groups');
  if (input.groups.length === 0) throw new ValidationError('groups: route distribution groups should not be empty');
  await requireGroups(db, accountId, input.groups, 'groups');
  const accessControlGroups = input.accessControlGroups ?? [];
  await requireGroups(db, accountId, accessControlGroups, 'access_control_groups');
  await requireNoDuplicate(db, accountId, { ...dest, peer, peerGroups }, selfId);
  return {
    description,
    networkId,
    enabled: input.enabled,
    peer,
    peerGroups: jsonList(peerGroups),
    network: dest.network,
    domains: jsonList(dest.domains),
    networkType: dest.networkType,
    metric: input.metric,
    masquerade: input.masquerade,
    groups: jsonList(input.groups),
    keepRoute: input.keepRoute,
    accessControlGroups: jsonList(accessControlGroups),
    skipAutoApply: input.skipAutoApply ?? false,
  };
}

const sameDomains = (a: string[], b: string[]) => [...a].sort().join(',') === [...b].sort().join(',');

/**
 * A peer may serve a given prefix (or domain set) through one route only, as in NetBird: two
 * identical routes on one peer would fight over the same destination.
 */
async function requireNoDuplicate(
  db: Tx,
  accountId: string,
  r: { network: string; domains: string[]; peer: string; peerGroups: string[] },
  selfId?: string,
) {
  const others = await db.route.findMany({
    where: { accountId, ...(selfId ? { id: { not: selfId } } : {}), ...(r.network ? { network: r.network } : { networkType: 'Domain' }) },
  });
  const same = others.filter((o) => r.network || sameDomains(parseJsonList(o.domains), r.domains));
  if (same.length === 0) return;
  const seen = new Set<string>();
  for (const o of same) for (const p of await routingPeerIds(db, accountId, { peer: o.peer, peerGroups: parseJsonList(o.peerGroups) })) seen.add(p);
  const mine = await routingPeerIds(db, accountId, r);
  const clash = mine.find((p) => seen.has(p));
  if (clash) throw new ConflictError(`peer ${clash} already has a route to ${r.network || r.domains.join(', ')}`);
}

export async function listRoutes(db: Tx, actor: Actor): Promise<Route[]> {
  return db.route.findMany({ where: { accountId: actor.accountId }, orderBy: { id: 'asc' } });
}

export async function getRoute(db: Tx, actor: Actor, routeId: string): Promise<Route> {
  const route = await db.route.findFirst({ where: { id: routeId, accountId: actor.accountId } });
  if (!route) throw new NotFoundError('route', routeId);
  return route;
}

// Every route write changes what some peers route: each bumps the serial and records its event.
export async function createRoute(db: Tx, actor: Actor, input: RouteInput): Promise<Route> {
  const data = await validate(db, actor.accountId, input);
  const r = await db.route.create({ data: { id: newId(), accountId: actor.accountId, ...data } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'route.add', activity: 'Route created', targetId: r.id, meta: routeAuditMeta(r) });
  return r;
}

export async function updateRoute(db: Tx, actor: Actor, routeId: string, input: RouteInput): Promise<Route> {
  const existing = await getRoute(db, actor, routeId);
  const data = await validate(db, actor.accountId, input, existing.id);
  const r = await db.route.update({ where: { id: existing.id }, data });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'route.update', activity: 'Route updated', targetId: r.id, meta: routeAuditMeta(r) });
  return r;
}

export async function deleteRoute(db: Tx, actor: Actor, routeId: string): Promise<Route> {
  const existing = await getRoute(db, actor, routeId);
  await db.route.delete({ where: { id: existing.id } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'route.delete', activity: 'Route deleted', targetId: existing.id, meta: routeAuditMeta(existing) });
  return existing;
}

/** Audit details of a route, as NetBird records them. */
function routeAuditMeta(r: Route) {
  return {
    name: r.networkId,
    network_range: r.network || parseJsonList(r.domains).join(', '),
    peer_id: r.peer,
    peer_groups: parseJsonList(r.peerGroups),
  };
}
