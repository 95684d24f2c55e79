// The service side of meshdeck's ZeroTier node, per account: the networks it joined, the moons it
// orbits, its local settings (local.conf "settings"), and the nodes it knows (the account's members).
import type { Tx } from '../../db/client';
import type { Peer, ZeroTierJoin, ZeroTierMoon, ZeroTierNetwork } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { jsonValue, parseJsonArray, parseJsonObject } from '../json';
import { parsePrefix, ipFamily } from '../validate-net';
import { nodeIdentity } from './identity';

export interface JoinSettings {
  allowManaged?: boolean;
  allowGlobal?: boolean;
  allowDefault?: boolean;
  allowDNS?: boolean;
}

export interface JoinedNetwork {
  join: ZeroTierJoin;
  /** The controller network when it is one of this account's. */
  network: ZeroTierNetwork | null;
  /** This node's membership in it, when it has one. */
  self: { authorized: boolean; ipAssignments: string[] } | null;
  controller: string;
}

async function describeJoin(db: Tx, join: ZeroTierJoin): Promise<JoinedNetwork> {
  const { address } = await nodeIdentity(db);
  const network = await db.zeroTierNetwork.findFirst({ where: { nwid: join.nwid, accountId: join.accountId } });
  const m = network ? await db.zeroTierMember.findUnique({ where: { networkId_address: { networkId: network.id, address } } }) : null;
  return { join, network, self: m ? { authorized: m.authorized, ipAssignments: parseJsonArray<string>(m.ipAssignments) } : null, controller: address };
}

export async function listJoined(db: Tx, actor: Actor): Promise<JoinedNetwork[]> {
  const joins = await db.zeroTierJoin.findMany({ where: { accountId: actor.accountId }, orderBy: { nwid: 'asc' } });
  return Promise.all(joins.map((j) => describeJoin(db, j)));
}

export async function getJoined(db: Tx, actor: Actor, nwid: string): Promise<JoinedNetwork> {
  const join = await db.zeroTierJoin.findUnique({ where: { accountId_nwid: { accountId: actor.accountId, nwid } } });
  if (!join) throw new NotFoundError('joined network', nwid);
  return describeJoin(db, join);
}

/** POST /network/{nwid}: joins (when not joined yet) and applies the allow* settings; records either. */
export async function joinNetwork(db: Tx, actor: Actor, nwid: string, s: JoinSettings): Promise<{ joined: JoinedNetwork; created: boolean; changed: boolean }> {
  const existing = await db.zeroTierJoin.findUnique({ where: { accountId_nwid: { accountId: actor.accountId, nwid } } });
  if (!existing) {
    const join = await db.zeroTierJoin.create({ data: { id: newId(), accountId: actor.accountId, nwid, ...s } });
    await recordChange(db, actor, { code: 'zerotier.network.join', activity: 'ZeroTier network joined', targetId: nwid, meta: { ...s } });
    return { joined: await describeJoin(db, join), created: true, changed: true };
  }
  const changed = (Object.keys(s) as (keyof JoinSettings)[]).some((k) => existing[k] !== s[k]);
  const join = changed ? await db.zeroTierJoin.update({ where: { id: existing.id }, data: s }) : existing;
  if (changed) await recordChange(db, actor, { code: 'zerotier.network.join.update', activity: 'ZeroTier network settings changed', targetId: nwid, meta: { ...s } });
  return { joined: await describeJoin(db, join), created: false, changed };
}

export async function leaveNetwork(db: Tx, actor: Actor, nwid: string): Promise<ZeroTierJoin> {
  const join = await db.zeroTierJoin.findUnique({ where: { accountId_nwid: { accountId: actor.accountId, nwid } } });
  if (!join) throw new NotFoundError('joined network', nwid);
  await db.zeroTierJoin.delete({ where: { id: join.id } });
  await recordChange(db, actor, { code: 'zerotier.network.leave', activity: 'ZeroTier network left', targetId: join.nwid });
  return join;
}

// --- peers this node knows: the account's ZeroTier members' peers ---

