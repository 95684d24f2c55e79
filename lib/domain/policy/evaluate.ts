// Evaluating intermediate rules per peer: which peers it may see and the packet filter it enforces
// on incoming traffic, in Tailscale's FilterRule shape.
//
// The fast path (docs/policy-model.md): selectors resolve once to shared peer sets; peers with the
// same memberships share one Signature (rules, sources, visible set, SrcIPs arrays); a peer's map
// adds only its own DstPorts and leaves itself out. Port- or protocol-specific drop rules split an
// accept rule's sources into parts with what is left of its traffic (specific-drops.ts, traffic.ts).
// `update()` builds the next model from this one, keeping every peer set and signature the change
// does not touch.
import type { PortRange, Rule } from './ir';
import { PeerSet, resolveSelector, samePeer, selectorKey, addresses, type ModelPeer, type PeerNode, type ResolvedRule } from './peer-set';
import { computeSignature, memberOf, type IncomingEntry, type Signature } from './signature';
import type { Traffic } from './traffic';

export type { ModelPeer } from './peer-set';

export interface FilterRule {
  SrcIPs: string[];
  DstPorts: { IP: string; Ports: { First: number; Last: number } }[];
  IPProto?: number[];
}

export interface PeerAccess {
  /** Ids of the peers this peer may connect to or be connected from (any order). */
  readonly peerIds: readonly string[];
  /** The same peers with the ids of the rules that allow each; built on first use. */
  readonly visible: ReadonlyMap<string, ReadonlySet<string>>;
  /** Tailscale-shaped packet filter for traffic arriving at this peer. SrcIPs arrays are shared: do not mutate. */
  readonly filter: FilterRule[];
  /** Ids of the rules that matter to this peer. */
  readonly rules: readonly string[];
}

const EMPTY: PeerAccess = Object.freeze({ peerIds: [], visible: new Map(), filter: [], rules: [] });

class PeerMap implements PeerAccess {
  private ids?: readonly string[];
  private reasons?: Map<string, Set<string>>;

  constructor(
    private readonly id: string,
    private readonly sig: Signature,
    readonly filter: FilterRule[],
  ) {}

  get rules() {
    return this.sig.rules;
  }

  get peerIds(): readonly string[] {
    return (this.ids ??= this.sig.visible.filter((n) => n.peer.id !== this.id).map((n) => n.peer.id));
  }

  get visible(): ReadonlyMap<string, ReadonlySet<string>> {
    if (this.reasons) return this.reasons;
    const out = new Map<string, Set<string>>();
    for (const c of this.sig.contributions) {
      for (const n of c.members) {
        if (n.peer.id === this.id) continue;
        let s = out.get(n.peer.id);
        if (!s) out.set(n.peer.id, (s = new Set()));
        s.add(c.ruleId);
      }
    }
    return (this.reasons = out);
  }
}

type Ports = FilterRule['DstPorts'][number]['Ports'];

/**
 * The (SrcIPs, traffic) pairs of an entry that specific drops split, for one peer: parts in the
 * order of their first source other than the peer itself, which is left out of its own part.
 */
function splitRules(e: IncomingEntry, peerId: string): [readonly string[], Traffic][] {
  const parts = e.parts!;
  let order = parts;
  const mine = e.selfIncluded ? parts[e.selfPart] : undefined;
  if (mine && mine.sources[0].peer.id === peerId) {
    // Without the peer its part starts at its second source, possibly after other parts.
    const others = parts.filter((p) => p !== mine);
    const at = others.findIndex((p) => p.first > mine.second);
    others.splice(at < 0 ? others.length : at, 0, mine);
    order = others;
  }
  const out: [readonly string[], Traffic][] = [];
  for (const part of order) {
    let src = part.srcIPs;
    if (part === mine) {
      if (part.sources.length < 2) continue;
      src = part.sources.filter((n) => n.peer.id !== peerId).flatMap((n) => addresses(n.peer));
    }
    for (const t of part.pieces) out.push([src, t]);
  }
  return out;
}

/** Each distinct port list once per model, its Ports objects shared by every peer's DstPorts. */
class PortTable {
  private readonly ids = new Map<readonly PortRange[], number>();
  private readonly byKey = new Map<string, number>();
  readonly lists: Ports[][] = [];

