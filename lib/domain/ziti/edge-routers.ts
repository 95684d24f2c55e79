// Ziti edge routers = the account's routing peers: the peers of enabled network routers (directly or
// through their peer groups) and of enabled routes. A service's edge routers and terminators are
// the routers of the resource's network (service-access.ts computes those per network).
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Peer } from '../../db/models';
import { ALL_GROUP_NAME } from '../groups/all-group';
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
  const groups = await inChunks(groupIds, (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, name: true } }));
  if (groups.some((g) => g.name === ALL_GROUP_NAME)) return db.peer.findMany({ where: { accountId }, select: ROUTER_SELECT, orderBy: { id: 'asc' } });
  const members = await inChunks(groupIds, (chunk) => db.groupPeer.findMany({ where: { groupId: { in: chunk } }, select: { peerId: true } }));
  return routersById(db, accountId, [...new Set([...peerIds, ...members.map((m) => m.peerId)])]);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The account's peers of `ids` as routers, by id (read in chunks: a parameter per id). */
async function routersById(db: Tx, accountId: string, ids: string[]): Promise<EdgeRouter[]> {
  const rows = await inChunks(ids, (chunk) => db.peer.findMany({ where: { accountId, id: { in: chunk } }, select: ROUTER_SELECT }));
  return rows.sort(byId);
}

/** The routers that carry one service (the active routing peers of its network); `caller` only scopes the account. */
export async function serviceEdgeRouters(db: Tx, caller: Pick<ZitiCaller, 'accountId'>, catalog: ServiceCatalog, networkId: string): Promise<EdgeRouter[]> {
  const ids = catalog.routersOf.get(networkId) ?? [];
  if (!ids.length) return [];
  return routersById(db, caller.accountId, ids);
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
  const hosts = (
    await inChunks(
      routers.map((r) => r.id),
      (chunk) => db.zitiIdentity.findMany({ where: { accountId: caller.accountId, peerId: { in: chunk } }, select: { id: true, peerId: true } }),
    )
  ).sort(byId);
  return routers.map((router) => ({
    id: `${service.id}.${router.id}`,
    serviceId: service.id,
    serviceName: service.name,
    router,
    identityId: hosts.find((h) => h.peerId === router.id)?.id ?? '',
  }));
}