export type KnownPeer = Pick<Peer, 'id' | 'name' | 'ztAddress' | 'version' | 'connected' | 'connectionIp' | 'lastSeen'>;
const PEER_FIELDS = { id: true, name: true, ztAddress: true, version: true, connected: true, connectionIp: true, lastSeen: true } as const;

export async function listKnownPeers(db: Tx, actor: Actor): Promise<KnownPeer[]> {
  return db.peer.findMany({ where: { accountId: actor.accountId, ztAddress: { not: null } }, select: PEER_FIELDS, orderBy: { ztAddress: 'asc' } });
}

export async function getKnownPeer(db: Tx, actor: Actor, address: string): Promise<KnownPeer> {
  const p = await db.peer.findUnique({ where: { accountId_ztAddress: { accountId: actor.accountId, ztAddress: address } }, select: PEER_FIELDS });
  if (!p) throw new NotFoundError('peer', address);
  return p;
}

// --- moons ---

export async function listMoons(db: Tx, actor: Actor): Promise<ZeroTierMoon[]> {
  return db.zeroTierMoon.findMany({ where: { accountId: actor.accountId }, orderBy: { moonId: 'asc' } });
}

export async function getMoon(db: Tx, actor: Actor, moonId: string): Promise<ZeroTierMoon> {
  const m = await db.zeroTierMoon.findUnique({ where: { accountId_moonId: { accountId: actor.accountId, moonId } } });
  if (!m) throw new NotFoundError('moon', moonId);
  return m;
}

/** POST /moon/{id}: orbit with a seed; an orbited moon is returned as it is; no seed and no moon → 404. */
export async function orbitMoon(db: Tx, actor: Actor, moonId: string, seed: string | undefined): Promise<{ moon: ZeroTierMoon; created: boolean }> {
  const existing = await db.zeroTierMoon.findUnique({ where: { accountId_moonId: { accountId: actor.accountId, moonId } } });
  if (existing) return { moon: existing, created: false };
  if (!seed) throw new NotFoundError('moon', moonId);
  const moon = await db.zeroTierMoon.create({ data: { id: newId(), accountId: actor.accountId, moonId, seed } });
  await recordChange(db, actor, { code: 'zerotier.moon.orbit', activity: 'ZeroTier moon orbited', targetId: moon.moonId, meta: { seed: moon.seed } });
  return { moon, created: true };
}

export async function deorbitMoon(db: Tx, actor: Actor, moonId: string): Promise<ZeroTierMoon> {
  const moon = await getMoon(db, actor, moonId);
  await db.zeroTierMoon.delete({ where: { id: moon.id } });
  await recordChange(db, actor, { code: 'zerotier.moon.deorbit', activity: 'ZeroTier moon deorbited', targetId: moon.moonId });
  return moon;
}

export async function moonAddresses(db: Tx, accountId: string): Promise<Set<string>> {
  return new Set((await db.zeroTierMoon.findMany({ where: { accountId }, select: { moonId: true } })).map((m) => m.moonId));
}

// --- local settings ---

export interface NodeSettings {
  primaryPort?: number;
  secondaryPort?: number;
  tertiaryPort?: number;
  allowSecondaryPort?: boolean;
  portMappingEnabled?: boolean;
  allowTcpFallbackRelay?: boolean;
  forceTcpRelay?: boolean;
  lowBandwidthMode?: boolean;
  softwareUpdate?: 'apply' | 'download' | 'disable';
  softwareUpdateChannel?: string;
  interfacePrefixBlacklist?: string[];
  allowManagementFrom?: string[];
  bind?: string[];
  multipathMode?: number;
  iptablesEnabled?: boolean;
  iptablesWanInterface?: string;
  iptablesUdpPort?: number;
}