  id(ports: readonly PortRange[]): number {
    let id = this.ids.get(ports);
    if (id !== undefined) return id;
    const ranges = ports.length ? ports : [{ first: 0, last: 65535 }];
    const key = ranges.map((p) => `${p.first}-${p.last}`).join(',');
    id = this.byKey.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.byKey.set(key, id);
      this.lists.push(ranges.map((p) => ({ First: p.first, Last: p.last })));
    }
    this.ids.set(ports, id);
    return id;
  }
}

export class AccessModel {
  readonly peers = new Map<string, ModelPeer>();
  private readonly nodes = new Map<string, PeerNode>();
  private readonly active: PeerNode[] = [];
  private readonly sets = new Map<string, PeerSet>();
  private readonly resolved: ResolvedRule[];
  private readonly sigs = new Map<string, Signature>();
  private readonly maps = new Map<string, PeerAccess>();
  /** Peers some rule names one by one: each is its own signature. */
  private readonly named = new Set<string>();
  private readonly anyDrop: boolean;
  private readonly nextIdx: number;
  private readonly marks: Uint32Array;
  private stamp = 0;
  private readonly ports = new PortTable();

  constructor(
    peers: ModelPeer[],
    readonly ruleList: Rule[],
    previous?: AccessModel,
  ) {
    let nextIdx = previous?.nextIdx ?? 0;
    const changed = new Set<string>();
    const affectedGroups = new Set<string>();
    for (const p of peers) {
      const old = previous?.nodes.get(p.id);
      let node: PeerNode;
      if (old && samePeer(old.peer, p)) node = old;
      else {
        node = { peer: p, idx: old ? old.idx : nextIdx++ };
        changed.add(p.id);
        for (const g of [...p.groups, ...(old?.peer.groups ?? [])]) affectedGroups.add(g);
      }
      this.nodes.set(p.id, node);
      this.peers.set(p.id, p);
    }
    for (const [id, old] of previous?.nodes ?? []) {
      if (this.nodes.has(id)) continue;
      changed.add(id);
      for (const g of old.peer.groups) affectedGroups.add(g);
    }
    this.nextIdx = nextIdx;
    this.marks = new Uint32Array(nextIdx);

    const byGroup = new Map<string, PeerNode[]>();
    for (const p of peers) {
      if (!p.active) continue;
      const node = this.nodes.get(p.id)!;
      this.active.push(node);
      for (const g of p.groups) {
        const list = byGroup.get(g);
        if (list) list.push(node);
        else byGroup.set(g, [node]);
      }
    }
    const prevEveryone = previous?.sets.get('*');
    const sameEveryone = !!prevEveryone && prevEveryone.members.length === this.active.length && prevEveryone.members.every((n, i) => n === this.active[i]);
    const reusable = (s: PeerSet) => (s.all ? sameEveryone : !s.groups.some((g) => affectedGroups.has(g)) && !s.peerIds.some((id) => changed.has(id)));
    const resolve = (sel: Rule['src']) => {
      const key = selectorKey(sel);
      let set = this.sets.get(key);
      if (set) return set;
      const old = previous?.sets.get(key);
      set = old && reusable(old) ? old : resolveSelector(sel, this.active, byGroup, this.nodes);
      this.sets.set(key, set);
      return set;
    };
    this.sets.set('*', resolve({ all: true, groups: [], peers: [], cidrs: [] }));
    this.resolved = ruleList.map((rule) => ({ rule, src: resolve(rule.src), dst: resolve(rule.dst) }));
    for (const r of ruleList) for (const id of [...r.src.peers, ...r.dst.peers]) this.named.add(id);
    this.anyDrop = ruleList.some((r) => r.action === 'drop');
    if (previous) this.keepSignatures(previous);
  }

  /** The model after peers or rules changed, reusing whatever the change does not touch. */
  update(peers: ModelPeer[], rules: Rule[]): AccessModel {
    return new AccessModel(peers, rules, this);
  }

  /**
   * Signatures of the previous model stay valid when every peer set they were computed from is
   * still in use unchanged and no rule that concerns them changed. Rules that moved, appeared or
   * disappeared, or any changed drop rule, invalidate all of them (they are rebuilt lazily).
   */
  private keepSignatures(previous: AccessModel) {
    const before = previous.resolved;
    if (before.length !== this.resolved.length) return;
    const changedRules: ResolvedRule[] = [];
    for (let i = 0; i < before.length; i++) {
      const a = before[i];
      const b = this.resolved[i];
      if (a.rule === b.rule || JSON.stringify(a.rule) === JSON.stringify(b.rule)) continue;
      if (a.rule.action === 'drop' || b.rule.action === 'drop') return;
      changedRules.push(a, b);
    }
    const live = new Set(this.sets.values());
    for (const [key, sig] of previous.sigs) {
      if ([...sig.deps].some((d) => !live.has(d))) continue;
      if (changedRules.some((r) => memberOf(r.src, sig.groups, sig.named) || memberOf(r.dst, sig.groups, sig.named))) continue;
      this.sigs.set(key, sig);
    }
  }

