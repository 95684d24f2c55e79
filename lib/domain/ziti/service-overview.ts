// The console's view of the account's Ziti services (= network resources): for each, every identity
// the policy engine lets Dial it or Bind it, and the edge routers that carry it. The decision is the
// Edge Client API's own (services.ts → service-access.ts), asked once per identity and service, so
// the console shows exactly what `GET /services` would answer each identity. Scoped by accountId.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Actor } from '../actor';
import { serviceEdgeRouters, type EdgeRouter } from './edge-routers';
import { loadServiceCatalog, type ServiceResource } from './service-access';
import { servicePermissions } from './services';

export interface IdentityRef {
  id: string;
  name: string;
  /** Disabled identities cannot authenticate, so they cannot use what the policy grants them. */
  disabled: boolean;
}

export interface ServiceOverview {
  service: ServiceResource;
  networkName: string;
  dial: IdentityRef[];
  bind: IdentityRef[];
  edgeRouters: EdgeRouter[];
}

export interface ServiceOverviewQuery {
  /** Only services whose name contains this (case-insensitive). */
  name?: string;
}

export async function serviceOverview(db: Tx, actor: Pick<Actor, 'accountId'>, query: ServiceOverviewQuery = {}): Promise<ServiceOverview[]> {
  const accountId = actor.accountId;
  const [catalog, identities, networks] = await Promise.all([
    loadServiceCatalog(db, accountId),
    db.zitiIdentity.findMany({
      where: { accountId },
      select: { id: true, name: true, disabled: true, peerId: true, roleAttributes: true, userId: true },
      orderBy: { name: 'asc' },
    }),
    db.network.findMany({ where: { accountId }, select: { id: true, name: true } }),
  ]);
  const userIds = [...new Set(identities.map((i) => i.userId).filter((id): id is string => !!id))];
  const blocked = new Set(
    (await inChunks(userIds, (chunk) => db.user.findMany({ where: { accountId, id: { in: chunk }, status: 'blocked' }, select: { id: true } }))).map((u) => u.id),
  );
  const needle = query.name?.trim().toLowerCase();
  const resources = catalog.resources.filter((r) => !needle || r.name.toLowerCase().includes(needle)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

  // Routers are per network: one lookup per network that has a listed service.
  const networkIds = [...new Set(resources.map((r) => r.networkId))];
  const routers = new Map(await Promise.all(networkIds.map(async (id) => [id, await serviceEdgeRouters(db, { accountId }, catalog, id)] as const)));
  const networkName = new Map(networks.map((n) => [n.id, n.name]));

  return resources.map((service) => {
    const dial: IdentityRef[] = [];
    const bind: IdentityRef[] = [];
    for (const identity of identities) {
      const permissions = servicePermissions(catalog, identity, service, !!identity.userId && blocked.has(identity.userId));
      const ref = { id: identity.id, name: identity.name, disabled: identity.disabled };
      if (permissions.includes('Dial')) dial.push(ref);
      if (permissions.includes('Bind')) bind.push(ref);
    }
    return { service, networkName: networkName.get(service.networkId) ?? '', dial, bind, edgeRouters: routers.get(service.networkId) ?? [] };
  });
}
