// Networks (NetBird "Networks"): named sets of resources reachable through routers. A network's
// listing also shows its routing peers and the policies that reach its resources.
import type { Tx } from '../../db/client';
import type { Network, NetworkResource, NetworkRouter } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { networkEntry, recordResourceChange, routerEntry } from './audit';
import { NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { parseJsonList, parseJsonObject } from '../json';
import { peersOfGroups } from './refs';
import { checkNameChars } from '../names';
import { bumpNetworkSerial } from '../serial';

export interface NetworkInput {
  name: string;
  description?: string | null;
}

export interface NetworkView {
  network: Network;
  routerIds: string[];
  resourceIds: string[];
  routingPeersCount: number;
  policyIds: string[];
}

function validate(input: NetworkInput) {
  const name = input.name.trim();
  if (!name) throw new ValidationError('network name should not be empty');
  checkNameChars(name);
  if (name.length > 255) throw new ValidationError('network name should be at most 255 characters');
  const description = input.description ?? '';
  if (description.length > 1000) throw new ValidationError('description should be at most 1000 characters');
  return { name, description };
}

/** The network of the account, or NotFoundError (also for another account's network). */
export async function findNetwork(db: Tx, actor: Actor, networkId: string): Promise<Network> {
  const network = await db.network.findFirst({ where: { id: networkId, accountId: actor.accountId } });
  if (!network) throw new NotFoundError('network', networkId);
  return network;
}

/**
 * Adds routers, resources, routing peer count and policies to networks. Policies are those with a
 * rule whose destination resource is one of the network's resources, or whose destination groups
 * hold one of them (enabled or not: this is about configuration, not effect).
 */
async function views(db: Tx, accountId: string, networks: Network[]): Promise<NetworkView[]> {
  if (networks.length === 0) return [];
  // One network, or the account's: a list of every network's id would bind a parameter per network.
  const scope = networks.length === 1 ? { accountId, networkId: networks[0].id } : { accountId };
  const [resources, routers, rules] = await Promise.all([
    db.networkResource.findMany({ where: scope, include: { groups: true }, orderBy: { id: 'asc' } }),
    db.networkRouter.findMany({ where: scope, orderBy: { id: 'asc' } }),
    db.policyRule.findMany({ where: { policy: { accountId } }, select: { policyId: true, destinations: true, destinationResource: true } }),
  ]);
  const parsedRules = rules.map((r) => ({
    policyId: r.policyId,
    destinations: new Set(parseJsonList(r.destinations)),
    resourceId: parseJsonObject<{ id?: unknown }>(r.destinationResource)?.id,
  }));
  const out: NetworkView[] = [];
  for (const network of networks) {
    const mine = resources.filter((r) => r.networkId === network.id);
    const myRouters = routers.filter((r) => r.networkId === network.id);
    const resourceIds = new Set(mine.map((r) => r.id));
    const resourceGroups = new Set(mine.flatMap((r) => r.groups.map((g) => g.groupId)));
    const policyIds = new Set(
      parsedRules
        .filter((r) => (typeof r.resourceId === 'string' && resourceIds.has(r.resourceId)) || [...r.destinations].some((g) => resourceGroups.has(g)))
        .map((r) => r.policyId),
    );
    out.push({
      network,
      routerIds: myRouters.map((r) => r.id),
      resourceIds: [...resourceIds],
      routingPeersCount: await routingPeersCount(db, accountId, myRouters),
      policyIds: [...policyIds].sort(),
    });
  }
  return out;
}

/** Distinct peers serving a network: each router's peer or the members of its peer groups. */
async function routingPeersCount(db: Tx, accountId: string, routers: NetworkRouter[]): Promise<number> {
  const peers = new Set(routers.map((r) => r.peer).filter(Boolean));
  const groups = routers.filter((r) => !r.peer).flatMap((r) => parseJsonList(r.peerGroups));
  for (const p of await peersOfGroups(db, accountId, groups)) peers.add(p);
  return peers.size;
}

export async function listNetworks(db: Tx, actor: Actor): Promise<NetworkView[]> {
  const networks = await db.network.findMany({ where: { accountId: actor.accountId }, orderBy: { id: 'asc' } });
  return views(db, actor.accountId, networks);
}

export async function getNetwork(db: Tx, actor: Actor, networkId: string): Promise<NetworkView> {
  return (await views(db, actor.accountId, [await findNetwork(db, actor, networkId)]))[0];
}

export async function createNetwork(db: Tx, actor: Actor, input: NetworkInput): Promise<NetworkView> {
  const network = await db.network.create({ data: { id: newId(), accountId: actor.accountId, ...validate(input) } });
  const view = (await views(db, actor.accountId, [network]))[0];
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, networkEntry('create', view.network));
  return view;
}

export async function updateNetwork(db: Tx, actor: Actor, networkId: string, input: NetworkInput): Promise<NetworkView> {
  const existing = await findNetwork(db, actor, networkId);
  const network = await db.network.update({ where: { id: existing.id }, data: validate(input) });
  const view = (await views(db, actor.accountId, [network]))[0];
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, networkEntry('update', view.network));
  return view;
}

/**
 * Deletes a network with its resources (and their group memberships) and routers, each audited:
 * every resource (with the groups it left), every router, then the network.
 */
export async function deleteNetwork(
  db: Tx,
  actor: Actor,
  networkId: string,
): Promise<{ network: Network; resources: (NetworkResource & { groupIds: string[] })[]; routers: NetworkRouter[] }> {
  const network = await findNetwork(db, actor, networkId);
  const [resources, routers] = await Promise.all([
    db.networkResource.findMany({ where: { accountId: actor.accountId, networkId: network.id }, include: { groups: true } }),
    db.networkRouter.findMany({ where: { accountId: actor.accountId, networkId: network.id } }),
  ]);
  // The foreign keys cascade, but deleting explicitly does not depend on the database enforcing them.
  await db.groupResource.deleteMany({ where: { resource: { networkId: network.id } } });
  await db.networkResource.deleteMany({ where: { networkId: network.id } });
  await db.networkRouter.deleteMany({ where: { networkId: network.id } });
  await db.network.delete({ where: { id: network.id } });
  await bumpNetworkSerial(db, actor.accountId);
  const removed = resources.map(({ groups, ...r }) => ({ ...r, groupIds: groups.map((g) => g.groupId) }));
  for (const r of removed) await recordResourceChange(db, actor, 'delete', { resource: r, addedGroups: [], removedGroups: r.groupIds }, network);
  for (const r of routers) await recordChange(db, actor, routerEntry('delete', r, network));
  await recordChange(db, actor, networkEntry('delete', network));
  return { network, resources: removed, routers };
}
