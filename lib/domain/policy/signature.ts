// What every peer of one membership signature shares. Two active peers with the same groups (and
// not named one by one in any rule) are in exactly the same resolved sets, so the rules that
// concern them, their sources, their visible peers and the shared SrcIPs arrays are computed once
// per signature; a peer's own map only removes itself and adds its own DstPorts.
import type { Rule } from './ir';
import { addresses, type PeerNode, type PeerSet, type ResolvedRule } from './peer-set';
import { specificDrops, splitByDrops, type SpecificDrop } from './specific-drops';
import type { Traffic } from './traffic';

/** Sources of an incoming entry that keep the same traffic after port- or protocol-specific drops. */
export interface SourcePart {
  sources: readonly PeerNode[];
  srcIPs: readonly string[];
  /** What is left of the rule's traffic: one FilterRule each. */
  pieces: readonly Traffic[];
  /** Positions of the part's first and second source in the entry's sources before the split. */
  first: number;
  second: number;
}

/** One incoming direction of an accept rule: the signature's peers accept traffic from `sources`. */
export interface IncomingEntry {
  rule: Rule;
  /** Sources after drops (those with some traffic left); includes the peer itself when `selfIncluded`. */
  sources: readonly PeerNode[];
  /** SrcIPs of `sources`, shared (["*"] for "every peer" when the model has no drop rule); unused with `parts`. */
  srcIPs: readonly string[];
  wildcard: boolean;
  selfIncluded: boolean;
  /** Set when specific drops take part of the rule's traffic from some sources: render these instead. */
  parts?: readonly SourcePart[];
  /** With `parts`: the index of the part holding the signature's own peers (-1: none). */
  selfPart: number;
}

export interface Signature {
  key: string;
  groups: ReadonlySet<string>;
  /** Set when the signature's one peer is named directly by some rule. */
  named?: string;
  incoming: IncomingEntry[];
  /** Everyone visible, deduplicated; includes the peer itself when `selfVisible`. */
  visible: readonly PeerNode[];
  selfVisible: boolean;
  /** (rule, peers it makes visible), for the per-rule reasons, materialized only when asked. */
  contributions: { ruleId: string; members: readonly PeerNode[] }[];
  rules: readonly string[];
  /** The peer sets this signature was computed from: it stays valid while they are unchanged. */
  deps: ReadonlySet<PeerSet>;
}

const STAR: readonly string[] = Object.freeze(['*']);
const NONE: readonly string[] = Object.freeze([]);
const NO_SPECIFIC_DROPS: { incoming: SpecificDrop[]; outgoing: SpecificDrop[] } = { incoming: [], outgoing: [] };

/** Whether the signature's peers are members of a resolved set. */
export function memberOf(set: PeerSet, groups: ReadonlySet<string>, named: string | undefined): boolean {
  return set.all || set.groups.some((g) => groups.has(g)) || (named !== undefined && set.peerIds.includes(named));
}

export interface SignatureInput {
  key: string;
  groups: ReadonlySet<string>;
  named?: string;
  resolved: readonly ResolvedRule[];
  everyone: PeerSet;
  anyDrop: boolean;
  /** Scratch space for deduplication, one slot per peer index. */
  marks: Uint32Array;
  stamp: number;
}

