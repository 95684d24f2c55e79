// The values of a controller network as ZeroTier accepts them: the dialect has checked JSON types;
// here are the rules on values (ranges, addresses, limits), with ZeroTier's own limits
// (ZT_MAX_NETWORK_ROUTES, _RULES, _CAPABILITIES, _TAGS, ZT_MAX_DNS_SERVERS).
// Routes, pools, rules, capabilities and tags are stored exactly as given once they pass.
import { ValidationError } from '../errors';
import { ipv4ToInt } from '../peers/ipam';
import { jsonValue, parseJsonArray, parseJsonObject } from '../json';
import { ipFamily, ipv6Words, normalizeDomain, parsePrefix } from '../validate-net';
import { checkNameChars } from '../names';

export const ZT_MIN_MTU = 1280;
export const ZT_MAX_MTU = 10000;
const MAX_ROUTES = 64;
const MAX_POOLS = 64;
const MAX_RULES = 1024;
const MAX_CAPABILITIES = 128;
const MAX_TAGS = 128;
const MAX_DNS_SERVERS = 4;
const UINT32 = 0xffffffff;

export interface ZtRoute {
  target: string;
  via?: string | null;
}
export interface ZtPool {
  ipRangeStart: string;
  ipRangeEnd: string;
}
export type V4AssignMode = { zt: boolean };
export type V6AssignMode = { rfc4193: boolean; zt: boolean; '6plane': boolean };

export interface NetworkInput {
  name?: string;
  private?: boolean;
  enableBroadcast?: boolean;
  mtu?: number;
  multicastLimit?: number;
  v4AssignMode?: string | { zt?: boolean };
  v6AssignMode?: string | { rfc4193?: boolean; zt?: boolean; '6plane'?: boolean };
  routes?: ZtRoute[];
  ipAssignmentPools?: ZtPool[];
  rules?: Record<string, unknown>[];
  rulesSource?: string;
  capabilities?: Record<string, unknown>[];
  tags?: Record<string, unknown>[];
  dns?: { domain?: string; servers?: string[] } | unknown[];
  remoteTraceTarget?: string | null;
  remoteTraceLevel?: number;
}

/** The stored columns an input sets (JSON columns already encoded). */
export type NetworkData = Partial<{
  name: string;
  private: boolean;
  enableBroadcast: boolean;
  mtu: number;
  multicastLimit: number;
  v4AssignMode: string;
  v6AssignMode: string;
  routes: string;
  ipAssignmentPools: string;
  rules: string;
  rulesSource: string;
  capabilities: string;
  tags: string;
  dns: string;
  remoteTraceTarget: string;
  remoteTraceLevel: number;
}>;

export const DEFAULT_RULES = [{ not: false, or: false, type: 'ACTION_ACCEPT' }];
export const DEFAULT_V4: V4AssignMode = { zt: false };
export const DEFAULT_V6: V6AssignMode = { rfc4193: false, zt: false, '6plane': false };

function fail(message: string): never {
  throw new ValidationError(message);
}

/** Compares two addresses of one family; null when they are of different families or invalid. */
export function compareIps(a: string, b: string): number | null {
  const fa = ipFamily(a);
  if (!fa || fa !== ipFamily(b)) return null;
  if (fa === 'IPv4') return ipv4ToInt(a)! - ipv4ToInt(b)!;
  const wa = ipv6Words(a)!;
  const wb = ipv6Words(b)!;
  for (let i = 0; i < 8; i++) if (wa[i] !== wb[i]) return wa[i] - wb[i];
  return 0;
}

function v4Mode(v: NonNullable<NetworkInput['v4AssignMode']>): V4AssignMode {
  // ZeroTier still accepts the old string form ("zt").
  if (typeof v === 'string') return { zt: v === 'zt' };
  return { zt: v.zt ?? false };
}

function v6Mode(v: NonNullable<NetworkInput['v6AssignMode']>): V6AssignMode {
  if (typeof v === 'string') {
    const modes = new Set(v.split(',').map((s) => s.trim()));
    return { rfc4193: modes.has('rfc4193'), zt: modes.has('zt'), '6plane': modes.has('6plane') };
  }
  return { rfc4193: v.rfc4193 ?? false, zt: v.zt ?? false, '6plane': v['6plane'] ?? false };
}

function checkRoutes(routes: ZtRoute[]): void {
  if (routes.length > MAX_ROUTES) fail(`routes: at most ${MAX_ROUTES} routes`);
  routes.forEach((r, i) => {
    const p = parsePrefix(r.target);
    if (!p) fail(`routes[${i}].target: ${JSON.stringify(r.target)} is not an IP network (e.g. 10.147.20.0/24)`);
    if (r.via !== undefined && r.via !== null && r.via !== '' && ipFamily(r.via) !== p.family) {
      fail(`routes[${i}].via: ${JSON.stringify(r.via)} is not an ${p.family} address`);
    }
  });
}

function checkPools(pools: ZtPool[]): void {
  if (pools.length > MAX_POOLS) fail(`ipAssignmentPools: at most ${MAX_POOLS} pools`);
  pools.forEach((p, i) => {
    if (!ipFamily(p.ipRangeStart)) fail(`ipAssignmentPools[${i}].ipRangeStart: ${JSON.stringify(p.ipRangeStart)} is not an IP address`);
    if (!ipFamily(p.ipRangeEnd)) fail(`ipAssignmentPools[${i}].ipRangeEnd: ${JSON.stringify(p.ipRangeEnd)} is not an IP address`);
    const c = compareIps(p.ipRangeStart, p.ipRangeEnd);
    if (c === null) fail(`ipAssignmentPools[${i}]: start and end must be of the same address family`);
    if (c > 0) fail(`ipAssignmentPools[${i}]: ipRangeStart is after ipRangeEnd`);
  });
}

