// Peers: listing (regular users see only their own), reading, editing and deleting.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Peer, Prisma } from '../../db/models';
import type { Actor } from '../actor';
import { uniqueDnsLabel } from './dns-labels';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { allows } from '../users/roles';
import { ipv4InCidr, parseIpv4Cidr } from './ipam';
import { removePeerIngress } from '../networks/ingress';
import { bumpNetworkSerial } from '../serial';
import { checkNameChars } from '../names';
import { recordChange, type AuditEntry } from '../audit';
import { peerActivity, peerChangeEntries, type PeerSettingsChange } from './activity';

/** Owners, admins and auditors see every peer; regular users only the peers they added. */
export function visibleTo(actor: Actor) {
  return allows(actor.role, 'audit') ? { accountId: actor.accountId } : { accountId: actor.accountId, userId: actor.userId };
}

export interface PeerFilter {
  name?: string;
  ip?: string;
}

const listWhere = (actor: Actor, filter: PeerFilter) => ({ ...visibleTo(actor), ...(filter.name ? { name: filter.name } : {}), ...(filter.ip ? { ip: filter.ip } : {}) });

export function listPeers(db: Tx, actor: Actor, filter: PeerFilter = {}) {
  return db.peer.findMany({ where: listWhere(actor, filter), orderBy: { createdAt: 'asc' } });
}

export async function getPeer(db: Tx, actor: Actor, id: string): Promise<Peer> {
  const peer = await db.peer.findFirst({ where: { id, ...visibleTo(actor) } });
  if (!peer) throw new NotFoundError('peer', id);
  return peer;
}

export interface PeerUpdate {
  name: string;
  sshEnabled: boolean;
  loginExpirationEnabled: boolean;
  inactivityExpirationEnabled: boolean;
  approvalRequired?: boolean;
  ip?: string;
}

export type PeerChange = PeerSettingsChange;

export async function updatePeer(db: Tx, actor: Actor, id: string, input: PeerUpdate): Promise<PeerChange> {
  const peer = await getPeer(db, actor, id);
  const name = input.name.trim();
  if (!name) throw new ValidationError('peer name cannot be empty');
  checkNameChars(name);
  if (name.length > 255) throw new ValidationError('peer name is too long (255 characters at most)');
  const data: Partial<Peer> = {
    name,
    sshEnabled: input.sshEnabled,
    loginExpirationEnabled: input.loginExpirationEnabled,
    inactivityExpirationEnabled: input.inactivityExpirationEnabled,
  };
  if (name !== peer.name) data.dnsLabel = await uniqueDnsLabel(db, actor.accountId, name, peer.id);
  if (input.approvalRequired !== undefined) data.approvalRequired = input.approvalRequired;
  if (input.ip !== undefined && input.ip !== peer.ip) {
    const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { networkRange: true } });
    const range = parseIpv4Cidr(account.networkRange)!;
    if (!ipv4InCidr(input.ip, range)) throw new ValidationError(`ip ${input.ip} is not a host address of the network range ${account.networkRange}`);
    const taken = await db.peer.findFirst({ where: { accountId: actor.accountId, ip: input.ip }, select: { id: true } });
    if (taken) throw new ConflictError(`ip ${input.ip} is already used by another peer`);
    data.ip = input.ip;
  }
  const updated = await db.peer.update({ where: { id: peer.id }, data });
  const change: PeerChange = {
    peer: updated,
    renamed: updated.name !== peer.name,
    sshChanged: updated.sshEnabled !== peer.sshEnabled,
    loginExpirationChanged: updated.loginExpirationEnabled !== peer.loginExpirationEnabled,
    inactivityExpirationChanged: updated.inactivityExpirationEnabled !== peer.inactivityExpirationEnabled,
    approved: peer.approvalRequired && !updated.approvalRequired,
    approvalRevoked: !peer.approvalRequired && updated.approvalRequired,
    ipChanged: updated.ip !== peer.ip,
  };
  // Every edit bumps the serial: besides network maps, cached peer listings key on it.
  await bumpNetworkSerial(db, actor.accountId);
  for (const e of peerChangeEntries(change)) await recordChange(db, actor, e);
  return change;
}

/**
 * Deleting a peer removes it from every group (cascade) and so from every network map. Recorded as
 * "Peer deleted" unless the caller names why (the ephemeral clean-up does).
 */
export async function deletePeer(db: Tx, actor: Actor, id: string, entry: (p: Peer) => AuditEntry = peerActivity.deleted): Promise<Peer> {
  const peer = await getPeer(db, actor, id);
  await db.peer.delete({ where: { id: peer.id } });
  await removePeerIngress(db, actor.accountId, peer.id);
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, entry(peer));
  return peer;
}

/** Whether a peer's login has expired under the account's settings (peers added by users only). */
export function loginExpired(peer: Pick<Peer, 'userId' | 'loginExpirationEnabled' | 'lastLogin'>, account: { peerLoginExpirationEnabled: boolean; peerLoginExpiration: number }, now = Date.now()): boolean {
  if (!peer.userId || !peer.loginExpirationEnabled || !account.peerLoginExpirationEnabled) return false;
  return peer.lastLogin.getTime() + account.peerLoginExpiration * 1000 < now;
}
