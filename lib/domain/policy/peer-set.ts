// Peers as the NetBird evaluator holds them, and selectors resolved to shared, frozen peer sets.
// One PeerSet per distinct selector per model: every rule and every peer map that names the same
// groups shares its member list and its SrcIPs array instead of copying them.
import type { Rule, Selector } from './ir';

export interface ModelPeer {
  id: string;
  ip: string;
  ipv6: string;
  /** Explicit group memberships (the All group is implicit). */
  groups: string[];
  /** Approved and not blocked: inactive peers get and give no access. */
  active: boolean;
}

/** A peer with a stable small integer, for mark arrays. Reused across models while unchanged. */
export interface PeerNode {
  peer: ModelPeer;
  idx: number;
}

export function addresses(p: ModelPeer): string[] {
  return p.ipv6 ? [p.ip, p.ipv6] : [p.ip];
}

export function samePeer(a: ModelPeer, b: ModelPeer): boolean {
  return a === b || (a.ip === b.ip && a.ipv6 === b.ipv6 && a.active === b.active && a.groups.length === b.groups.length && a.groups.every((g, i) => g === b.groups[i]));
}

export class PeerSet {
  private readonly ids: Set<string> | null;
  private srcIPs?: readonly string[];

  /** `members`: active peers, in the order the reference evaluation lists them. */
  constructor(
    readonly all: boolean,
    readonly members: readonly PeerNode[],
    readonly groups: readonly string[],
    readonly peerIds: readonly string[],
  ) {
    this.ids = all ? null : new Set(members.map((n) => n.peer.id));
  }

  /** Callers only ask about active peers, so "all" needs no lookup. */
  has(id: string): boolean {
    return this.ids === null || this.ids.has(id);
  }

  private byIdx?: Uint8Array;

  /** `has` by peer index: for the hot loops that test every member of another set. */
  hasNode(n: PeerNode): boolean {
    if (this.ids === null) return true;
    if (!this.byIdx) {
      this.byIdx = new Uint8Array(this.members.reduce((max, m) => Math.max(max, m.idx + 1), 0));
      for (const m of this.members) this.byIdx[m.idx] = 1;
    }
    return this.byIdx[n.idx] === 1;
  }

  /** Every member's addresses, in member order: the SrcIPs a rule from this set renders to. */
  ips(): readonly string[] {
    return (this.srcIPs ??= Object.freeze(this.members.flatMap((n) => addresses(n.peer))));
  }
}

export const selectorKey = (s: Selector) => (s.all ? '*' : `${s.groups.join('\u0000')}|${s.peers.join('\u0000')}`);

/** Resolves a selector against the active peers' group index (sources keep the reference order). */
export function resolveSelector(s: Selector, active: readonly PeerNode[], byGroup: Map<string, PeerNode[]>, byId: Map<string, PeerNode>): PeerSet {
  if (s.all) return new PeerSet(true, active, [], []);
  const seen = new Set<number>();
  const members: PeerNode[] = [];
  const add = (n: PeerNode) => {
    if (seen.has(n.idx)) return;
    seen.add(n.idx);
    members.push(n);
  };
  for (const g of s.groups) for (const n of byGroup.get(g) ?? []) add(n);
  for (const id of s.peers) {
    const n = byId.get(id);
    if (n?.peer.active) add(n);
  }
  return new PeerSet(false, members, [...s.groups], [...s.peers]);
}

/** A rule with its source and destination selectors resolved to peer sets. */
export interface ResolvedRule {
  rule: Rule;
  src: PeerSet;
  dst: PeerSet;
}
