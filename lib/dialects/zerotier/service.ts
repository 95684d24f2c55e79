// ZeroTier One service wire shapes: /status, /health, joined networks, peers, moons, local config.
import { z } from 'zod';
import type { ZeroTierMoon } from '../../db/models';
import { parseJsonObject } from '../../domain/json';
import type { NodeIdentity } from '../../domain/zerotier/identity';
import type { JoinedNetwork, KnownPeer, NodeSettings } from '../../domain/zerotier/node';
import { readRoutes } from '../../domain/zerotier/network-input';
import { parsePrefix, ipFamily } from '../../domain/validate-net';
import { ipv4ToInt } from '../../domain/peers/ipam';

/** The ZeroTier One release whose API meshdeck answers as. */
export const ZT_VERSION = { major: 1, minor: 14, rev: 2, build: 0 };
const VERSION = `${ZT_VERSION.major}.${ZT_VERSION.minor}.${ZT_VERSION.rev}`;
/** ZeroTier's default planet ("Earth"). */
const PLANET = { id: 149604618, timestamp: 1644592324813 };

export const joinBody = z.object({ allowManaged: z.boolean(), allowGlobal: z.boolean(), allowDefault: z.boolean(), allowDNS: z.boolean() }).partial();
export const moonBody = z.object({ seed: z.string() }).partial();
export const peerBody = z.object({}).passthrough();

const port = z.number().int();
export const settingsBody = z
  .object({
    primaryPort: port,
    secondaryPort: port,
    tertiaryPort: port,
    allowSecondaryPort: z.boolean(),
    portMappingEnabled: z.boolean(),
    allowTcpFallbackRelay: z.boolean(),
    forceTcpRelay: z.boolean(),
    lowBandwidthMode: z.boolean(),
    softwareUpdate: z.enum(['apply', 'download', 'disable']),
    softwareUpdateChannel: z.string(),
    interfacePrefixBlacklist: z.array(z.string()),
    allowManagementFrom: z.array(z.string()),
    bind: z.array(z.string()),
    multipathMode: z.number().int(),
    iptablesEnabled: z.boolean(),
    iptablesWanInterface: z.string(),
    iptablesUdpPort: port,
  })
  .partial()
  .strict();

export const iptablesBody = z.object({ enabled: z.boolean(), wanInterface: z.string().optional(), udpPort: port.optional() }).strict();

export function toZtStatus(id: NodeIdentity, settings: Required<NodeSettings>, online: boolean, now = Date.now()) {
  return {
    address: id.address,
    publicIdentity: id.publicIdentity,
    online,
    tcpFallbackActive: false,
    version: VERSION,
    versionMajor: ZT_VERSION.major,
    versionMinor: ZT_VERSION.minor,
    versionRev: ZT_VERSION.rev,
    versionBuild: ZT_VERSION.build,
    clock: now,
    planetWorldId: PLANET.id,
    planetWorldTimestamp: PLANET.timestamp,
    config: { settings: { ...settings, listeningOn: [], surfaceAddresses: [] } },
  };
}

export function toZtHealth(online: boolean, now = Date.now()) {
  return { online, version: VERSION, versionMajor: ZT_VERSION.major, versionMinor: ZT_VERSION.minor, versionRev: ZT_VERSION.rev, versionBuild: ZT_VERSION.build, clock: now };
}

/** ZeroTier's MAC for a node on a network (MAC::fromAddress): 0x02-prefixed, XORed with the nwid. */
export function ztMac(address: string, nwid: string): string {
  const nw = BigInt(`0x${nwid}`);
  let first = Number(nw & 0xfen) | 0x02;
  if (first === 0x52) first = 0x32;
  let m = (BigInt(first) << 40n) | BigInt(`0x${address}`);
  m ^= ((nw >> 8n) & 0xffn) << 32n;
  m ^= ((nw >> 16n) & 0xffn) << 24n;
  m ^= ((nw >> 24n) & 0xffn) << 16n;
  m ^= ((nw >> 32n) & 0xffn) << 8n;
  m ^= (nw >> 40n) & 0xffn;
  return m.toString(16).padStart(12, '0').match(/../g)!.join(':');
}

