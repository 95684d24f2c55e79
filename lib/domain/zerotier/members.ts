// Members of controller networks. A member is a peer of the account (the peer the NetBird API shows)
// identified by its ZeroTier node address; adding an unknown address creates that peer. `authorized`
// is the peer's admission to the network and drives its approval (see approval.ts).
import { isIP } from 'node:net';
import type { Tx } from '../../db/client';
import type { Peer, ZeroTierMember, ZeroTierNetwork } from '../../db/models';
import type { Actor } from '../actor';
import { uniqueDnsLabel } from '../peers/dns-labels';
import { NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { allocatePeerAddresses } from '../peers/ipam';
import { jsonValue, parseJsonArray } from '../json';
import { recordChange } from '../audit';
import { bumpNetworkSerial } from '../serial';
import { syncPeerApproval, type ApprovalChange } from './approval';
import { hasManagedIpv4, pickPoolAddress } from './ip-assign';
import { requireNetwork } from './lookup';
import { readPools, readRoutes, readV4 } from './network-input';
import { checkNameChars } from '../names';
import { checkPeerRoom } from '../accounts/quotas';

const MAX_ARRAY = 100_000;
const UINT32 = 0xffffffff;

export interface MemberInput {
  authorized?: boolean;
  activeBridge?: boolean;
  noAutoAssignIps?: boolean;
  ssoExempt?: boolean;
  name?: string;
  ipAssignments?: string[];
  tags?: [number, number | boolean][];
  capabilities?: number[];
  remoteTraceTarget?: string | null;
  remoteTraceLevel?: number;
  authenticationExpiryTime?: number;
}

export type MemberWithPeer = ZeroTierMember & { peer: Pick<Peer, 'version'> };

function fail(message: string): never {
  throw new ValidationError(message);
}

type MemberData = Partial<
  Pick<
    ZeroTierMember,
    | 'authorized'
    | 'activeBridge'
    | 'noAutoAssignIps'
    | 'ssoExempt'
    | 'name'
    | 'ipAssignments'
    | 'tags'
    | 'capabilities'
    | 'remoteTraceTarget'
    | 'remoteTraceLevel'
    | 'authenticationExpiryTime'
    | 'lastAuthorizedTime'
    | 'lastDeauthorizedTime'
    | 'lastAuthorizedCredentialType'
  >
>;

function memberData(input: MemberInput): MemberData {
  const d: MemberData = {};
  if (input.activeBridge !== undefined) d.activeBridge = input.activeBridge;
  if (input.noAutoAssignIps !== undefined) d.noAutoAssignIps = input.noAutoAssignIps;
  if (input.ssoExempt !== undefined) d.ssoExempt = input.ssoExempt;
  if (input.name !== undefined) {
    if (input.name.length > 255) fail('name: at most 255 characters');
    checkNameChars(input.name);
    d.name = input.name;
  }
  if (input.ipAssignments !== undefined) {
    if (input.ipAssignments.length > MAX_ARRAY) fail('ipAssignments: too many addresses');
    input.ipAssignments.forEach((ip, i) => isIP(ip) || fail(`ipAssignments[${i}]: ${JSON.stringify(ip)} is not an IP address`));
    d.ipAssignments = jsonValue(input.ipAssignments);
  }
  if (input.tags !== undefined) {
    input.tags.forEach(([id, value], i) => {
      if (id < 0 || id > UINT32) fail(`tags[${i}]: tag ids are 32-bit unsigned integers`);
      if (typeof value === 'number' && (value < 0 || value > UINT32)) fail(`tags[${i}]: tag values are 32-bit unsigned integers`);
    });
    d.tags = jsonValue(input.tags);
  }
  if (input.capabilities !== undefined) {
    input.capabilities.forEach((c, i) => (c >= 0 && c <= UINT32) || fail(`capabilities[${i}]: capability ids are 32-bit unsigned integers`));
    d.capabilities = jsonValue(input.capabilities);
  }
  if (input.remoteTraceTarget !== undefined) {
    const t = (input.remoteTraceTarget ?? '').toLowerCase();
    if (t && !/^[0-9a-f]{10}$/.test(t)) fail('remoteTraceTarget: must be a 10-hex-digit node address or null');
    d.remoteTraceTarget = t;
  }
  if (input.remoteTraceLevel !== undefined) {
    if (input.remoteTraceLevel < 0 || input.remoteTraceLevel > 255) fail('remoteTraceLevel: must be between 0 and 255');
    d.remoteTraceLevel = input.remoteTraceLevel;
  }
  if (input.authenticationExpiryTime !== undefined) {
    if (input.authenticationExpiryTime < 0) fail('authenticationExpiryTime: must not be negative');
    d.authenticationExpiryTime = BigInt(input.authenticationExpiryTime);
  }
  return d;
}

export async function listMemberRevisions(db: Tx, actor: Actor, nwid: string): Promise<Record<string, number>> {
  const network = await requireNetwork(db, actor, nwid);
  const rows = await db.zeroTierMember.findMany({ where: { networkId: network.id }, select: { address: true, revision: true }, orderBy: { address: 'asc' } });
  const out: Record<string, number> = {};
  for (const r of rows) out[r.address] = r.revision;
  return out;
}

export async function listMembers(db: Tx, actor: Actor, nwid: string): Promise<{ network: ZeroTierNetwork; members: MemberWithPeer[] }> {
  const network = await requireNetwork(db, actor, nwid);
  const members = await db.zeroTierMember.findMany({ where: { networkId: network.id }, include: { peer: { select: { version: true } } }, orderBy: { address: 'asc' } });
  return { network, members };
}

export async function getMember(db: Tx, actor: Actor, nwid: string, address: string): Promise<MemberWithPeer> {
  const network = await requireNetwork(db, actor, nwid);
  const m = await db.zeroTierMember.findUnique({ where: { networkId_address: { networkId: network.id, address } }, include: { peer: { select: { version: true } } } });
  if (!m) throw new NotFoundError('member', address);
  return m;
}

/** The account's peer for a node address, created (waiting for approval) when there is none. */
async function peerForAddress(db: Tx, accountId: string, address: string, name: string): Promise<{ peer: Peer; created: boolean }> {
  const found = await db.peer.findUnique({ where: { accountId_ztAddress: { accountId, ztAddress: address } } });
  if (found) return { peer: found, created: false };
  await checkPeerRoom(db, accountId);
  const { ip, ipv6 } = await allocatePeerAddresses(db, accountId);
  const peerName = name || address;
  const peer = await db.peer.create({
    data: {
      id: newId(),
      accountId,
      name: peerName,
      hostname: peerName,
      dnsLabel: await uniqueDnsLabel(db, accountId, peerName),
      ip,
      ipv6,
      // Peers need a unique key; a ZeroTier node has no WireGuard key, so its address stands in.
      wgPubKey: `zt:${address}`,
      ztAddress: address,
      approvalRequired: true,
    },
  });
  await bumpNetworkSerial(db, accountId);
  return { peer, created: true };
}

async function usedAddresses(db: Tx, networkId: string, exceptMemberId?: string): Promise<Set<string>> {
  const rows = await db.zeroTierMember.findMany({ where: { networkId, ...(exceptMemberId ? { id: { not: exceptMemberId } } : {}) }, select: { ipAssignments: true } });
  const used = new Set<string>();
  for (const r of rows) if (r.ipAssignments !== '[]') for (const ip of parseJsonArray<string>(r.ipAssignments)) used.add(ip);
  return used;
}

/** An address from the pools for an authorized member that needs one, or null. */
async function poolAddressFor(db: Tx, network: ZeroTierNetwork, m: { id?: string; address: string; authorized: boolean; noAutoAssignIps: boolean; ipAssignments: string[] }) {
  if (!m.authorized || m.noAutoAssignIps || !readV4(network.v4AssignMode).zt) return null;
  const routes = readRoutes(network.routes);
  const pools = readPools(network.ipAssignmentPools);
  if (!pools.length || hasManagedIpv4(m.ipAssignments, routes)) return null;
  return pickPoolAddress(m.address, pools, routes, await usedAddresses(db, network.id, m.id));
}

/** Gives every authorized member without a managed address one from the pools; returns how many. */
export async function assignPoolAddresses(db: Tx, network: ZeroTierNetwork): Promise<number> {
  if (!readV4(network.v4AssignMode).zt) return 0;
  const routes = readRoutes(network.routes);
  const pools = readPools(network.ipAssignmentPools);
  if (!pools.length) return 0;
  const members = await db.zeroTierMember.findMany({ where: { networkId: network.id }, select: { id: true, address: true, authorized: true, noAutoAssignIps: true, ipAssignments: true }, orderBy: { address: 'asc' } });
  const used = new Set<string>();
  for (const m of members) for (const ip of parseJsonArray<string>(m.ipAssignments)) used.add(ip);
  let n = 0;
  for (const m of members) {
    const ips = parseJsonArray<string>(m.ipAssignments);
    if (!m.authorized || m.noAutoAssignIps || hasManagedIpv4(ips, routes)) continue;
    const ip = pickPoolAddress(m.address, pools, routes, used);
    if (!ip) break;
    used.add(ip);
    await db.zeroTierMember.update({ where: { id: m.id }, data: { ipAssignments: jsonValue([...ips, ip]), revision: { increment: 1 } } });
    n++;
  }
  return n;
}

export interface MemberWrite {
  member: MemberWithPeer;
  network: ZeroTierNetwork;
  created: boolean;
  peerCreated: boolean;
  changed: string[];
  authorizedChange?: boolean;
  approvals: ApprovalChange[];
}

const memberTarget = (nwid: string, address: string) => `${nwid}/${address}`;

/**
 * POST /controller/network/{nwid}/member/{address}: create or update; revision increases on change.
 * Records the peer it created, the member added or updated, its (de)authorization, then the
 * approvals that changed with it.
 */
export async function saveMember(db: Tx, actor: Actor, nwid: string, address: string, input: MemberInput, now = Date.now()): Promise<MemberWrite> {
  const network = await requireNetwork(db, actor, nwid);
  const data = memberData(input);
  let existing = await db.zeroTierMember.findUnique({ where: { networkId_address: { networkId: network.id, address } } });
  let peerCreated = false;
  let created = false;
  if (!existing) {
    const { peer, created: pc } = await peerForAddress(db, actor.accountId, address, input.name ?? '');
    peerCreated = pc;
    existing = await db.zeroTierMember.create({ data: { id: newId(), accountId: actor.accountId, networkId: network.id, peerId: peer.id, address, revision: 0, creationTime: new Date(now) } });
    created = true;
  }
  let authorizedChange: boolean | undefined;
  if (input.authorized !== undefined && input.authorized !== existing.authorized) {
    authorizedChange = input.authorized;
    data.authorized = input.authorized;
    if (input.authorized) {
      data.lastAuthorizedTime = BigInt(now);
      data.lastAuthorizedCredentialType = 'api';
    } else data.lastDeauthorizedTime = BigInt(now);
  }
  const ipsAfter = parseJsonArray<string>(data.ipAssignments ?? existing.ipAssignments);
  const poolIp = await poolAddressFor(db, network, {
    id: existing.id,
    address,
    authorized: data.authorized ?? existing.authorized,
    noAutoAssignIps: data.noAutoAssignIps ?? existing.noAutoAssignIps,
    ipAssignments: ipsAfter,
  });
  if (poolIp) data.ipAssignments = jsonValue([...ipsAfter, poolIp]);
  const changed = (Object.keys(data) as (keyof MemberData)[]).filter((k) => existing[k] !== data[k]);
  let member = existing;
  if (changed.length || created) {
    member = await db.zeroTierMember.update({ where: { id: existing.id }, data: { ...data, revision: { increment: 1 } } });
  }
  const target = memberTarget(nwid, address);
  if (peerCreated) await recordChange(db, actor, { code: 'peer.user.add', activity: 'Peer added', targetId: member.peerId, meta: { name: member.name || address, zt_address: address, network_id: nwid } });
  if (created) await recordChange(db, actor, { code: 'zerotier.member.add', activity: 'ZeroTier member added', targetId: target, meta: { network_id: nwid, address, peer_id: member.peerId } });
  else if (changed.some((k) => k !== 'authorized' && !k.startsWith('last'))) {
    await recordChange(db, actor, { code: 'zerotier.member.update', activity: 'ZeroTier member updated', targetId: target, meta: { network_id: nwid, address, fields: changed } });
  }
  if (authorizedChange !== undefined) {
    await recordChange(db, actor, {
      code: authorizedChange ? 'zerotier.member.authorize' : 'zerotier.member.deauthorize',
      activity: authorizedChange ? 'ZeroTier member authorized' : 'ZeroTier member deauthorized',
      targetId: target,
      meta: { network_id: nwid, address, peer_id: member.peerId },
    });
  }
  const approvals = authorizedChange !== undefined || created ? await syncPeerApproval(db, actor, [member.peerId], nwid) : [];
  const version = (await db.peer.findUnique({ where: { id: member.peerId }, select: { version: true } }))?.version ?? '';
  return { member: { ...member, peer: { version } }, network, created, peerCreated, changed, authorizedChange, approvals };
}

/** Deletes the member and records it, then the approval its peer may lose. */
export async function deleteMember(db: Tx, actor: Actor, nwid: string, address: string): Promise<{ member: MemberWithPeer; approvals: ApprovalChange[] }> {
  const member = await getMember(db, actor, nwid, address);
  await db.zeroTierMember.delete({ where: { id: member.id } });
  await recordChange(db, actor, {
    code: 'zerotier.member.delete',
    activity: 'ZeroTier member deleted',
    targetId: memberTarget(nwid, member.address),
    meta: { network_id: nwid, address: member.address, peer_id: member.peerId },
  });
  const approvals = await syncPeerApproval(db, actor, [member.peerId], nwid);
  return { member, approvals };
}
