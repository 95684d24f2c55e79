// Reference implementation (the straightforward evaluation the engine had before the fast path),
// kept only to check the fast engine against it in tests/unit/policy-fastpath*.test.ts.
// Evaluating intermediate rules for one peer: which peers it may see and the packet filter it
// enforces on incoming traffic, in Tailscale's FilterRule shape. Each rule's selectors are resolved
// to peer sets once per model, so one peer's map costs O(rules + its peers), not O(everything).
import type { PortRange, Rule, Selector } from '@/lib/domain/policy/ir';

export interface ModelPeer {
  id: string;
  ip: string;
  ipv6: string;
  /** Explicit group memberships (the All group is implicit). */
  groups: string[];
  /** Approved and not blocked: inactive peers get and give no access. */
  active: boolean;
}

interface ResolvedRule {
  rule: Rule;
  src: Set<string> | 'all';
  dst: Set<string> | 'all';
}

export interface FilterRule {
  SrcIPs: string[];
  DstPorts: { IP: string; Ports: { First: number; Last: number } }[];
  IPProto?: number[];
}

export interface PeerAccess {
  /** Peers this peer may connect to or be connected from, with the rules that allow it. */
  visible: Map<string, Set<string>>;
  /** Tailscale-shaped packet filter for traffic arriving at this peer. */
  filter: FilterRule[];
  /** Ids of the rules that matter to this peer. */
  rules: string[];
}

export class AccessModel {
  readonly peers = new Map<string, ModelPeer>();
  private readonly byGroup = new Map<string, Set<string>>();
  private readonly resolved: ResolvedRule[];

  constructor(peers: ModelPeer[], readonly ruleList: Rule[]) {
    for (const p of peers) {
      this.peers.set(p.id, p);
      if (!p.active) continue;
      for (const g of p.groups) {
        let s = this.byGroup.get(g);
        if (!s) this.byGroup.set(g, (s = new Set()));
        s.add(p.id);
      }
    }
    this.resolved = ruleList.map((rule) => ({ rule, src: this.resolve(rule.src), dst: this.resolve(rule.dst) }));
  }

  private counts = new Map<string, number>();
  private everyoneSeesEveryone?: boolean;

  /**
   * How many peers this peer can see. Listing 25,000 peers asks this for each of them, so the
   * common "All ↔ All" case is answered without building any set, and other answers are memoized
   * for the life of the model (one network serial).
   */
  visibleCount(peerId: string): number {
    const me = this.peers.get(peerId);
    if (!me?.active) return 0;
    this.everyoneSeesEveryone ??=
      !this.resolved.some((r) => r.rule.action === 'drop') &&
      this.resolved.some((r) => r.rule.action === 'accept' && r.src === 'all' && r.dst === 'all');
    if (this.everyoneSeesEveryone) return this.activeCount() - 1;
    let n = this.counts.get(peerId);
    if (n === undefined) this.counts.set(peerId, (n = this.access(peerId).visible.size));
    return n;
  }

  private active?: number;
  private activeCount(): number {
    return (this.active ??= [...this.peers.values()].filter((p) => p.active).length);
  }

  private resolve(sel: Selector): Set<string> | 'all' {
    if (sel.all) return 'all';
    const out = new Set<string>();
    for (const g of sel.groups) for (const id of this.byGroup.get(g) ?? []) out.add(id);
    for (const id of sel.peers) if (this.peers.get(id)?.active) out.add(id);
    return out;
  }

  private activeIds(set: Set<string> | 'all'): Iterable<string> {
    return set === 'all' ? [...this.peers.values()].filter((p) => p.active).map((p) => p.id) : set;
  }

  private static has(set: Set<string> | 'all', id: string) {
    return set === 'all' || set.has(id);
  }

  /** Peer pairs a protocol-wide drop rule cuts entirely. */
  private droppedPairs(peerId: string): { from: Set<string> | 'all'; to: Set<string> | 'all' }[] {
    const out = [];
    for (const r of this.resolved) {
      if (r.rule.action !== 'drop' || r.rule.ports.length || r.rule.protocols.length) continue;
      if (AccessModel.has(r.src, peerId) || (r.rule.bidirectional && AccessModel.has(r.dst, peerId))) out.push({ from: r.src, to: r.dst });
    }
    return out;
  }

