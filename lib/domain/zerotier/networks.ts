// Controller networks: the account's ZeroTier networks, hosted by meshdeck's one controller node.
// Network ids are 16 hex digits, the first 10 being the controller's address; they are unique across
// the installation, and another account's network is simply "not found".
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { ZeroTierNetwork } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { ValidationError } from '../errors';
import { newId } from '../ids';
import { nodeIdentity } from './identity';
import { assignPoolAddresses } from './members';
import { defaultNetworkData, networkData, type NetworkData, type NetworkInput } from './network-input';
import { syncPeerApproval, type ApprovalChange } from './approval';
import { requireNetwork } from './lookup';

export { requireNetwork };

export type NetworkTarget = { kind: 'id'; nwid: string } | { kind: 'random'; controller: string };

export interface MemberCounts {
  total: number;
  authorized: number;
}

export async function listNetworks(db: Tx, actor: Actor): Promise<ZeroTierNetwork[]> {
  return db.zeroTierNetwork.findMany({ where: { accountId: actor.accountId }, orderBy: { nwid: 'asc' } });
}

export async function listNetworkIds(db: Tx, actor: Actor): Promise<string[]> {
  const rows = await db.zeroTierNetwork.findMany({ where: { accountId: actor.accountId }, select: { nwid: true }, orderBy: { nwid: 'asc' } });
  return rows.map((r) => r.nwid);
}

export async function memberCounts(db: Tx, networkIds: string[]): Promise<Map<string, MemberCounts>> {
  const out = new Map<string, MemberCounts>(networkIds.map((id) => [id, { total: 0, authorized: 0 }]));
  if (!networkIds.length) return out;
  // A network is in one chunk only, so the chunks' counts do not overlap.
  const groups = await inChunks(networkIds, (chunk) => db.zeroTierMember.groupBy({ by: ['networkId', 'authorized'], where: { networkId: { in: chunk } }, _count: { _all: true } }));
  for (const g of groups) {
    const c = out.get(g.networkId)!;
    c.total += g._count._all;
    if (g.authorized) c.authorized += g._count._all;
  }
  return out;
}

async function randomNetworkId(db: Tx, accountId: string, controller: string): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    let suffix = randomBytes(3).toString('hex');
    if (suffix === '000000') suffix = '000001';
    const nwid = controller + suffix;
    if (!(await db.zeroTierNetwork.findUnique({ where: { accountId_nwid: { accountId, nwid } }, select: { id: true } }))) return nwid;
  }
  throw new ValidationError('no free network id left at this controller');
}

function changedFields(row: ZeroTierNetwork, data: NetworkData): string[] {
  return (Object.keys(data) as (keyof NetworkData)[]).filter((k) => row[k] !== data[k]);
}

export interface NetworkWrite {
  network: ZeroTierNetwork;
  created: boolean;
  changed: string[];
  approvals: ApprovalChange[];
  /** Members that got an address from the pools because the pools, routes or mode changed. */
  assigned: number;
}

/** POST /controller/network/{nwid}: creates the network when it does not exist, else updates it; records either. */
export async function saveNetwork(db: Tx, actor: Actor, target: NetworkTarget, input: NetworkInput): Promise<NetworkWrite> {
  const data = networkData(input);
  const { address } = await nodeIdentity(db);
  const controller = target.kind === 'random' ? target.controller : target.nwid.slice(0, 10);
  if (controller !== address) throw new ValidationError(`network ids at this controller start with its address ${address}, not ${controller}`);
  // Network ids are the account's own: another account's network with the same id is not this one.
  const nwid = target.kind === 'random' ? await randomNetworkId(db, actor.accountId, address) : target.nwid;
  const existing = await db.zeroTierNetwork.findUnique({ where: { accountId_nwid: { accountId: actor.accountId, nwid } } });
  if (!existing) {
    const network = await db.zeroTierNetwork.create({ data: { ...defaultNetworkData(), ...data, id: newId(), accountId: actor.accountId, nwid, revision: 1 } });
    await recordChange(db, actor, { code: 'zerotier.network.create', activity: 'ZeroTier network created', targetId: network.nwid, meta: { name: network.name } });
    return { network, created: true, changed: Object.keys(data), approvals: [], assigned: 0 };
  }
  const changed = changedFields(existing, data);
  if (!changed.length) return { network: existing, created: false, changed, approvals: [], assigned: 0 };
  const network = await db.zeroTierNetwork.update({ where: { id: existing.id }, data: { ...data, revision: { increment: 1 } } });
  // New pools, routes or assignment mode: authorized members without an address get one now, as
  // they would at their next configuration request to a ZeroTier controller.
  const assigned = changed.some((k) => k === 'ipAssignmentPools' || k === 'routes' || k === 'v4AssignMode') ? await assignPoolAddresses(db, network) : 0;
  await recordChange(db, actor, { code: 'zerotier.network.update', activity: 'ZeroTier network updated', targetId: network.nwid, meta: { name: network.name, fields: changed, addresses_assigned: assigned } });
  return { network, created: false, changed, approvals: [], assigned };
}

/** Deletes the network and its memberships (recorded); its members' peers lose that admission. */
export async function deleteNetwork(db: Tx, actor: Actor, nwid: string): Promise<{ network: ZeroTierNetwork; members: number; approvals: ApprovalChange[] }> {
  const network = await requireNetwork(db, actor, nwid);
  const peerIds = (await db.zeroTierMember.findMany({ where: { networkId: network.id }, select: { peerId: true } })).map((m) => m.peerId);
  await db.zeroTierNetwork.delete({ where: { id: network.id } });
  await recordChange(db, actor, { code: 'zerotier.network.delete', activity: 'ZeroTier network deleted', targetId: network.nwid, meta: { name: network.name, members: peerIds.length } });
  const approvals = await syncPeerApproval(db, actor, peerIds, network.nwid);
  return { network, members: peerIds.length, approvals };
}