export function computeSignature(input: SignatureInput): Signature {
  const { groups, named, resolved, everyone, anyDrop, marks, stamp } = input;
  const member = (s: PeerSet) => memberOf(s, groups, named);
  const deps = new Set<PeerSet>();
  // Protocol-wide drops cut peer pairs entirely: cutIn(x) = x may not reach us, cutOut(x) = we may not reach x.
  const inCuts: PeerSet[] = [];
  const outCuts: PeerSet[] = [];
  for (const d of resolved) {
    if (d.rule.action !== 'drop' || d.rule.ports.length || d.rule.protocols.length) continue;
    if (member(d.dst)) inCuts.push(d.src);
    if (member(d.src)) outCuts.push(d.dst);
    if (d.rule.bidirectional && member(d.src)) inCuts.push(d.dst);
    if (d.rule.bidirectional && member(d.dst)) outCuts.push(d.src);
  }
  for (const c of [...inCuts, ...outCuts]) deps.add(c);
  // Port- or protocol-specific drops take part of an accept rule's traffic from some pairs (specific-drops.ts).
  const specific = anyDrop ? specificDrops(resolved, member) : NO_SPECIFIC_DROPS;
  for (const d of [...specific.incoming, ...specific.outgoing]) deps.add(d.peers);
  const selfCutIn = inCuts.some(member);
  const selfCutOut = outCuts.some(member);
  let selfVisible = false;
  const without = (set: PeerSet, cuts: PeerSet[]) => (cuts.length ? set.members.filter((n) => !cuts.some((c) => c.has(n.peer.id))) : set.members);

  const incoming: IncomingEntry[] = [];
  const contributions: Signature['contributions'] = [];
  const rules: string[] = [];
  let seesEveryone = false;
  for (const r of resolved) {
    if (r.rule.action !== 'accept') continue;
    const directions: [PeerSet, PeerSet][] = r.rule.bidirectional ? [[r.src, r.dst], [r.dst, r.src]] : [[r.src, r.dst]];
    let relevant = false;
    for (const [from, to] of directions) {
      if (member(to)) {
        relevant = true;
        deps.add(from);
        const listed = without(from, inCuts);
        const ipsOf = (list: readonly PeerNode[]) => (list === from.members ? from.ips() : Object.freeze(list.flatMap((n) => addresses(n.peer))));
        const split = specific.incoming.length ? splitByDrops(r.rule, listed, specific.incoming) : undefined;
        const sources = split ? split.kept : listed;
        const wildcard = from.all && !anyDrop;
        const selfIncluded = member(from) && !selfCutIn && (!split || split.selfKeeps);
        selfVisible ||= selfIncluded;
        if (split) {
          const parts = split.parts.map((p) => ({ sources: p.peers, srcIPs: p.peers.length === listed.length ? ipsOf(listed) : ipsOf(p.peers), pieces: p.pieces, first: p.first, second: p.second }));
          incoming.push({ rule: r.rule, sources, srcIPs: NONE, wildcard, selfIncluded, parts, selfPart: split.selfPart });
        } else {
          // Same fields as a split entry (one object shape keeps the map loop monomorphic).
          incoming.push({ rule: r.rule, sources, srcIPs: wildcard ? STAR : ipsOf(sources), wildcard, selfIncluded, parts: undefined, selfPart: -1 });
        }
        contributions.push({ ruleId: r.rule.id, members: sources });
        if (sources === everyone.members) seesEveryone = true;
      }
      if (member(from)) {
        relevant = true;
        deps.add(to);
        const listed = without(to, outCuts);
        const split = specific.outgoing.length ? splitByDrops(r.rule, listed, specific.outgoing) : undefined;
        const targets = split ? split.kept : listed;
        selfVisible ||= member(to) && !selfCutOut && (!split || split.selfKeeps);
        contributions.push({ ruleId: r.rule.id, members: targets });
        if (targets === everyone.members) seesEveryone = true;
      }
    }
    if (relevant) rules.push(r.rule.id);
  }
  if (seesEveryone) deps.add(everyone);

  let visible: readonly PeerNode[];
  if (seesEveryone) visible = everyone.members;
  else {
    const out: PeerNode[] = [];
    for (const c of contributions) {
      for (const n of c.members) {
        if (marks[n.idx] === stamp) continue;
        marks[n.idx] = stamp;
        out.push(n);
      }
    }
    visible = out;
  }
  return { key: input.key, groups, named, incoming, visible, selfVisible, contributions, rules: Object.freeze(rules), deps };
}
