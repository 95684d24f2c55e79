// Tailscale wire shapes for devices (components.schemas.Device, DeviceRoutes) and the device
// request bodies. A device is a meshdeck peer; its `id` and `nodeId` are the peer id.
import { z } from 'zod';
import type { Account, Peer } from '../../db/models';
import { ValidationError } from '../../domain/errors';
import { parseJsonList } from '../../domain/json';

/** Go's zero time, which Tailscale sends for "never" (e.g. `expires` of a key that never expires). */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export type DeviceFields = 'default' | 'all';
export type DeviceAccount = Pick<Account, 'dnsDomain' | 'peerLoginExpirationEnabled' | 'peerLoginExpiration'>;

/** Tailscale's node key: the WireGuard public key in hex, prefixed "nodekey:". */
export function nodeKey(wgPubKey: string): string {
  const raw = Buffer.from(wgPubKey, 'base64');
  return raw.length === 32 ? `nodekey:${raw.toString('hex')}` : '';
}

function expiry(peer: Peer, account: DeviceAccount): string {
  if (!peer.userId || !peer.loginExpirationEnabled || !account.peerLoginExpirationEnabled) return ZERO_TIME;
  return new Date(peer.lastLogin.getTime() + account.peerLoginExpiration * 1000).toISOString();
}

export function deviceRoutes(peer: Peer) {
  return { advertisedRoutes: parseJsonList(peer.advertisedRoutes), enabledRoutes: parseJsonList(peer.enabledRoutes) };
}

/**
 * The `default` field set is the one the spec's `fields` parameter lists; `all` adds the routes,
 * client connectivity, SSH and posture identity. `lastSeen` is omitted while the device is
 * connected, as the spec says.
 */
export function toTailscaleDevice(peer: Peer, account: DeviceAccount, userEmail: string, fields: DeviceFields = 'default') {
  const device = {
    addresses: peer.ipv6 ? [peer.ip, peer.ipv6] : [peer.ip],
    id: peer.id,
    nodeId: peer.id,
    user: userEmail,
    name: `${peer.dnsLabel}.${account.dnsDomain}`,
    hostname: peer.hostname || peer.name,
    clientVersion: peer.version,
    updateAvailable: false,
    os: peer.os,
    created: peer.createdAt.toISOString(),
    connectedToControl: peer.connected,
    ...(peer.connected ? {} : { lastSeen: peer.lastSeen.toISOString() }),
    keyExpiryDisabled: !peer.loginExpirationEnabled,
    expires: expiry(peer, account),
    authorized: !peer.approvalRequired,
    isExternal: false,
    machineKey: '',
    nodeKey: nodeKey(peer.wgPubKey),
    blocksIncomingConnections: false,
    tailnetLockKey: '',
    tailnetLockError: '',
    tags: parseJsonList(peer.tags),
    isEphemeral: peer.ephemeral,
  };
  if (fields === 'default') return device;
  return {
    ...device,
    ...deviceRoutes(peer),
    clientConnectivity: {
      endpoints: [],
      mappingVariesByDestIP: false,
      latency: {},
      clientSupports: { hairPinning: null, ipv6: null, pcp: null, pmp: null, udp: null, upnp: null },
    },
    sshEnabled: peer.sshEnabled,
    postureIdentity: peer.serialNumber ? { serialNumbers: [peer.serialNumber] } : { disabled: true },
  };
}

export type TailscaleDevice = ReturnType<typeof toTailscaleDevice>;

/** `fields=all`, `fields=default` or a comma-separated union of them (any `all` wins). */
export const fieldsQuery = z.object({
  fields: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.split(',').every((t) => t.trim() === 'all' || t.trim() === 'default'), 'fields must be "all" or "default"')
    .transform((v): DeviceFields => (v?.split(',').some((t) => t.trim() === 'all') ? 'all' : 'default')),
});

/**
 * The list's `<field>=<value>` filters: exact matches on top-level simple properties, "contains"
 * on lists; several filters (or repeated ones) must all hold. Complex objects cannot be filtered.
 */
export function deviceFilters(params: URLSearchParams): (d: Record<string, unknown>) => boolean {
  const filters = new Map<string, string[]>();
  for (const [k, v] of params) if (k !== 'fields') filters.set(k, [...(filters.get(k) ?? []), v]);
  return (d) => {
    for (const [field, wanted] of filters) {
      const value = d[field];
      if (Array.isArray(value)) {
        if (!wanted.every((w) => value.includes(w))) return false;
      } else if (value !== null && typeof value === 'object') {
        throw new ValidationError(`cannot filter devices by ${field}: it is not a simple property`);
      } else if (value === undefined || !wanted.every((w) => String(value) === w)) {
        return false;
      }
    }
    return true;
  };
}

export const setRoutesRequest = z.object({ routes: z.array(z.string()) });
export const authorizedRequest = z.object({ authorized: z.boolean() });
export const nameRequest = z.object({ name: z.string().optional() });
export const tagsRequest = z.object({ tags: z.array(z.string()) });
export const keyRequest = z.object({ keyExpiryDisabled: z.boolean() });
export const ipRequest = z.object({ ipv4: z.string() });
