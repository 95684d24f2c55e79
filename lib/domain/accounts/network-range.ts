// Checks and normal forms for an account's network settings: the peers' IPv4 and IPv6 ranges and
// the DNS domain their names live under. Each returns the value to store or throws ValidationError.
import { isIPv6 } from 'node:net';
import { intToIpv4, parseIpv4Cidr, randomIpv6 } from '../peers/ipam';
import { ValidationError } from '../errors';

/** RFC 1918 private ranges and the carrier-grade NAT range NetBird and Tailscale use by default. */
const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((c) => parseIpv4Cidr(c)!);

const size = (bits: number) => 2 ** (32 - bits);

/** A private IPv4 CIDR with room for peers, in canonical form ("100.64.0.0/16"). */
export function normalizeNetworkRange(value: string): string {
  const cidr = parseIpv4Cidr(value.trim());
  if (!cidr) throw new ValidationError(`network_range ${value} is not a valid IPv4 CIDR`);
  if (cidr.bits < 8 || cidr.bits > 30) throw new ValidationError('network_range prefix length must be between /8 and /30');
  const end = cidr.network + size(cidr.bits);
  const inside = PRIVATE_V4.some((p) => cidr.network >= p.network && end <= p.network + size(p.bits));
  if (!inside) throw new ValidationError(`network_range ${value} must be inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10`);
  return `${intToIpv4(cidr.network)}/${cidr.bits}`;
}

/** The eight 16-bit words of an IPv6 address, or null. */
function ipv6Words(ip: string): number[] | null {
  if (!isIPv6(ip) || ip.includes('.') || ip.includes('%')) return null;
  const [head, tail] = ip.split('::');
  const words = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const h = words(head);
  const t = words(tail);
  if (!ip.includes('::')) return h.length === 8 ? h : null;
  return [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
}

/**
 * A unique-local IPv6 range (inside fc00::/7) of /48 or wider, in the form "fd7a:115c:a1e0::/48".
 * Peers get the range's first three words plus random bits (lib/domain/peers/ipam.ts), hence the /48 limit.
 */
export function normalizeNetworkRangeV6(value: string): string {
  const [ip, bitsText, extra] = value.trim().toLowerCase().split('/');
  const words = ipv6Words(ip ?? '');
  if (!words || extra !== undefined || !bitsText || !/^\d{1,3}$/.test(bitsText)) {
    throw new ValidationError(`network_range_v6 ${value} is not a valid IPv6 CIDR`);
  }
  const bits = Number(bitsText);
  if (bits < 7 || bits > 48) throw new ValidationError('network_range_v6 prefix length must be between /7 and /48');
  if ((words[0] & 0xfe00) !== 0xfc00) throw new ValidationError(`network_range_v6 ${value} must be a unique-local range inside fc00::/7`);
  const masked = words.slice(0, 3).map((w, i) => {
    const keep = Math.max(0, Math.min(16, bits - i * 16));
    return keep === 0 ? 0 : w & ((0xffff << (16 - keep)) & 0xffff);
  });
  return `${masked.map((w) => w.toString(16)).join(':')}::/${bits}`;
}

/** A fresh unique IPv6 address in `range` for every peer that has one (after the range changed). */
export function newIpv6Addresses(range: string, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) seen.add(randomIpv6(range));
  return [...seen];
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS domain for peer names ("my-org.internal"): lower-cased, without a trailing dot. */
export function normalizeDnsDomain(value: string): string {
  const d = value.trim().toLowerCase().replace(/\.$/, '');
  if (!d) throw new ValidationError('dns_domain cannot be empty');
  if (d.length > 253 || !d.split('.').every((l) => LABEL.test(l))) {
    throw new ValidationError(`dns_domain ${value} is not a valid domain name`);
  }
  if (/^\d+$/.test(d.split('.').pop()!)) throw new ValidationError(`dns_domain ${value} is not a valid domain name`);
  return d;
}
