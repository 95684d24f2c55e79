// Ziti edge routers = the account's routing peers: the peers of enabled network routers (directly or
// through their peer groups) and of enabled routes. A service's edge routers and terminators are
// the routers of the resource's network (service-access.ts computes those per network).
import type { Tx } from '../../db/client';
import type { Peer } from '../../generated/sqlite/client';
import { ALL_GROUP_NAME } from '../groups-core';
import { parseJsonList } from '../json';
import type { ZitiCaller } from './api-sessions';
import type { ServiceCatalog } from './service-access';
import type { Fields } from './query';

export type EdgeRouter = Pick<Peer, 'id' | 'name' | 'hostname' | 'dnsLabel' | 'connected' | 'approvalRequired' | 'createdAt' | 'lastSeen'>;

const ROUTER_SELECT = { id: true, name: true, hostname: true, dnsLabel: true, connected: true, approvalRequired: true, createdAt: true, lastSeen: true } as const;

export const EDGE_ROUTER_FIELDS: Fields<EdgeRouter> = {
  id: (r) => r.id,
  name: (r) => r.name,
  hostname: (r) => r.hostname || r.dnsLabel,
  isOnline: (r) => r.connected,
  disabled: (r) => r.approvalRequired,
  createdAt: (r) => r.createdAt,
};

/** Every routing peer of the caller's account. */
export async function accountEdgeRouters(db: Tx, caller: ZitiCaller): Promise<EdgeRouter[]> {
  const accountId = caller.accountId;
  const [routers, routes] = await Promise.all([
    db.networkRouter.findMany({ where: { accountId, enabled: true }, select: { peer: true, peerGroups: true } }),
    db.route.findMany({ where: { accountId, enabled: true }, select: { peer: true, peerGroups: true } }),
  ]);
  const sources = [...routers, ...routes];
  const peerIds = new Set(sources.map((s) => s.peer).filter(Boolean));
  const groupIds = [...new Set(sources.flatMap((s) => parseJsonList(s.peerGroups)))];
  const groups = await db.group.findMany({ where: { accountId, id: { in: groupIds } }, select: { id: true, name: true } });
  const everyone = groups.some((g) => g.name === ALL_GROUP_NAME);
  const where = everyone
    ? { accountId }
    : { accountId, OR: [{ id: { in: [...peerIds] } }, { groups: { some: { groupId: { in: groupIds } } } }] };
  return db.peer.findMany({ where, select: ROUTER_SELECT, orderBy: { id: 'asc' } });
}

/** The routers that carry one service (the active routing peers of its network); `caller` only scopes the account. */
export async function serviceEdgeRouters(db: Tx, caller: Pick<ZitiCaller, 'accountId'>, catalog: ServiceCatalog, networkId: string): Promise<EdgeRouter[]> {
  const ids = catalog.routersOf.get(networkId) ?? [];
  if (!ids.length) return [];
  return db.peer.findMany({ where: { accountId: caller.accountId, id: { in: ids } }, select: ROUTER_SELECT, orderBy: { id: 'asc' } });
}

/** A terminator: where a router ends a service's circuits (one per router of the service). */
export interface Terminator {
  id: string;
  serviceId: string;
  serviceName: string;
  router: EdgeRouter;
  /** The Ziti identity linked to the router's peer, if any (the hosting identity). */
  identityId: string;
}

export const TERMINATOR_FIELDS: Fields<Terminator> = {
  id: (t) => t.id,
  routerId: (t) => t.router.id,
  serviceId: (t) => t.serviceId,
  identity: (t) => t.identityId,
  createdAt: (t) => t.router.createdAt,
};

export async function terminatorsOf(db: Tx, caller: ZitiCaller, service: { id: string; name: string }, routers: EdgeRouter[]): Promise<Terminator[]> {
  const hosts = await db.zitiIdentity.findMany({
    where: { accountId: caller.accountId, peerId: { in: routers.map((r) => r.id) } },
    select: { id: true, peerId: true },
    orderBy: { id: 'asc' },
  });
  return routers.map((router) => ({
    id: `${service.id}.${router.id}`,
    serviceId: service.id,
    serviceName: service.name,
    router,
    identityId: hosts.find((h) => h.peerId === router.id)?.id ?? '',
  }));
}
