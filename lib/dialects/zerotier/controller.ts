// ZeroTier controller wire shapes: request schemas (JSON types only; ZeroTier is strict about types,
// so a string where a boolean belongs is a 400) and the network and member objects it answers with.
// Read-only fields a client posts back (id, nwid, revision, clock, counts, ...) are ignored, as
// ZeroTier ignores them.
import { z } from 'zod';
import type { ZeroTierNetwork } from '../../db/models';
import { parseJsonArray, parseJsonObject } from '../../domain/json';
import type { MemberWithPeer } from '../../domain/zerotier/members';
import type { MemberCounts } from '../../domain/zerotier/networks';
import { readPools, readRoutes, readV4, readV6 } from '../../domain/zerotier/network-input';

const int = z.number().int();
const objectList = z.array(z.record(z.string(), z.unknown()));

export const networkBody = z
  .object({
    name: z.string(),
    private: z.boolean(),
    enableBroadcast: z.boolean(),
    mtu: int,
    multicastLimit: int,
    v4AssignMode: z.union([z.string(), z.object({ zt: z.boolean().optional() })]),
    v6AssignMode: z.union([z.string(), z.object({ rfc4193: z.boolean().optional(), zt: z.boolean().optional(), '6plane': z.boolean().optional() })]),
    routes: z.array(z.object({ target: z.string(), via: z.string().nullable().optional() })),
    ipAssignmentPools: z.array(z.object({ ipRangeStart: z.string(), ipRangeEnd: z.string() })),
    rules: objectList,
    rulesSource: z.string(),
    capabilities: objectList,
    tags: objectList,
    dns: z.union([z.object({ domain: z.string().optional(), servers: z.array(z.string()).optional() }), z.array(z.unknown())]),
    remoteTraceTarget: z.string().nullable(),
    remoteTraceLevel: int,
  })
  .partial();

export const memberBody = z
  .object({
    authorized: z.boolean(),
    activeBridge: z.boolean(),
    noAutoAssignIps: z.boolean(),
    ssoExempt: z.boolean(),
    name: z.string(),
    ipAssignments: z.array(z.string()),
    tags: z.array(z.tuple([int, z.union([int, z.boolean()])])),
    capabilities: z.array(int),
    remoteTraceTarget: z.string().nullable(),
    remoteTraceLevel: int,
    authenticationExpiryTime: int,
  })
  .partial();

export function toZtNetwork(n: ZeroTierNetwork, counts?: MemberCounts, now = Date.now()) {
  return {
    id: n.nwid,
    nwid: n.nwid,
    objtype: 'network',
    name: n.name,
    creationTime: n.creationTime.getTime(),
    private: n.private,
    enableBroadcast: n.enableBroadcast,
    v4AssignMode: readV4(n.v4AssignMode),
    v6AssignMode: readV6(n.v6AssignMode),
    mtu: n.mtu,
    multicastLimit: n.multicastLimit,
    revision: n.revision,
    routes: readRoutes(n.routes),
    ipAssignmentPools: readPools(n.ipAssignmentPools),
    rules: parseJsonArray(n.rules),
    rulesSource: n.rulesSource,
    capabilities: parseJsonArray(n.capabilities),
    tags: parseJsonArray(n.tags),
    dns: n.dns.trim().startsWith('[') ? [] : (parseJsonObject(n.dns) ?? []),
    // ZeroTier answers null when no trace target is set; the spec types it as a string, so it is
    // left out instead.
    ...(n.remoteTraceTarget ? { remoteTraceTarget: n.remoteTraceTarget } : {}),
    remoteTraceLevel: n.remoteTraceLevel,
    ssoEnabled: false,
    clock: now,
    ...(counts ? { authorizedMemberCount: counts.authorized, totalMemberCount: counts.total } : {}),
  };
}

/** Software version fields of a member: -1 while unknown, as ZeroTier reports them. */
function versionParts(version: string) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? { vMajor: Number(m[1]), vMinor: Number(m[2]), vRev: Number(m[3]), vProto: -1 } : { vMajor: -1, vMinor: -1, vRev: -1, vProto: -1 };
}

export function toZtMember(m: MemberWithPeer, nwid: string, now = Date.now()) {
  return {
    id: m.address,
    address: m.address,
    nwid,
    objtype: 'member',
    name: m.name,
    authorized: m.authorized,
    activeBridge: m.activeBridge,
    noAutoAssignIps: m.noAutoAssignIps,
    ssoExempt: m.ssoExempt,
    ipAssignments: parseJsonArray<string>(m.ipAssignments),
    tags: parseJsonArray(m.tags),
    capabilities: parseJsonArray<number>(m.capabilities),
    creationTime: m.creationTime.getTime(),
    lastAuthorizedTime: Number(m.lastAuthorizedTime),
    lastDeauthorizedTime: Number(m.lastDeauthorizedTime),
    lastAuthorizedCredentialType: m.lastAuthorizedCredentialType || null,
    lastAuthorizedCredential: null,
    authenticationExpiryTime: Number(m.authenticationExpiryTime),
    revision: m.revision,
    ...versionParts(m.peer.version),
    ...(m.remoteTraceTarget ? { remoteTraceTarget: m.remoteTraceTarget } : {}),
    remoteTraceLevel: m.remoteTraceLevel,
    clock: now,
  };
}

export const CONTROLLER_API_VERSION = 4;

export type ZtNetwork = ReturnType<typeof toZtNetwork>;
export type ZtMember = ReturnType<typeof toZtMember>;
