// Port- and protocol-specific drop rules inside one signature (signature.ts). Which drops apply to
// a pair depends only on whether the other peer is in the drop's other side (the signature's own
// peers are on their side by construction), so an accept rule's sources — or targets — split into
// parts that share the same applicable drops, and each part keeps what subtract() leaves of the
// rule's traffic. Parts with nothing left neither appear in filters nor make peers visible.
import type { Rule } from './ir';
import type { PeerNode, PeerSet, ResolvedRule } from './peer-set';
import { subtract, takesFrom, type Traffic } from './traffic';

/** A specific drop as one signature sees it, in one direction: traffic between its peers and `peers`. */
export interface SpecificDrop {
  peers: PeerSet;
  rule: Rule;
  /** Whether the signature's own peers are in `peers` (then it applies between two of them). */
  selfIn: boolean;
}

/** The specific drops on traffic arriving at the signature's peers and on traffic they send. */
export function specificDrops(resolved: readonly ResolvedRule[], member: (s: PeerSet) => boolean): { incoming: SpecificDrop[]; outgoing: SpecificDrop[] } {
  const incoming: SpecificDrop[] = [];
  const outgoing: SpecificDrop[] = [];
  const add = (list: SpecificDrop[], peers: PeerSet, rule: Rule) => list.push({ peers, rule, selfIn: member(peers) });
  for (const d of resolved) {
    if (d.rule.action !== 'drop' || (!d.rule.ports.length && !d.rule.protocols.length)) continue;
    const toUs = member(d.dst);
    const fromUs = member(d.src);
    if (toUs) add(incoming, d.src, d.rule);
    if (fromUs) add(outgoing, d.dst, d.rule);
    if (d.rule.bidirectional && fromUs) add(incoming, d.dst, d.rule);
    if (d.rule.bidirectional && toUs) add(outgoing, d.src, d.rule);
  }
  return { incoming, outgoing };
}

/** Peers of one side of an accept rule that keep the same traffic after the drops between them and us. */
export interface PeerPart {
  peers: readonly PeerNode[];
  pieces: readonly Traffic[];
  /** Positions in the split list of the part's first and second peer (Infinity if none). */
  first: number;
  second: number;
}

export interface Split {
  /** Parts with traffic left, in the order of their first peer. */
  parts: PeerPart[];
  /** The list's peers with traffic left, in list order. */
  kept: readonly PeerNode[];
  /** Whether traffic is left between two of the signature's own peers. */
  selfKeeps: boolean;
  /** Index in `parts` of the part holding the signature's own peers when they are in the list, else -1. */
  selfPart: number;
}

/**
 * Splits `list` (the peers on the other side of `rule`) by the drops that take something from the
 * rule's traffic; undefined when none does, so the rule renders unchanged.
 */
export function splitByDrops(rule: Rule, list: readonly PeerNode[], drops: readonly SpecificDrop[]): Split | undefined {
  const cutting = drops.filter((d) => takesFrom(rule, d.rule));
  if (!cutting.length) return undefined;
  const parts: (PeerPart & { peers: PeerNode[] })[] = [];
  // Drop combination (bit i: cutting[i] applies) → part index (-1: nothing left); combinations
  // giving the same pieces share a part. Past 31 drops the combination is a string of 0s and 1s.
  const byDrops = new Map<number | string, number>();
  const byPieces = new Map<string, number>();
  const wide = cutting.length > 31;
  const partOf = (key: number | string, applies: (d: SpecificDrop) => boolean) => {
    let i = byDrops.get(key);
    if (i !== undefined) return i;
    const pieces = subtract(rule, cutting.filter(applies).map((d) => d.rule));
    if (!pieces.length) i = -1;
    else {
      const piecesKey = JSON.stringify(pieces);
      i = byPieces.get(piecesKey);
      if (i === undefined) {
        i = parts.length;
        byPieces.set(piecesKey, i);
        parts.push({ peers: [], pieces, first: Infinity, second: Infinity });
      }
    }
    byDrops.set(key, i);
    return i;
  };
  const kept: PeerNode[] = [];
  let pos = 0;
  for (const n of list) {
    let key: number | string = wide ? '' : 0;
    if (wide) for (const d of cutting) key += d.peers.hasNode(n) ? '1' : '0';
    else for (let b = 0; b < cutting.length; b++) if (cutting[b].peers.hasNode(n)) key = (key as number) | (1 << b);
    const i = byDrops.get(key) ?? partOf(key, (d) => d.peers.hasNode(n));
    if (i >= 0) {
      const part = parts[i];
      if (!part.peers.length) part.first = pos;
      else if (part.peers.length === 1) part.second = pos;
      part.peers.push(n);
      kept.push(n);
    }
    pos++;
  }
  const selfKey = wide ? cutting.map((d) => (d.selfIn ? '1' : '0')).join('') : cutting.reduce((k, d, b) => (d.selfIn ? k | (1 << b) : k), 0);
  let selfPart = partOf(selfKey, (d) => d.selfIn);
  const selfKeeps = selfPart >= 0;
  // A part made only for the signature's own peers (they are not in the list) holds nobody.
  if (selfKeeps && !parts[selfPart].peers.length) {
    parts.pop();
    selfPart = -1;
  }
  return { parts, kept: kept.length === list.length ? list : kept, selfKeeps, selfPart };
}
