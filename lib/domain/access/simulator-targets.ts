// The access simulator's two ends, read from the account: a source (peer, user or group) as its
// peers, and a destination as peers (peer, group, or an address that is a peer's) or as routed
// networks (a NetBird route, a network resource, or an address some route or resource covers).
// Every lookup is scoped by the account: another account's id is simply not found.
import type { Tx } from '../../db/client';
import { NotFoundError, ValidationError } from '../errors';
import { groupPeerIds } from '../groups/all-group';
import { parseJsonList } from '../json';
import { IPSet } from '../policy/tailscale/ipset';

export type SourceKind = 'peer' | 'user' | 'group';
export type DestinationKind = 'peer' | 'group' | 'route' | 'resource' | 'address';

export interface SourceRef {
  kind: SourceKind;
  id: string;
}

export interface DestinationRef {
  kind: DestinationKind;
  /** The object's id, or for `address` an IP address or CIDR prefix. */
  id: string;
}

export interface ResolvedSource {
  kind: SourceKind;
  id: string;
  name: string;
  peerIds: string[];
}

export interface RouteTarget {
  id: string;
  name: string;
  network: string;
  enabled: boolean;
  /** Distribution groups: only their peers receive the route. */
  groups: string[];
  accessControlGroups: string[];
}

export interface ResourceTarget {
  id: string;
  name: string;
  address: string;
  type: string;
  enabled: boolean;
  groups: string[];
}

export type ResolvedDestination =
  | { kind: 'peers'; asked: DestinationKind; id: string; name: string; peerIds: string[] }
  | { kind: 'networks'; asked: DestinationKind; id: string; name: string; routes: RouteTarget[]; resources: ResourceTarget[]; addresses: IPSet | null };

