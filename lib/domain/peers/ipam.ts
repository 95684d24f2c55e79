// Address management: each peer gets the next free IPv4 of the account's network range and a unique
// IPv6 in its IPv6 range. Addresses are unique per account (enforced by a database constraint too).
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../db/client';
import { ValidationError } from '../errors';

export function ipv4ToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255) || m.slice(1).some((p) => p.length > 1 && p.startsWith('0'))) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Ipv4Cidr {
  network: number;
  bits: number;
  /** First and last usable host addresses. */
  first: number;
  last: number;
}

export function parseIpv4Cidr(cidr: string): Ipv4Cidr | null {
  const [ip, bitsText, extra] = cidr.split('/');
  if (extra !== undefined || bitsText === undefined || !/^\d{1,2}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const addr = ipv4ToInt(ip);
  if (addr === null || bits > 32) return null;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const network = (addr & mask) >>> 0;
  const broadcast = (network | (~mask >>> 0)) >>> 0;
  return bits >= 31 ? { network, bits, first: network, last: broadcast } : { network, bits, first: network + 1, last: broadcast - 1 };
}

export function ipv4InCidr(ip: string, cidr: Ipv4Cidr): boolean {
  const n = ipv4ToInt(ip);
  return n !== null && n >= cidr.first && n <= cidr.last;
}

/** The lowest free host address of the range; `used` holds addresses already taken. */
export function nextFreeIpv4(range: string, used: Set<string>): string {
  const cidr = parseIpv4Cidr(range);
  if (!cidr) throw new ValidationError(`invalid network range ${range}`);
  for (let n = cidr.first; n <= cidr.last; n++) {
    const ip = intToIpv4(n);
    if (!used.has(ip)) return ip;
  }
  throw new ValidationError(`network range ${range} has no free address left`);
}

/** A random address in an IPv6 /48 (or wider) range: the range's prefix plus 80 random bits. */
export function randomIpv6(range: string): string {
  const prefix = range.split('/')[0].replace(/::$/, '').split(':').filter(Boolean);
  const words = [...prefix.slice(0, 3)];
  while (words.length < 3) words.push('0');
  const r = randomBytes(10);
  for (let i = 0; i < 5; i++) words.push(r.readUInt16BE(i * 2).toString(16));
  return words.join(':');
}

export async function allocatePeerAddresses(db: Tx, accountId: string): Promise<{ ip: string; ipv6: string }> {
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { networkRange: true, networkRangeV6: true } });
  const used = new Set((await db.peer.findMany({ where: { accountId }, select: { ip: true } })).map((p) => p.ip));
  let ipv6 = randomIpv6(account.networkRangeV6);
  while (await db.peer.findFirst({ where: { accountId, ipv6 }, select: { id: true } })) ipv6 = randomIpv6(account.networkRangeV6);
  return { ip: nextFreeIpv4(account.networkRange, used), ipv6 };
}

/**
 * After the account's network range changes, every peer gets a new address in the new range (as
 * NetBird does). Two passes avoid colliding with the unique (accountId, ip) constraint mid-way.
 */
export async function reassignPeerIps(db: Tx, accountId: string, range: string): Promise<void> {
  const cidr = parseIpv4Cidr(range);
  if (!cidr) throw new ValidationError(`invalid network range ${range}`);
  const peers = await db.peer.findMany({ where: { accountId }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  if (peers.length > cidr.last - cidr.first + 1) throw new ValidationError(`network range ${range} is too small for ${peers.length} peers`);
  for (const p of peers) await db.peer.update({ where: { id: p.id }, data: { ip: `reassigning-${p.id}` } });
  let n = cidr.first;
  for (const p of peers) await db.peer.update({ where: { id: p.id }, data: { ip: intToIpv4(n++) } });
}