  private signatureOf(node: PeerNode): Signature {
    const named = this.named.has(node.peer.id) ? node.peer.id : undefined;
    const groups = [...new Set(node.peer.groups)].sort();
    const key = (named ? `#${named}\u0001` : '') + groups.join('\u0000');
    let sig = this.sigs.get(key);
    if (!sig) {
      sig = computeSignature({ key, groups: new Set(groups), named, resolved: this.resolved, everyone: this.sets.get('*')!, anyDrop: this.anyDrop, marks: this.marks, stamp: ++this.stamp });
      this.sigs.set(key, sig);
    }
    return sig;
  }

  access(peerId: string): PeerAccess {
    const cached = this.maps.get(peerId);
    if (cached) return cached;
    const node = this.nodes.get(peerId);
    if (!node?.peer.active) return EMPTY;
    const sig = this.signatureOf(node);
    const me = node.peer;
    const filter: FilterRule[] = [];
    const ips = addresses(me);
    // A peer's DstPorts depend only on its addresses and the port list: one array per port list.
    const dsts = new Map<number, FilterRule['DstPorts']>();
    const dstPorts = (portList: readonly PortRange[]) => {
      const portsId = this.ports.id(portList);
      let ports = dsts.get(portsId);
      if (!ports) {
        const list = this.ports.lists[portsId];
        ports = ips.length === 1 ? list.map((p) => ({ IP: ips[0], Ports: p })) : ips.flatMap((ip) => list.map((p) => ({ IP: ip, Ports: p })));
        dsts.set(portsId, ports);
      }
      return ports;
    };
    for (const e of sig.incoming) {
      if (e.parts) {
        for (const [src, t] of splitRules(e, peerId)) {
          const rule = { SrcIPs: src as string[], DstPorts: dstPorts(t.ports) };
          filter.push(t.protocols.length ? { ...rule, IPProto: t.protocols as number[] } : rule);
        }
        continue;
      }
      let src: readonly string[];
      if (!e.selfIncluded) {
        if (!e.sources.length) continue;
        src = e.srcIPs;
      } else {
        if (e.sources.length < 2) continue;
        src = e.wildcard ? e.srcIPs : e.sources.filter((n) => n.peer.id !== peerId).flatMap((n) => addresses(n.peer));
      }
      const ports = dstPorts(e.rule.ports);
      filter.push(e.rule.protocols.length ? { SrcIPs: src as string[], DstPorts: ports, IPProto: e.rule.protocols } : { SrcIPs: src as string[], DstPorts: ports });
    }
    const map = new PeerMap(peerId, sig, filter);
    this.maps.set(peerId, map);
    return map;
  }

  private everyoneSeesEveryone?: boolean;

  get activeCount(): number {
    return this.active.length;
  }

  private activeIdList?: readonly string[];

  /** Ids of every active peer, in model order (one array per model). */
  activeIds(): readonly string[] {
    return (this.activeIdList ??= this.active.map((n) => n.peer.id));
  }

  /**
   * What this peer sees, as a list shared with similar peers (it includes the peer itself when
   * `self`), or 'everyone' when every active peer sees every other; null for an inactive peer.
   */
  sharedVisible(peerId: string): { nodes: readonly PeerNode[]; self: boolean } | 'everyone' | null {
    const node = this.nodes.get(peerId);
    if (!node?.peer.active) return null;
    this.everyoneSeesEveryone ??= !this.anyDrop && this.resolved.some((r) => r.rule.action === 'accept' && r.src.all && r.dst.all);
    if (this.everyoneSeesEveryone) return 'everyone';
    const sig = this.signatureOf(node);
    return { nodes: sig.visible, self: sig.selfVisible };
  }

  /** How many peers this peer can see, without materializing its list. */
  visibleCount(peerId: string): number {
    const v = this.sharedVisible(peerId);
    if (!v) return 0;
    return v === 'everyone' ? this.active.length - 1 : v.nodes.length - (v.self ? 1 : 0);
  }
}