export async function resolveSource(db: Tx, accountId: string, ref: SourceRef): Promise<ResolvedSource> {
  if (ref.kind === 'peer') {
    const p = await db.peer.findFirst({ where: { id: ref.id, accountId }, select: { id: true, name: true } });
    if (!p) throw new NotFoundError('peer', ref.id);
    return { ...ref, name: p.name, peerIds: [p.id] };
  }
  if (ref.kind === 'user') {
    const u = await db.user.findFirst({ where: { id: ref.id, accountId }, select: { id: true, name: true, email: true } });
    if (!u) throw new NotFoundError('user', ref.id);
    const peers = await db.peer.findMany({ where: { accountId, userId: u.id }, select: { id: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return { ...ref, name: u.name || u.email, peerIds: peers.map((p) => p.id) };
  }
  const g = await db.group.findFirst({ where: { id: ref.id, accountId }, select: { id: true, name: true } });
  if (!g) throw new NotFoundError('group', ref.id);
  return { ...ref, name: g.name, peerIds: await groupPeerIds(db, accountId, g) };
}

const routeTarget = (r: { id: string; networkId: string; network: string; enabled: boolean; groups: string; accessControlGroups: string }): RouteTarget => ({
  id: r.id,
  name: r.networkId,
  network: r.network,
  enabled: r.enabled,
  groups: parseJsonList(r.groups),
  accessControlGroups: parseJsonList(r.accessControlGroups),
});

const ROUTE_COLUMNS = { id: true, networkId: true, network: true, enabled: true, groups: true, accessControlGroups: true } as const;
const RESOURCE_COLUMNS = { id: true, name: true, address: true, type: true, enabled: true, groups: { select: { groupId: true } } } as const;

type ResourceRow = { id: string; name: string; address: string; type: string; enabled: boolean; groups: { groupId: string }[] };
const resourceTarget = (r: ResourceRow): ResourceTarget => ({ id: r.id, name: r.name, address: r.address, type: r.type, enabled: r.enabled, groups: r.groups.map((g) => g.groupId) });

/** A CIDR's or host's address set; null for a domain (no address to match). */
export function addressSet(address: string): IPSet | null {
  const set = IPSet.parse(address);
  return set.empty ? null : set;
}

export async function resolveDestination(db: Tx, accountId: string, ref: DestinationRef): Promise<ResolvedDestination> {
  switch (ref.kind) {
    case 'peer': {
      const p = await db.peer.findFirst({ where: { id: ref.id, accountId }, select: { id: true, name: true } });
      if (!p) throw new NotFoundError('peer', ref.id);
      return { kind: 'peers', asked: 'peer', id: p.id, name: p.name, peerIds: [p.id] };
    }
    case 'group': {
      const g = await db.group.findFirst({ where: { id: ref.id, accountId }, select: { id: true, name: true } });
      if (!g) throw new NotFoundError('group', ref.id);
      return { kind: 'peers', asked: 'group', id: g.id, name: g.name, peerIds: await groupPeerIds(db, accountId, g) };
    }
    case 'route': {
      const r = await db.route.findFirst({ where: { id: ref.id, accountId }, select: ROUTE_COLUMNS });
      if (!r) throw new NotFoundError('route', ref.id);
      return { kind: 'networks', asked: 'route', id: r.id, name: `${r.networkId} (${r.network || 'domains'})`, routes: [routeTarget(r)], resources: [], addresses: addressSet(r.network) };
    }
    case 'resource': {
      const r = await db.networkResource.findFirst({ where: { id: ref.id, accountId }, select: RESOURCE_COLUMNS });
      if (!r) throw new NotFoundError('network resource', ref.id);
      return { kind: 'networks', asked: 'resource', id: r.id, name: `${r.name} (${r.address})`, routes: [], resources: [resourceTarget(r)], addresses: r.type === 'domain' ? null : addressSet(r.address) };
    }
    case 'address':
      return resolveAddress(db, accountId, ref.id.trim());
  }
}

/** An address that is a peer's is that peer; otherwise the routes and resources that cover it. */
async function resolveAddress(db: Tx, accountId: string, address: string): Promise<ResolvedDestination> {
  const set = /^[0-9A-Fa-f.:]+(?:\/\d{1,3})?$/.test(address) ? addressSet(address) : null;
  if (!set) throw new ValidationError(`invalid address ${JSON.stringify(address)}: want an IP address or CIDR prefix, like 10.0.0.1 or 10.0.0.0/24`, 'value', 'destination');
  if (!address.includes('/')) {
    const p = await db.peer.findFirst({ where: { accountId, OR: [{ ip: address }, { ipv6: address }] }, select: { id: true, name: true } });
    if (p) return { kind: 'peers', asked: 'address', id: address, name: `${p.name} (${address})`, peerIds: [p.id] };
  }
  const [routes, resources] = await Promise.all([
    db.route.findMany({ where: { accountId, NOT: { network: '' } }, select: ROUTE_COLUMNS, orderBy: { id: 'asc' } }),
    db.networkResource.findMany({ where: { accountId, NOT: { type: 'domain' } }, select: RESOURCE_COLUMNS, orderBy: { id: 'asc' } }),
  ]);
  const covers = (a: string) => !!addressSet(a)?.overlaps(set);
  return {
    kind: 'networks',
    asked: 'address',
    id: address,
    name: address,
    routes: routes.filter((r) => covers(r.network)).map(routeTarget),
    resources: resources.filter((r) => covers(r.address)).map(resourceTarget),
    addresses: set,
  };
}

/** Peers offered in the simulator's pickers; beyond this an address (a peer's IP) still works. */
export const OPTION_PEERS = 500;

export interface SimulatorOptions {
  peers: { id: string; name: string; ip: string }[];
  morePeers: boolean;
  users: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  routes: { id: string; name: string }[];
  resources: { id: string; name: string }[];
}

export async function simulatorOptions(db: Tx, accountId: string): Promise<SimulatorOptions> {
  const [peers, users, groups, routes, resources] = await Promise.all([
    db.peer.findMany({ where: { accountId }, select: { id: true, name: true, ip: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: OPTION_PEERS + 1 }),
    db.user.findMany({ where: { accountId, isServiceUser: false }, select: { id: true, name: true, email: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    db.group.findMany({ where: { accountId }, select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    db.route.findMany({ where: { accountId }, select: { id: true, networkId: true, network: true }, orderBy: [{ networkId: 'asc' }, { id: 'asc' }] }),
    db.networkResource.findMany({ where: { accountId }, select: { id: true, name: true, address: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  ]);
  return {
    peers: peers.slice(0, OPTION_PEERS),
    morePeers: peers.length > OPTION_PEERS,
    users: users.map((u) => ({ id: u.id, name: u.name ? `${u.name} <${u.email}>` : u.email })),
    groups,
    routes: routes.map((r) => ({ id: r.id, name: `${r.networkId} (${r.network || 'domains'})` })),
    resources: resources.map((r) => ({ id: r.id, name: `${r.name} (${r.address})` })),
  };
}
