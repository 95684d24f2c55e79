// Address sets for nftables: an anonymous set refuses overlapping elements ("conflicting
// intervals"), and the packet filter's SrcIPs may hold both a prefix and addresses inside it, so
// sources are turned into disjoint, merged ranges per address family first.
import { isIP } from 'node:net';

export type Family = 4 | 6;
interface Range {
  from: bigint;
  to: bigint;
}

function v4ToBig(a: string): bigint {
  return a.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBig(a: string): bigint {
  let text = a.toLowerCase().split('%')[0];
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = v4ToBig(v4[1]);
    text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

function bigToV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
}

function bigToV6(n: bigint): string {
  const groups = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(':');
}

/**
 * "100.64.0.9", "100.64.0.0/10", "fd7a::1/128", or a range "100.64.0.0-100.115.91.255" (the
 * packet filter writes what is left of a prefix after exclusions so) → family and range; null for
 * anything else.
 */
export function parseSource(text: string): { family: Family; range: Range } | null {
  const dash = text.indexOf('-');
  if (dash > 0) {
    const from = parseSource(text.slice(0, dash));
    const to = parseSource(text.slice(dash + 1));
    if (!from || !to || from.family !== to.family || to.range.to < from.range.from) return null;
    return { family: from.family, range: { from: from.range.from, to: to.range.to } };
  }
  const [addr, bitsText] = text.split('/');
  const family = isIP(addr);
  if (family !== 4 && family !== 6) return null;
  const width = family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return null;
  const n = family === 4 ? v4ToBig(addr) : v6ToBig(addr);
  const hostBits = BigInt(width - bits);
  const from = (n >> hostBits) << hostBits;
  return { family, range: { from, to: from + (1n << hostBits) - 1n } };
}

/** nft set elements for one family: merged, disjoint, as addresses or "a-b" ranges. */
export function nftElements(sources: readonly string[], family: Family): string[] {
  const ranges = sources
    .map(parseSource)
    .filter((s): s is { family: Family; range: Range } => s !== null && s.family === family)
    .map((s) => s.range)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to + 1n) last.to = r.to > last.to ? r.to : last.to;
    else merged.push({ ...r });
  }
  const show = family === 4 ? bigToV4 : bigToV6;
  return merged.map((r) => (r.from === r.to ? show(r.from) : `${show(r.from)}-${show(r.to)}`));
}
