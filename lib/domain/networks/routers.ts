// Network routers: the peer (or the peers of some groups) through which a network's resources are
// reached, with a metric for choosing between several routers.
import type { Tx } from '../../db/client';
import type { NetworkRouter } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import { jsonList } from '../json';
import { onePeerOrGroups, requireGroups, requireMetric, requirePeer } from './refs';
import { findNetwork } from './networks';
import { routerEntry } from './audit';
import { bumpNetworkSerial } from '../serial';

export interface RouterInput {
  peer?: string | null;
  peerGroups?: string[] | null;
  metric: number;
  masquerade: boolean;
  enabled: boolean;
}

async function validate(db: Tx, accountId: string, input: RouterInput) {
  const { peer, peerGroups } = onePeerOrGroups(input.peer, input.peerGroups);
  requireMetric(input.metric);
  if (peer) await requirePeer(db, accountId, peer);
  await requireGroups(db, accountId, peerGroups, 'peer_groups');
  return { peer, peerGroups: jsonList(peerGroups), metric: input.metric, masquerade: input.masquerade, enabled: input.enabled };
}

async function locateRouter(db: Tx, actor: Actor, networkId: string, routerId: string) {
  const network = await findNetwork(db, actor, networkId);
  const router = await db.networkRouter.findFirst({ where: { id: routerId, networkId: network.id, accountId: actor.accountId } });
  if (!router) throw new NotFoundError('network router', routerId);
  return { network, router };
}

async function findRouter(db: Tx, actor: Actor, networkId: string, routerId: string): Promise<NetworkRouter> {
  return (await locateRouter(db, actor, networkId, routerId)).router;
}

/** Every router of every network of the account. */
export async function listAllRouters(db: Tx, actor: Actor): Promise<NetworkRouter[]> {
  return db.networkRouter.findMany({ where: { accountId: actor.accountId }, orderBy: { id: 'asc' } });
}

export async function listRouters(db: Tx, actor: Actor, networkId: string): Promise<NetworkRouter[]> {
  const network = await findNetwork(db, actor, networkId);
  return db.networkRouter.findMany({ where: { accountId: actor.accountId, networkId: network.id }, orderBy: { id: 'asc' } });
}

export const getRouter = findRouter;

// Every router write changes which peers route a network's resources: each bumps the serial.
export async function createRouter(db: Tx, actor: Actor, networkId: string, input: RouterInput): Promise<NetworkRouter> {
  const network = await findNetwork(db, actor, networkId);
  const data = await validate(db, actor.accountId, input);
  const router = await db.networkRouter.create({ data: { id: newId(), accountId: actor.accountId, networkId: network.id, ...data } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, routerEntry('create', router, network));
  return router;
}

export async function updateRouter(db: Tx, actor: Actor, networkId: string, routerId: string, input: RouterInput): Promise<NetworkRouter> {
  const { network, router: existing } = await locateRouter(db, actor, networkId, routerId);
  const router = await db.networkRouter.update({ where: { id: existing.id }, data: await validate(db, actor.accountId, input) });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, routerEntry('update', router, network));
  return router;
}

export async function deleteRouter(db: Tx, actor: Actor, networkId: string, routerId: string): Promise<NetworkRouter> {
  const { network, router: existing } = await locateRouter(db, actor, networkId, routerId);
  await db.networkRouter.delete({ where: { id: existing.id } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, routerEntry('delete', existing, network));
  return existing;
}