/** Linux-style device name: "zt" and the network id folded to 40 bits in base32. */
function deviceName(nwid: string): string {
  const nw = BigInt(`0x${nwid}`);
  let v = (nw ^ (nw >> 24n)) & 0xffffffffffn;
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let s = '';
  for (let i = 0; i < 8; i++) {
    s = alphabet[Number(v & 31n)] + s;
    v >>= 5n;
  }
  return `zt${s}`;
}

function withPrefixLength(ip: string, targets: string[]): string {
  const n = ipv4ToInt(ip);
  for (const t of targets) {
    const p = parsePrefix(t);
    if (!p) continue;
    if (n !== null && p.family === 'IPv4') {
      const mask = p.bits === 0 ? 0 : (0xffffffff << (32 - p.bits)) >>> 0;
      if (((n & mask) >>> 0) === ((ipv4ToInt(p.address)! & mask) >>> 0)) return `${ip}/${p.bits}`;
    }
  }
  return `${ip}/${ipFamily(ip) === 'IPv6' ? 128 : 32}`;
}

/**
 * A joined network as the service reports it. meshdeck's node only has configuration for networks of
 * its own controller in the same account: OK when it is an authorized member (or the network is
 * public), ACCESS_DENIED otherwise, NOT_FOUND for an id of this controller it does not host for the
 * account; networks of other controllers stay REQUESTING_CONFIGURATION.
 */
export function toZtJoinedNetwork(j: JoinedNetwork) {
  const n = j.network;
  const status = n
    ? j.self?.authorized || !n.private
      ? 'OK'
      : 'ACCESS_DENIED'
    : j.join.nwid.startsWith(j.controller)
      ? 'NOT_FOUND'
      : 'REQUESTING_CONFIGURATION';
  const routes = n && status === 'OK' ? readRoutes(n.routes) : [];
  const dns = n ? parseJsonObject<{ domain?: string; servers?: string[] }>(n.dns) : null;
  return {
    id: j.join.nwid,
    nwid: j.join.nwid,
    mac: ztMac(j.controller, j.join.nwid),
    name: n?.name ?? '',
    status,
    type: n && !n.private ? 'PUBLIC' : 'PRIVATE',
    mtu: n?.mtu ?? 2800,
    dhcp: false,
    bridge: false,
    broadcastEnabled: n?.enableBroadcast ?? false,
    portError: 0,
    netconfRevision: n && status === 'OK' ? n.revision : 0,
    assignedAddresses: status === 'OK' && j.self ? j.self.ipAssignments.map((ip) => withPrefixLength(ip, routes.map((r) => r.target))) : [],
    // The service spec types `via` as a string: routes without a gateway leave it out.
    routes: routes.map((r) => ({ target: r.target, ...(r.via ? { via: r.via } : {}), flags: 0, metric: 0 })),
    portDeviceName: deviceName(j.join.nwid),
    allowManaged: j.join.allowManaged,
    allowGlobal: j.join.allowGlobal,
    allowDefault: j.join.allowDefault,
    allowDNS: j.join.allowDNS,
    dns: { domain: dns?.domain ?? '', servers: status === 'OK' ? (dns?.servers ?? []) : [] },
    multicastSubscriptions: [],
  };
}

export function toZtPeer(p: KnownPeer) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(p.version);
  const [maj, min, rev] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [-1, -1, -1];
  const seen = p.lastSeen.getTime();
  const host = p.connectionIp.replace(/:\d+$/, '');
  return {
    address: p.ztAddress!,
    isBonded: false,
    latency: p.connected ? 0 : -1,
    paths: host
      ? [{ active: p.connected, address: `${host}/9993`, expired: !p.connected, lastReceive: seen, lastSend: seen, preferred: true, trustedPathId: 0 }]
      : [],
    role: 'LEAF',
    tunneled: false,
    version: `${maj}.${min}.${rev}`,
    versionMajor: maj,
    versionMinor: min,
    versionRev: rev,
  };
}

/** A moon meshdeck was told to orbit; meshdeck never fetches its world, so it stays "waiting". */
export function toZtMoon(m: ZeroTierMoon) {
  return { id: m.moonId.padStart(16, '0'), seed: m.seed, roots: [], timestamp: 0, signature: null, updatesMustBeSignedBy: null, waiting: true };
}

export function toZtConfig(stored: NodeSettings) {
  return { physical: {}, virtual: {}, settings: stored };
}
