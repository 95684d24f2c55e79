// Addresses, prefixes and domain names as NetBird accepts them (Go's netip.ParseAddr/ParsePrefix and
// NetBird's domain pattern). Pure functions: callers turn `null` into a ValidationError of their own.
import { isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { intToIpv4, ipv4ToInt, parseIpv4Cidr } from './peers/ipam';

export type IpFamily = 'IPv4' | 'IPv6';

/** Eight 16-bit words of an IPv6 address, or null. Zones ("%eth0") are refused, as in prefixes. */
export function ipv6Words(ip: string): number[] | null {
  if (ip.includes('%') || !isIPv6(ip)) return null;
  let text = ip;
  const tail: number[] = [];
  // An embedded IPv4 tail ("::ffff:192.0.2.1") stands for the last two words.
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (v4) {
    const n = ipv4ToInt(v4[2]);
    if (n === null) return null;
    tail.push(n >>> 16, n & 0xffff);
    text = v4[1].endsWith('::') ? v4[1] : v4[1].slice(0, -1);
  }
  const [head, rest] = text.split('::');
  const parse = (s: string) => (s ? s.split(':').filter((w) => w !== '').map((w) => parseInt(w, 16)) : []);
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const fill = 8 - tail.length - left.length - right.length;
  if (fill < 0 || (rest === undefined && fill !== 0)) return null;
  const words = [...left, ...new Array(rest === undefined ? 0 : fill).fill(0), ...right, ...tail];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** RFC 5952 text of eight words: lower case, the longest run (2+) of zero words as "::". */
export function formatIpv6(words: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function ipFamily(ip: string): IpFamily | null {
  if (ipv4ToInt(ip) !== null) return 'IPv4';
  if (ipv6Words(ip)) return 'IPv6';
  return null;
}

export interface Prefix {
  family: IpFamily;
  bits: number;
  /** The address as given, normalised ("10.1.2.3", "fd00::1"). */
  address: string;
  /** The prefix with host bits cleared ("10.1.2.0/24"), as NetBird stores routes. */
  masked: string;
}

/** Parses "a.b.c.d/n" or "x::y/n"; null unless it is a well-formed prefix. */
export function parsePrefix(text: string): Prefix | null {
  const slash = text.indexOf('/');
  if (slash < 0 || text.indexOf('/', slash + 1) >= 0) return null;
  const addr = text.slice(0, slash);
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText) || (bitsText.length > 1 && bitsText.startsWith('0'))) return null;
  const bits = Number(bitsText);
  if (ipv4ToInt(addr) !== null) {
    const c = parseIpv4Cidr(text);
    if (!c) return null;
    return { family: 'IPv4', bits, address: addr, masked: `${intToIpv4(c.network)}/${bits}` };
  }
  const words = ipv6Words(addr);
  if (!words || bits > 128) return null;
  const masked = words.map((w, i) => {
    const keep = Math.max(0, Math.min(16, bits - i * 16));
    return keep === 0 ? 0 : (w & (0xffff << (16 - keep))) & 0xffff;
  });
  return { family: 'IPv6', bits, address: formatIpv6(words), masked: `${formatIpv6(masked)}/${bits}` };
}

// NetBird's domain pattern (management/domain): labels of letters, digits, '-' and '_', an
// optional "*." in front, punycode ("xn--") allowed. Unicode names are checked in their ASCII form.
const LABEL = '(?:xn--)?[a-z0-9_](?:[a-z0-9-_]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)*${LABEL}$`);

/** The domain lower-cased and without a trailing dot, or null when it is not a valid name. */
export function normalizeDomain(text: string, opts: { wildcard?: boolean } = {}): string | null {
  let name = text.trim().toLowerCase().replace(/\.$/, '');
  let prefix = '';
  if (opts.wildcard && name.startsWith('*.')) {
    prefix = '*.';
    name = name.slice(2);
  }
  if (!name || name.length > 253) return null;
  const ascii = /^[\x00-\x7f]*$/.test(name) ? name : domainToASCII(name);
  if (!ascii || !DOMAIN.test(ascii)) return null;
  // A name ending in an all-digit label is a mistyped address ("10.0.0.256"), not a domain.
  if (/(^|\.)\d+$/.test(ascii)) return null;
  return prefix + name;
}

export type ResourceAddress =
  | { type: 'host'; address: string; family: IpFamily }
  | { type: 'subnet'; address: string; family: IpFamily }
  | { type: 'domain'; address: string };

/**
 * Classifies a network resource address as NetBird does: a /32 or /128 prefix or a bare IP is a
 * host, any other prefix a subnet, otherwise a domain (wildcards allowed). The address is kept as
 * given (trimmed; domains lower-cased).
 */
export function classifyResourceAddress(text: string): ResourceAddress | null {
  const address = text.trim();
  const prefix = parsePrefix(address);
  if (prefix) {
    const host = prefix.bits === (prefix.family === 'IPv4' ? 32 : 128);
    return { type: host ? 'host' : 'subnet', address, family: prefix.family };
  }
  const family = ipFamily(address);
  if (family) return { type: 'host', address, family };
  const domain = normalizeDomain(address, { wildcard: true });
  return domain ? { type: 'domain', address: domain } : null;
}
