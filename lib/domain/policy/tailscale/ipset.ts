// IP address sets as Tailscale's control plane renders them: sorted, merged ranges per family,
// printed as a bare address (one address), a prefix (a range that is exactly one CIDR block) or
// "first-last" (anything else). Addresses are bigints so IPv4 and IPv6 share one code path.

export interface Addr {
  v6: boolean;
  n: bigint;
}

export interface Range {
  v6: boolean;
  from: bigint;
  to: bigint;
}

const bits = (v6: boolean) => (v6 ? 128 : 32);
const maxOf = (v6: boolean) => (1n << BigInt(bits(v6))) - 1n;

export function parseAddr(s: string): Addr | undefined {
  if (s.includes(':')) {
    const n = parseV6(s);
    return n === undefined ? undefined : { v6: true, n };
  }
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    // Go's netip rejects leading zeros ("010"), so does this.
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return { v6: false, n: BigInt(n) };
}

function parseV6(s: string): bigint | undefined {
  if (s.includes('%')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseAddr(p);
        if (!v4 || v4.v6) return undefined;
        out.push(Number(v4.n >> 16n), Number(v4.n & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  let n = 0n;
  for (const g of all) n = (n << 16n) | BigInt(g);
  return n;
}

export function formatAddr(a: Addr): string {
  if (!a.v6) return [24n, 16n, 8n, 0n].map((s) => ((a.n >> s) & 255n).toString()).join('.');
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((a.n >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on ties.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

export interface Prefix {
  addr: Addr;
  bits: number;
}

/** "10.0.0.0/8", "fd7a::1" (single address), or undefined when not an address or prefix. */
export function parsePrefix(s: string): Prefix | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) {
    const addr = parseAddr(s);
    return addr && { addr, bits: bits(addr.v6) };
  }
  const addr = parseAddr(s.slice(0, slash));
  const len = s.slice(slash + 1);
  if (!addr || !/^(0|[1-9]\d*)$/.test(len) || Number(len) > bits(addr.v6)) return undefined;
  return { addr, bits: Number(len) };
}

export function prefixRange(p: Prefix): Range {
  const host = BigInt(bits(p.addr.v6) - p.bits);
  const mask = (1n << host) - 1n;
  const from = p.addr.n & ~mask & maxOf(p.addr.v6);
  return { v6: p.addr.v6, from, to: from | mask };
}

export function formatPrefix(p: Prefix): string {
  return `${formatAddr(p.addr)}/${p.bits}`;
}

/** The CIDR block a range is exactly, if it is one. */
function rangeAsPrefix(r: Range): Prefix | undefined {
  const size = r.to - r.from + 1n;
  if (size & (size - 1n)) return undefined;
  const host = size.toString(2).length - 1;
  if (r.from & (size - 1n)) return undefined;
  return { addr: { v6: r.v6, n: r.from }, bits: bits(r.v6) - host };
}

/** An immutable, normalized set of addresses. */
export class IPSet {
  private constructor(readonly ranges: readonly Range[]) {}

  static empty = new IPSet([]);

  static of(ranges: Iterable<Range>): IPSet {
    const sorted = [...ranges].sort((a, b) => (a.v6 !== b.v6 ? (a.v6 ? 1 : -1) : a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    const out: Range[] = [];
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && last.v6 === r.v6 && r.from <= last.to + 1n) {
        if (r.to > last.to) out[out.length - 1] = { ...last, to: r.to };
      } else out.push({ ...r });
    }
    return new IPSet(out);
  }

  static fromPrefixes(prefixes: Iterable<Prefix>): IPSet {
    return IPSet.of([...prefixes].map(prefixRange));
  }

  /** Addresses, prefixes and "first-last" ranges; anything else is ignored. */
  static parse(...items: string[]): IPSet {
    const ranges: Range[] = [];
    for (const s of items) {
      const dash = s.indexOf('-');
      if (dash > 0) {
        const from = parseAddr(s.slice(0, dash));
        const to = parseAddr(s.slice(dash + 1));
        if (from && to && from.v6 === to.v6 && from.n <= to.n) ranges.push({ v6: from.v6, from: from.n, to: to.n });
        continue;
      }
      const p = parsePrefix(s);
      if (p) ranges.push(prefixRange(p));
    }
    return IPSet.of(ranges);
  }

  union(...others: IPSet[]): IPSet {
    if (others.length === 1) return IPSet.merged(this.ranges, others[0].ranges);
    return IPSet.of([...this.ranges, ...others.flatMap((o) => o.ranges)]);
  }

  /** Two sorted range lists merged without re-sorting (the common union of two sets). */
  private static merged(a: readonly Range[], b: readonly Range[]): IPSet {
    if (!b.length) return a.length ? new IPSet(a) : IPSet.empty;
    if (!a.length) return new IPSet(b);
    const before = (x: Range, y: Range) => (x.v6 !== y.v6 ? !x.v6 : x.from <= y.from);
    const out: Range[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const r = j >= b.length || (i < a.length && before(a[i], b[j])) ? a[i++] : b[j++];
      const last = out[out.length - 1];
      if (last && last.v6 === r.v6 && r.from <= last.to + 1n) {
        if (r.to > last.to) out[out.length - 1] = { ...last, to: r.to };
      } else out.push(r);
    }
    return new IPSet(out);
  }

  /** Single addresses already in set order (IPv4 first, ascending): no sorting needed. */
  static ofSortedAddrs(addrs: readonly Addr[]): IPSet {
    const out: Range[] = [];
    for (const a of addrs) {
      const last = out[out.length - 1];
      if (last && last.v6 === a.v6 && a.n <= last.to + 1n) {
        if (a.n > last.to) out[out.length - 1] = { ...last, to: a.n };
      } else out.push({ v6: a.v6, from: a.n, to: a.n });
    }
    return new IPSet(out);
  }

  minus(other: IPSet): IPSet {
    let cur = [...this.ranges];
    for (const cut of other.ranges) {
      const next: Range[] = [];
      for (const r of cur) {
        if (r.v6 !== cut.v6 || cut.to < r.from || cut.from > r.to) {
          next.push(r);
          continue;
        }
        if (cut.from > r.from) next.push({ v6: r.v6, from: r.from, to: cut.from - 1n });
        if (cut.to < r.to) next.push({ v6: r.v6, from: cut.to + 1n, to: r.to });
      }
      cur = next;
    }
    return IPSet.of(cur);
  }

  get empty(): boolean {
    return this.ranges.length === 0;
  }

  /** Index of the last range starting at or before (v6, n), or -1. Ranges are sorted and disjoint. */
  private floor(v6: boolean, n: bigint): number {
    let lo = 0;
    let hi = this.ranges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.ranges[mid];
      if (r.v6 !== v6 ? !r.v6 : r.from <= n) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  contains(a: Addr): boolean {
    const i = this.floor(a.v6, a.n);
    if (i < 0) return false;
    const r = this.ranges[i];
    return r.v6 === a.v6 && a.n <= r.to;
  }

  overlaps(other: IPSet): boolean {
    // Both lists are sorted (IPv4 first): walk them together.
    const a = this.ranges;
    const b = other.ranges;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i];
      const y = b[j];
      if (x.v6 !== y.v6) {
        if (!x.v6) i++;
        else j++;
        continue;
      }
      if (x.from <= y.to && y.from <= x.to) return true;
      if (x.to < y.to) i++;
      else j++;
    }
    return false;
  }

  /** Every address of other is in this set. */
  covers(other: IPSet): boolean {
    return other.ranges.every((o) => {
      const i = this.floor(o.v6, o.from);
      if (i < 0) return false;
      const r = this.ranges[i];
      return r.v6 === o.v6 && o.to <= r.to;
    });
  }

  /** Tailscale's SrcIPs rendering: one string per merged range. */
  strings(): string[] {
    return this.ranges.map((r) => {
      if (r.from === r.to) return formatAddr({ v6: r.v6, n: r.from });
      const p = rangeAsPrefix(r);
      return p ? formatPrefix(p) : `${formatAddr({ v6: r.v6, n: r.from })}-${formatAddr({ v6: r.v6, n: r.to })}`;
    });
  }

  /** Every merged range as "first-last" (how Tailscale lists autogroup:internet for exit nodes). */
  rangeStrings(): string[] {
    return this.ranges.map((r) => `${formatAddr({ v6: r.v6, n: r.from })}-${formatAddr({ v6: r.v6, n: r.to })}`);
  }

  /** The fewest CIDR blocks covering the set, in address order. */
  prefixes(): Prefix[] {
    const out: Prefix[] = [];
    for (const r of this.ranges) {
      let from = r.from;
      const width = bits(r.v6);
      while (from <= r.to) {
        // Largest aligned block starting at `from` that stays inside the range.
        let host = 0;
        while (host < width) {
          const size = 1n << BigInt(host + 1);
          if (from & (size - 1n) || from + size - 1n > r.to) break;
          host++;
        }
        out.push({ addr: { v6: r.v6, n: from }, bits: width - host });
        from += 1n << BigInt(host);
      }
    }
    return out;
  }
}

/** A prefix as Tailscale writes a DstPorts IP: single addresses without "/32" or "/128". */
export function dstString(p: Prefix): string {
  return p.bits === bits(p.addr.v6) ? formatAddr(p.addr) : formatPrefix(p);
}

export const isSingle = (p: Prefix) => p.bits === bits(p.addr.v6);

/** Tailscale's wildcard source: the CGNAT range without the ChromeOS VM block, and its ULA range. */
export const TAILNET_ADDRESSES = IPSet.parse('100.64.0.0/10', 'fd7a:115c:a1e0::/48').minus(IPSet.parse('100.115.92.0/23'));

/** Every address ("autogroup:danger-all", the "*" destination). */
export const ALL_ADDRESSES = IPSet.parse('0.0.0.0/0', '::/0');

/**
 * autogroup:internet as Tailscale defines it: IPv4 without the private, CGNAT and link-local
 * blocks, and IPv6 global unicast (2000::/3).
 */
export const INTERNET = IPSet.parse('0.0.0.0/0', '2000::/3').minus(IPSet.parse('10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'));
