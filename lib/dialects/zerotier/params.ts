// ZeroTier's path and query patterns (OneService's route regexes), checked before anything else:
// 10 hex digits for node addresses and moons, 16 for networks, 1-6 digits for an MTU, 1-16 word
// characters for a device name, hex digits, dots and colons for an IP. Hex is case-insensitive and
// returned lower-cased.
import { isIP } from 'node:net';
import { ValidationError } from '../../domain/errors';

function bad(what: string, value: string): never {
  throw new ValidationError(`invalid ${what}: ${JSON.stringify(value)}`);
}

export function nodeAddress(v: string | null | undefined, what = 'node address (10 hex digits)'): string {
  if (!v || !/^[0-9a-fA-F]{10}$/.test(v)) bad(what, v ?? '');
  return v.toLowerCase();
}

export function networkId(v: string): string {
  if (!/^[0-9a-fA-F]{16}$/.test(v)) bad('network id (16 hex digits)', v);
  return v.toLowerCase();
}

/** A controller network path: a network id, or `<controller address>______` for a random new id. */
export function controllerNetworkTarget(v: string): { kind: 'id'; nwid: string } | { kind: 'random'; controller: string } {
  if (/^[0-9a-fA-F]{10}______$/.test(v)) return { kind: 'random', controller: v.slice(0, 10).toLowerCase() };
  return { kind: 'id', nwid: networkId(v) };
}

/** A moon id: its 10-hex-digit world id, also accepted zero-padded to 16 digits as ZeroTier prints it. */
export function moonId(v: string): string {
  if (/^[0-9a-fA-F]{10}$/.test(v)) return v.toLowerCase();
  if (/^000000[0-9a-fA-F]{10}$/.test(v)) return v.slice(6).toLowerCase();
  return bad('moon id (10 hex digits)', v);
}

export function mtu(v: string): number {
  if (!/^[0-9]{1,6}$/.test(v)) bad('MTU', v);
  return Number(v);
}

export function deviceName(v: string): string {
  if (!/^[a-zA-Z0-9_]{1,16}$/.test(v)) bad('device name', v);
  return v;
}

export function ipAddress(v: string | null | undefined): string {
  if (!v || !/^[0-9a-fA-F.:]{1,39}$/.test(v) || !isIP(v)) bad('IP address', v ?? '');
  return v.toLowerCase();
}
