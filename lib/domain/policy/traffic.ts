// What a rule matches as a set of (IP protocol × destination port), and what is left of an accept
// rule once port- or protocol-specific drop rules take their part away (NetBird: a packet passes
// when some accept rule matches it and no drop rule does).
//
// Semantics (docs/policy-model.md, "Drop rules"):
// - ports only exist for TCP, UDP and SCTP. A drop with ports removes those ports of those
//   protocols and never touches ICMP (or any other port-less protocol); a drop without ports removes
//   its protocols entirely. An accept rule's ports likewise do not restrict port-less protocols.
// - `protocols: []` means any protocol. FilterRule cannot say "any protocol except TCP port 22", so
//   when a drop takes part of "any" away the rest is spelled out over ANY_PROTOCOLS; protocols
//   outside that list (GRE, ESP, ...) are then no longer accepted for those sources — a drop never
//   widens access.
import { ALL_PORTS, type PortRange } from './ir';

/** Protocols with destination ports: TCP, UDP, SCTP. */
export const PORT_PROTOCOLS: ReadonlySet<number> = new Set([6, 17, 132]);

/** "Any protocol" spelled out when a drop takes part of it away: ICMP, TCP, UDP, ICMPv6, SCTP. */
export const ANY_PROTOCOLS: readonly number[] = Object.freeze([1, 6, 17, 58, 132]);

/** The part of a rule the packet filter renders: its protocols ([] = any) and ports ([] = all). */
export interface Traffic {
  readonly protocols: readonly number[];
  readonly ports: readonly PortRange[];
}

/** Sorted, disjoint, non-adjacent ranges covering the same ports. */
function normalize(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.first - b.first || a.last - b.last);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.first <= last.last + 1) {
      if (r.last > last.last) out[out.length - 1] = { first: last.first, last: r.last };
    } else out.push({ first: r.first, last: r.last });
  }
  return out;
}

/** `from` minus `cut`, both normalized. */
function minus(from: readonly PortRange[], cut: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  let j = 0;
  for (const r of from) {
    let first = r.first;
    while (j < cut.length && cut[j].last < first) j++;
    let k = j;
    while (k < cut.length && cut[k].first <= r.last) {
      if (cut[k].first > first) out.push({ first, last: cut[k].first - 1 });
      first = Math.max(first, cut[k].last + 1);
      k++;
    }
    if (first <= r.last) out.push({ first, last: r.last });
  }
  return out;
}

const hasProtocol = (t: Traffic, p: number) => !t.protocols.length || t.protocols.includes(p);

function sharedProtocols(a: Traffic, b: Traffic): readonly number[] | 'any' {
  if (!a.protocols.length) return b.protocols.length ? b.protocols : 'any';
  return b.protocols.length ? a.protocols.filter((p) => b.protocols.includes(p)) : a.protocols;
}

/** Whether the drop matches some packet the accept rule matches. */
export function takesFrom(accept: Traffic, drop: Traffic): boolean {
  const shared = sharedProtocols(accept, drop);
  if (!drop.ports.length) return shared === 'any' || shared.length > 0;
  if (shared !== 'any' && !shared.some((p) => PORT_PROTOCOLS.has(p))) return false;
  if (!accept.ports.length) return true;
  return accept.ports.some((a) => drop.ports.some((d) => d.first <= a.last && a.first <= d.last));
}

/**
 * What is left of `accept` after `drops`, as few (protocols, ports) pieces as there are distinct
 * port sets, each piece's protocols in the accept rule's order (ANY_PROTOCOLS for "any").
 * `[accept]` itself when no drop takes anything away; `[]` when nothing is left.
 */
export function subtract(accept: Traffic, drops: readonly Traffic[]): Traffic[] {
  const cutting = drops.filter((d) => takesFrom(accept, d));
  if (!cutting.length) return [accept];
  const whole = normalize(accept.ports.length ? accept.ports : [ALL_PORTS]);
  const pieces = new Map<string, { protocols: number[]; ports: PortRange[] }>();
  for (const p of accept.protocols.length ? accept.protocols : ANY_PROTOCOLS) {
    const hits = cutting.filter((d) => hasProtocol(d, p));
    let left: PortRange[];
    if (hits.some((d) => !d.ports.length)) left = [];
    else if (!PORT_PROTOCOLS.has(p)) left = whole;
    else left = hits.length ? minus(whole, normalize(hits.flatMap((d) => d.ports))) : whole;
    if (!left.length) continue;
    const key = left.map((r) => `${r.first}-${r.last}`).join(',');
    const piece = pieces.get(key);
    if (piece) piece.protocols.push(p);
    else pieces.set(key, { protocols: [p], ports: left });
  }
  return [...pieces.values()];
}