  access(peerId: string): PeerAccess {
    const me = this.peers.get(peerId);
    const visible = new Map<string, Set<string>>();
    const filter: FilterRule[] = [];
    const rules: string[] = [];
    if (!me?.active) return { visible, filter, rules };
    const drops = this.resolved.filter((r) => r.rule.action === 'drop');
    const cut = (a: string, b: string) =>
      drops.some(
        (d) =>
          !d.rule.ports.length &&
          !d.rule.protocols.length &&
          ((AccessModel.has(d.src, a) && AccessModel.has(d.dst, b)) || (d.rule.bidirectional && AccessModel.has(d.src, b) && AccessModel.has(d.dst, a))),
      );
    const see = (other: string, ruleId: string) => {
      if (other === peerId) return;
      let s = visible.get(other);
      if (!s) visible.set(other, (s = new Set()));
      s.add(ruleId);
    };
    // Port- or protocol-specific drops between a and b (a sending).
    const specific = (a: string, b: string) =>
      drops
        .filter(
          (d) =>
            (d.rule.ports.length || d.rule.protocols.length) &&
            ((AccessModel.has(d.src, a) && AccessModel.has(d.dst, b)) || (d.rule.bidirectional && AccessModel.has(d.src, b) && AccessModel.has(d.dst, a))),
        )
        .map((d) => d.rule);
    for (const r of this.resolved) {
      if (r.rule.action !== 'accept') continue;
      const directions: [Set<string> | 'all', Set<string> | 'all'][] = [[r.src, r.dst]];
      if (r.rule.bidirectional) directions.push([r.dst, r.src]);
      let relevant = false;
      for (const [from, to] of directions) {
        if (AccessModel.has(to, peerId)) {
          relevant = true;
          const sources = [...this.activeIds(from)].filter((id) => id !== peerId && !cut(id, peerId));
          if (from === 'all' && !drops.length) {
            for (const id of sources) see(id, r.rule.id);
            if (sources.length) filter.push(this.filterRule('all', me, r.rule.ports, r.rule.protocols));
            continue;
          }
          // Sources grouped by what is left of the rule for them, in the order of their first source.
          const groups = new Map<string, { ids: string[]; left: Traffic[] }>();
          for (const id of sources) {
            const left = remaining(r.rule, specific(id, peerId));
            if (!left.length) continue;
            see(id, r.rule.id);
            const key = JSON.stringify(left);
            const g = groups.get(key);
            if (g) g.ids.push(id);
            else groups.set(key, { ids: [id], left });
          }
          for (const g of groups.values()) for (const t of g.left) filter.push(this.filterRule(g.ids, me, t.ports, t.protocols));
        }
        if (AccessModel.has(from, peerId)) {
          relevant = true;
          for (const id of this.activeIds(to)) if (!cut(peerId, id) && remaining(r.rule, specific(peerId, id)).length) see(id, r.rule.id);
        }
      }
      if (relevant) rules.push(r.rule.id);
    }
    return { visible, filter, rules };
  }

  private filterRule(sources: 'all' | string[], me: ModelPeer, ports: PortRange[], protocols: number[]): FilterRule {
    const src = sources === 'all' ? ['*'] : sources.flatMap((id) => addresses(this.peers.get(id)!));
    const ranges = ports.length ? ports : [{ first: 0, last: 65535 }];
    const dstPorts = addresses(me).flatMap((ip) => ranges.map((p) => ({ IP: ip, Ports: { First: p.first, Last: p.last } })));
    return protocols.length ? { SrcIPs: src, DstPorts: dstPorts, IPProto: protocols } : { SrcIPs: src, DstPorts: dstPorts };
  }
}

interface Traffic {
  protocols: number[];
  ports: PortRange[];
}

const ANY = [1, 6, 17, 58, 132];
const WITH_PORTS = [6, 17, 132];

/**
 * What `accept` still lets through after `drops`: the rule itself when no drop matches any of its
 * packets; otherwise, per protocol (ANY spelled out for "any"), the ports no drop removes — found by
 * testing each elementary interval between range boundaries — with protocols of equal ports together.
 * Ports only exist for TCP/UDP/SCTP: port-specific drops never remove ICMP.
 */
function remaining(accept: Traffic, drops: Traffic[]): Traffic[] {
  const within = (ranges: PortRange[], port: number) => !ranges.length || ranges.some((r) => r.first <= port && port <= r.last);
  const names = (t: Traffic, p: number) => !t.protocols.length || t.protocols.includes(p);
  const matches = (d: Traffic) => {
    const shared = !accept.protocols.length || !d.protocols.length || accept.protocols.some((p) => d.protocols.includes(p));
    if (!shared) return false;
    if (!d.ports.length) return true;
    const portProtocols = WITH_PORTS.filter((p) => names(accept, p) && names(d, p));
    const bounds = [...new Set([...accept.ports, ...d.ports].flatMap((r) => [r.first, r.last]))];
    return portProtocols.length > 0 && bounds.some((port) => within(accept.ports, port) && within(d.ports, port));
  };
  if (!drops.some(matches)) return [accept];
  const byPorts = new Map<string, Traffic>();
  for (const p of accept.protocols.length ? accept.protocols : ANY) {
    const hits = drops.filter((d) => names(d, p));
    let ports: PortRange[] = [];
    if (hits.some((d) => !d.ports.length)) ports = [];
    else {
      const removed = WITH_PORTS.includes(p) ? hits.flatMap((d) => d.ports) : [];
      const cuts = [0, 65536, ...[...accept.ports, ...removed].flatMap((r) => [r.first, r.last + 1])].sort((a, b) => a - b);
      for (let i = 0; i + 1 < cuts.length; i++) {
        const [first, last] = [cuts[i], cuts[i + 1] - 1];
        if (first > last || !within(accept.ports, first) || removed.some((r) => r.first <= first && first <= r.last)) continue;
        const prev = ports[ports.length - 1];
        if (prev && prev.last + 1 === first) prev.last = last;
        else ports.push({ first, last });
      }
    }
    if (!ports.length) continue;
    const key = JSON.stringify(ports);
    const t = byPorts.get(key);
    if (t) t.protocols.push(p);
    else byPorts.set(key, { protocols: [p], ports });
  }
  return [...byPorts.values()];
}

function addresses(p: ModelPeer): string[] {
  return p.ipv6 ? [p.ip, p.ipv6] : [p.ip];
}