function checkDns(dns: NonNullable<NetworkInput['dns']>): string {
  if (Array.isArray(dns)) {
    if (dns.length) fail('dns: must be an object {domain, servers} or an empty array');
    return '[]';
  }
  const domain = dns.domain ?? '';
  if (domain && !normalizeDomain(domain)) fail(`dns.domain: ${JSON.stringify(domain)} is not a domain name`);
  const servers = dns.servers ?? [];
  if (servers.length > MAX_DNS_SERVERS) fail(`dns.servers: at most ${MAX_DNS_SERVERS} servers`);
  servers.forEach((s, i) => ipFamily(s) || fail(`dns.servers[${i}]: ${JSON.stringify(s)} is not an IP address`));
  return jsonValue({ domain, servers });
}

export const isZtAddress = (v: string) => /^[0-9a-f]{10}$/.test(v);

/** Checks every value and returns the columns to write. */
export function networkData(input: NetworkInput): NetworkData {
  const d: NetworkData = {};
  if (input.name !== undefined) {
    if (input.name.length > 255) fail('name: at most 255 characters');
    checkNameChars(input.name);
    d.name = input.name;
  }
  if (input.private !== undefined) d.private = input.private;
  if (input.enableBroadcast !== undefined) d.enableBroadcast = input.enableBroadcast;
  if (input.mtu !== undefined) {
    if (input.mtu < ZT_MIN_MTU || input.mtu > ZT_MAX_MTU) fail(`mtu: must be between ${ZT_MIN_MTU} and ${ZT_MAX_MTU}`);
    d.mtu = input.mtu;
  }
  if (input.multicastLimit !== undefined) {
    if (input.multicastLimit < 0 || input.multicastLimit > UINT32) fail('multicastLimit: must be between 0 and 4294967295');
    d.multicastLimit = input.multicastLimit;
  }
  if (input.v4AssignMode !== undefined) d.v4AssignMode = jsonValue(v4Mode(input.v4AssignMode));
  if (input.v6AssignMode !== undefined) d.v6AssignMode = jsonValue(v6Mode(input.v6AssignMode));
  if (input.routes !== undefined) {
    checkRoutes(input.routes);
    d.routes = jsonValue(input.routes.map((r) => ({ target: r.target, via: r.via ?? null })));
  }
  if (input.ipAssignmentPools !== undefined) {
    checkPools(input.ipAssignmentPools);
    d.ipAssignmentPools = jsonValue(input.ipAssignmentPools.map((p) => ({ ipRangeStart: p.ipRangeStart, ipRangeEnd: p.ipRangeEnd })));
  }
  if (input.rules !== undefined) {
    if (input.rules.length > MAX_RULES) fail(`rules: at most ${MAX_RULES} rules`);
    input.rules.forEach((r, i) => typeof r.type === 'string' || fail(`rules[${i}].type: every rule needs a type (e.g. "ACTION_ACCEPT")`));
    d.rules = jsonValue(input.rules);
  }
  if (input.rulesSource !== undefined) d.rulesSource = input.rulesSource;
  if (input.capabilities !== undefined) {
    if (input.capabilities.length > MAX_CAPABILITIES) fail(`capabilities: at most ${MAX_CAPABILITIES}`);
    d.capabilities = jsonValue(input.capabilities);
  }
  if (input.tags !== undefined) {
    if (input.tags.length > MAX_TAGS) fail(`tags: at most ${MAX_TAGS}`);
    d.tags = jsonValue(input.tags);
  }
  if (input.dns !== undefined) d.dns = checkDns(input.dns);
  if (input.remoteTraceTarget !== undefined) {
    const t = (input.remoteTraceTarget ?? '').toLowerCase();
    if (t && !isZtAddress(t)) fail('remoteTraceTarget: must be a 10-hex-digit node address or null');
    d.remoteTraceTarget = t;
  }
  if (input.remoteTraceLevel !== undefined) {
    if (input.remoteTraceLevel < 0 || input.remoteTraceLevel > 255) fail('remoteTraceLevel: must be between 0 and 255');
    d.remoteTraceLevel = input.remoteTraceLevel;
  }
  return d;
}

/** The values a new network starts with (ZeroTier's DB::initNetwork defaults). */
export function defaultNetworkData(): Required<NetworkData> {
  return {
    name: '',
    private: true,
    enableBroadcast: true,
    mtu: 2800,
    multicastLimit: 32,
    v4AssignMode: jsonValue(DEFAULT_V4),
    v6AssignMode: jsonValue(DEFAULT_V6),
    routes: '[]',
    ipAssignmentPools: '[]',
    rules: jsonValue(DEFAULT_RULES),
    rulesSource: '',
    capabilities: '[]',
    tags: '[]',
    dns: '[]',
    remoteTraceTarget: '',
    remoteTraceLevel: 0,
  };
}

export const readRoutes = (text: string) => parseJsonArray<ZtRoute>(text);
export const readPools = (text: string) => parseJsonArray<ZtPool>(text);
export const readV4 = (text: string): V4AssignMode => ({ ...DEFAULT_V4, ...(parseJsonObject<V4AssignMode>(text) ?? {}) });
export const readV6 = (text: string): V6AssignMode => ({ ...DEFAULT_V6, ...(parseJsonObject<V6AssignMode>(text) ?? {}) });
