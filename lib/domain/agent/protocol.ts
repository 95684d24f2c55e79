// meshdeck's agent protocol: a peer joins with a setup key and then pulls its network map.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Peer } from '../../db/models';
import { recordChange } from '../audit';
import { uniqueDnsLabel } from '../peers/dns-labels';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { newId } from '../ids';
import { allocatePeerAddresses } from '../peers/ipam';
import { initialMetaColumns, type PeerMeta } from '../peers/meta';
import { parseJsonList, parseJsonObject } from '../json';
import { loginExpired } from '../peers/peers';
import { hashSecret, newAccessToken } from '../secrets';
import { bumpNetworkSerial } from '../serial';
import { useSetupKey } from '../peers/setup-keys';
import { checkNameChars } from '../names';
import { seenAddressMovesEndpoints } from './endpoints';
import { freeNodeAddress } from '../zerotier/peer-node-address';
import { checkPeerRoom } from '../accounts/quotas';

export interface Registration {
  setupKey: string;
  publicKey: string;
  hostname: string;
  meta: PeerMeta;
  connectionIp?: string;
  /** The WireGuard listen port the agent reports (its endpoints: agent-endpoints.ts). */
  listenPort?: number;
}

/** A WireGuard public key: base64 of exactly 32 bytes. */
export function isWireguardKey(key: string): boolean {
  return /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(key) && Buffer.from(key, 'base64').length === 32;
}

/** Registers the peer and records its joining, initiated by the setup key (no user acts). */
export async function registerPeer(db: Tx, input: Registration): Promise<{ peer: Peer; token: string }> {
  if (!isWireguardKey(input.publicKey)) throw new ValidationError('public_key must be a WireGuard public key (base64 of 32 bytes)');
  const hostname = input.hostname.trim();
  if (!hostname || hostname.length > 255) throw new ValidationError('hostname must be 1 to 255 characters');
  checkNameChars(hostname, 'hostname');
  const key = await useSetupKey(db, input.setupKey);
  const accountId = key.accountId;
  await checkPeerRoom(db, accountId);
  if (await db.peer.findFirst({ where: { accountId, wgPubKey: input.publicKey }, select: { id: true } })) {
    throw new ConflictError('a peer with this public key is already registered');
  }
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId } });
  const settings = parseJsonObject<{ extra?: { peer_approval_enabled?: boolean } }>(account.settingsJson) ?? {};
  const { ip, ipv6 } = await allocatePeerAddresses(db, accountId);
  const token = newAccessToken('mdpeer_');
  const now = new Date();
  const peer = await db.peer.create({
    data: {
      id: newId(),
      accountId,
      name: hostname,
      hostname,
      dnsLabel: await uniqueDnsLabel(db, accountId, hostname),
      ip,
      ipv6,
      wgPubKey: input.publicKey,
      // Its ZeroTier node address: it can be made a member of the account's ZeroTier networks.
      ztAddress: await freeNodeAddress(db, accountId, input.publicKey),
      ...initialMetaColumns(input.meta),
      connectionIp: input.connectionIp ?? '',
      listenPort: input.listenPort ?? 0,
      ephemeral: key.ephemeral,
      // With peer (device) approval on, a peer waits unless its key was pre-authorized (Tailscale's
      // `preauthorized`; NetBird setup keys always are).
      approvalRequired: settings.extra?.peer_approval_enabled === true && !key.preauthorized,
      setupKeyId: key.id,
      tags: key.tags,
      agentTokenHash: hashSecret(token),
      createdAt: now,
      lastLogin: now,
      lastSeen: now,
    },
  });
  const groups = parseJsonList(key.autoGroups);
  const existing = await inChunks(groups, (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true } }));
  if (existing.length) await db.groupPeer.createMany({ data: existing.map((g) => ({ groupId: g.id, peerId: peer.id })) });
  await bumpNetworkSerial(db, accountId);
  await recordChange(db, null, {
    accountId,
    code: 'peer.setupkey.add',
    activity: 'Peer added with a setup key',
    targetId: peer.id,
    meta: { name: peer.name, ip: peer.ip, setup_key: key.name },
    initiator: { id: key.id, name: key.name },
  });
  return { peer, token };
}

/**
 * An agent checked in: it is connected now. Written at most every 10 s per peer. For a peer with a
 * listen port a new address is a new first endpoint, which other peers' maps carry: the serial moves.
 */
export async function markSeen(db: Tx, peer: Peer, connectionIp?: string, now = new Date()): Promise<void> {
  if (peer.connected && now.getTime() - peer.lastSeen.getTime() < 10_000 && (!connectionIp || connectionIp === peer.connectionIp)) return;
  await db.peer.update({ where: { id: peer.id }, data: { connected: true, lastSeen: now, ...(connectionIp ? { connectionIp } : {}) } });
  if (seenAddressMovesEndpoints(peer, connectionIp)) await bumpNetworkSerial(db, peer.accountId);
}

/**
 * Reports (flows, meta) come only from a peer that is in the network: one waiting for approval or
 * whose login expired has no access, so what it says about traffic or its system is not taken.
 */
export async function assertPeerMayReport(db: Tx, peer: Peer): Promise<void> {
  if (peer.approvalRequired) throw new ForbiddenError('peer is pending approval');
  if (!peer.userId || !peer.loginExpirationEnabled) return;
  const account = await db.account.findUniqueOrThrow({ where: { id: peer.accountId }, select: { peerLoginExpirationEnabled: true, peerLoginExpiration: true } });
  if (loginExpired(peer, account)) throw new ForbiddenError('peer login expired: log in again');
}
