// Ingress peers (NetBird cloud's "Ingress Ports", stored here): a peer with a public address that
// forwards ports to other peers. One ingress peer per peer; its region is the peer's country (or
// "default"), and port allocations of peers in that region — or anywhere, for fallback ingress
// peers — are served by it (see ingress-ports.ts).
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { IngressPeer, Peer } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { parseJsonArray } from '../json';
import { countryName } from '../posture/locations';
import { availablePorts, type PortMapping } from './port-ranges';
import { bumpNetworkSerial } from '../serial';

export interface IngressPeerView {
  row: IngressPeer;
  /** Null only when the peer was removed without its ingress role (see removePeerIngress). */
  peer: Peer | null;
  available: { tcp: number; udp: number };
}

/** The region a peer is in, as ingress regions are named ("germany"), or "default" when unknown. */
export function regionOf(peer: Pick<Peer, 'countryCode'>): string {
  return countryName(peer.countryCode)?.toLowerCase() ?? 'default';
}

/** Where forwarded traffic arrives: the peer's public address, else its mesh address. */
export function ingressIpOf(peer: Pick<Peer, 'connectionIp' | 'ip'> | null): string {
  return peer ? peer.connectionIp || peer.ip : '';
}

/**
 * Serializes port allocation on one ingress peer: a no-op write takes the row lock (PostgreSQL) or
 * the write lock (SQLite) before its mappings are read, so two allocations never pick the same ports.
 */
export async function lockIngressPeer(db: Tx, accountId: string, ingressPeerId: string): Promise<void> {
  await db.ingressPeer.updateMany({ where: { id: ingressPeerId, accountId }, data: { id: ingressPeerId } });
}

/** All port mappings served by an ingress peer (optionally leaving one allocation out). */
export async function mappingsOnIngressPeer(db: Tx, accountId: string, ingressPeerId: string, exceptAllocationId?: string): Promise<PortMapping[]> {
  const rows = await db.ingressPortAllocation.findMany({
    where: { accountId, ingressPeerId, ...(exceptAllocationId ? { id: { not: exceptAllocationId } } : {}) },
    select: { portMappings: true },
  });
  return rows.flatMap((r) => parseJsonArray<PortMapping>(r.portMappings));
}

async function views(db: Tx, accountId: string, rows: IngressPeer[]): Promise<IngressPeerView[]> {
  const ids = rows.map((r) => r.id);
  const [peers, allocations] = await Promise.all([
    inChunks(rows.map((r) => r.peerId), (chunk) => db.peer.findMany({ where: { accountId, id: { in: chunk } } })),
    inChunks(ids, (chunk) => db.ingressPortAllocation.findMany({ where: { accountId, ingressPeerId: { in: chunk } }, select: { ingressPeerId: true, portMappings: true } })),
  ]);
  const peerById = new Map(peers.map((p) => [p.id, p]));
  return rows.map((row) => ({
    row,
    peer: peerById.get(row.peerId) ?? null,
    available: availablePorts(
      allocations.filter((a) => a.ingressPeerId === row.id).flatMap((a) => parseJsonArray<PortMapping>(a.portMappings)),
    ),
  }));
}

async function findIngressPeer(db: Tx, actor: Actor, id: string): Promise<IngressPeer> {
  const row = await db.ingressPeer.findFirst({ where: { id, accountId: actor.accountId } });
  if (!row) throw new NotFoundError('ingress peer', id);
  return row;
}

export async function listIngressPeers(db: Tx, actor: Actor): Promise<IngressPeerView[]> {
  const rows = await db.ingressPeer.findMany({ where: { accountId: actor.accountId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return views(db, actor.accountId, rows);
}

export async function getIngressPeer(db: Tx, actor: Actor, id: string): Promise<IngressPeerView> {
  return (await views(db, actor.accountId, [await findIngressPeer(db, actor, id)]))[0];
}

// NetBird has no activity codes for ingress; ingress peers are audited as network routers (what
// they are: peers forwarding traffic), with an "Ingress peer ..." activity and meta.kind. Every
// write bumps the serial.
export async function createIngressPeer(db: Tx, actor: Actor, input: { peerId: string; enabled: boolean; fallback: boolean }): Promise<IngressPeerView> {
  const peerId = input.peerId.trim();
  if (!peerId) throw new ValidationError('peer_id cannot be empty');
  const peer = await db.peer.findFirst({ where: { id: peerId, accountId: actor.accountId } });
  if (!peer) throw new ValidationError(`peer ${peerId} does not exist`);
  const existing = await db.ingressPeer.findFirst({ where: { accountId: actor.accountId, peerId }, select: { id: true } });
  if (existing) throw new ConflictError(`peer ${peerId} is already an ingress peer (${existing.id})`);
  const row = await db.ingressPeer.create({
    data: { id: newId(), accountId: actor.accountId, peerId, enabled: input.enabled, fallback: input.fallback, region: regionOf(peer) },
  });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, {
    code: 'network.router.create',
    activity: 'Ingress peer created',
    targetId: row.id,
    meta: { kind: 'ingress_peer', peer_id: row.peerId, region: row.region, enabled: row.enabled, fallback: row.fallback },
  });
  return { row, peer, available: availablePorts([]) };
}

export async function updateIngressPeer(db: Tx, actor: Actor, id: string, input: { enabled: boolean; fallback: boolean }): Promise<IngressPeerView> {
  await findIngressPeer(db, actor, id);
  const row = await db.ingressPeer.update({ where: { id }, data: { enabled: input.enabled, fallback: input.fallback } });
  const view = (await views(db, actor.accountId, [row]))[0];
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, {
    code: 'network.router.update',
    activity: 'Ingress peer updated',
    targetId: row.id,
    meta: { kind: 'ingress_peer', peer_id: row.peerId, enabled: row.enabled, fallback: row.fallback },
  });
  return view;
}

/** An ingress peer still forwarding ports is in use: delete its port allocations first. */
export async function deleteIngressPeer(db: Tx, actor: Actor, id: string): Promise<IngressPeer> {
  const row = await findIngressPeer(db, actor, id);
  const inUse = await db.ingressPortAllocation.count({ where: { accountId: actor.accountId, ingressPeerId: id } });
  if (inUse) throw new ConflictError(`ingress peer ${id} is in use by ${inUse} port allocation(s); delete them first`);
  await db.ingressPeer.delete({ where: { id } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'network.router.delete', activity: 'Ingress peer deleted', targetId: row.id, meta: { kind: 'ingress_peer', peer_id: row.peerId } });
  return row;
}

/**
 * For the peer service when a peer is deleted: drops its ingress role, its own port allocations
 * and those served by it (the schema has no foreign keys from ingress rows to peers).
 */
export async function removePeerIngress(db: Tx, accountId: string, peerId: string): Promise<void> {
  const ingress = await db.ingressPeer.findMany({ where: { accountId, peerId }, select: { id: true } });
  const ids = ingress.map((i) => i.id);
  await db.ingressPortAllocation.deleteMany({ where: { accountId, OR: [{ peerId }, { ingressPeerId: { in: ids } }] } });
  await db.ingressPeer.deleteMany({ where: { accountId, peerId } });
}