export const DEFAULT_SETTINGS: Required<NodeSettings> = {
  primaryPort: 9993,
  secondaryPort: 0,
  tertiaryPort: 0,
  allowSecondaryPort: true,
  portMappingEnabled: true,
  allowTcpFallbackRelay: true,
  forceTcpRelay: false,
  lowBandwidthMode: false,
  softwareUpdate: 'disable',
  softwareUpdateChannel: 'release',
  interfacePrefixBlacklist: [],
  allowManagementFrom: [],
  bind: [],
  multipathMode: 0,
  iptablesEnabled: false,
  iptablesWanInterface: '',
  iptablesUdpPort: 9993,
};

function checkSettings(s: NodeSettings): void {
  for (const k of ['primaryPort', 'secondaryPort', 'tertiaryPort', 'iptablesUdpPort'] as const) {
    const v = s[k];
    if (v !== undefined && (v < 0 || v > 65535)) throw new ValidationError(`${k}: must be a port number (0-65535)`);
  }
  if (s.multipathMode !== undefined && (s.multipathMode < 0 || s.multipathMode > 2)) throw new ValidationError('multipathMode: must be 0, 1 or 2');
  s.allowManagementFrom?.forEach((c, i) => {
    if (!parsePrefix(c) && !ipFamily(c)) throw new ValidationError(`allowManagementFrom[${i}]: ${JSON.stringify(c)} is not an IP network`);
  });
  s.bind?.forEach((ip, i) => ipFamily(ip) || (() => { throw new ValidationError(`bind[${i}]: ${JSON.stringify(ip)} is not an IP address`); })());
  if (s.iptablesWanInterface && !/^[a-zA-Z0-9_.-]{1,16}$/.test(s.iptablesWanInterface)) throw new ValidationError('iptablesWanInterface: not a network device name');
}

/** The settings that were set (what GET /config shows). */
export async function storedSettings(db: Tx, accountId: string): Promise<NodeSettings> {
  const row = await db.zeroTierNode.findUnique({ where: { accountId } });
  return parseJsonObject<NodeSettings>(row?.settings) ?? {};
}

export async function effectiveSettings(db: Tx, accountId: string): Promise<Required<NodeSettings>> {
  return { ...DEFAULT_SETTINGS, ...(await storedSettings(db, accountId)) };
}

/** Merges the given settings into the stored ones. */
async function mergeSettings(db: Tx, actor: Actor, s: NodeSettings): Promise<{ settings: NodeSettings; changed: string[] }> {
  checkSettings(s);
  const current = await storedSettings(db, actor.accountId);
  const changed = (Object.keys(s) as (keyof NodeSettings)[]).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(s[k]));
  const settings = { ...current, ...s };
  if (changed.length) {
    const data = { settings: jsonValue(settings), updatedAt: new Date() };
    await db.zeroTierNode.upsert({ where: { accountId: actor.accountId }, create: { accountId: actor.accountId, ...data }, update: data });
  }
  return { settings, changed };
}

/** POST /config/settings: merges the given settings into the stored ones; records a change. */
export async function updateSettings(db: Tx, actor: Actor, s: NodeSettings): Promise<{ settings: NodeSettings; changed: string[] }> {
  const r = await mergeSettings(db, actor, s);
  if (r.changed.length) await recordChange(db, actor, { code: 'zerotier.settings.update', activity: 'ZeroTier node settings changed', targetId: actor.accountId, meta: { fields: r.changed } });
  return r;
}

export interface IptablesInput {
  enabled: boolean;
  wanInterface?: string;
  udpPort?: number;
}

/** POST /iptables: the iptables integration's settings (absent fields stay); records a change. */
export async function updateIptables(db: Tx, actor: Actor, input: IptablesInput): Promise<{ settings: NodeSettings; changed: string[] }> {
  const r = await mergeSettings(db, actor, {
    iptablesEnabled: input.enabled,
    ...(input.wanInterface !== undefined ? { iptablesWanInterface: input.wanInterface } : {}),
    ...(input.udpPort !== undefined ? { iptablesUdpPort: input.udpPort } : {}),
  });
  if (r.changed.length) {
    await recordChange(db, actor, { code: 'zerotier.iptables.update', activity: 'ZeroTier iptables integration changed', targetId: actor.accountId, meta: { fields: r.changed, enabled: input.enabled } });
  }
  return r;
}
