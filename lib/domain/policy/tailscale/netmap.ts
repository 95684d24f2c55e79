// Per node: the packet filter Tailscale sends it (FilterRule shape and order) and the peers it can
// see, computed from the intermediate rules of a compiled Tailscale policy.
//
// How Tailscale builds a node's filter: every rule becomes one FilterRule (sources rendered as
// address ranges, destinations as address blocks × ports); rules with identical sources and
// protocols are merged, in first-seen order; then only the destinations that are this node (its
// addresses, approved subnet routes, or — for exit nodes — public addresses) are kept.
//
// The work is shared across nodes (docs/policy-model.md): rules are rendered once and inverted
// into per-node entries (FilterIndex), visibility is computed once per distinct set of rule sides
// (Visibility). The first few nodes are answered without the inverted indexes (cheap per node,
// so a change followed by one peer's sync stays fast); after that the indexes are built once.
import type { Rule } from '../ir';
import type { CompiledTailscalePolicy } from './compiled';
import type { NetPortRange, TsFilterRule } from './filter-rule';
export type { NetPortRange, TsFilterRule } from './filter-rule';
import { FilterIndex } from './filter-index';
import type { IPSet } from './ipset';
import { NodeIndex } from './node-index';
import { routedFilter, routedReach, type RoutedNetwork } from './routed';
import { Visibility, type VisibleSet } from './visibility';

/** Nodes answered one by one before the per-node indexes are built (then every answer is a lookup). */
const ASKED_BEFORE_INDEX = 8;

export class TailscaleMaps {
  private filterAsks = 0;
  private visibleAsks = 0;
  private readonly srcSets = new Map<Rule, IPSet>();
  private readonly srcStrings = new Map<Rule, string[]>();
  private nodeIndex?: NodeIndex;
  private filters?: FilterIndex;
  private visibility?: Visibility;
  private readonly filterCache = new Map<string, TsFilterRule[]>();

  constructor(readonly policy: CompiledTailscalePolicy) {}

  private get index(): NodeIndex {
    return (this.nodeIndex ??= new NodeIndex(this.policy.net));
  }

  private srcSet(r: Rule): IPSet {
    let s = this.srcSets.get(r);
    if (!s) this.srcSets.set(r, (s = this.policy.resolver.addresses(r.src)));
    return s;
  }

  /** SrcIPs as Tailscale writes them (one shared array per rule). */
  srcIPs(r: Rule): string[] {
    let out = this.srcStrings.get(r);
    if (out) return out;
    if (r.src.anyAddress) out = ['*'];
    else if (!r.src.all) out = this.policy.resolver.explicitStrings(r.src);
    else {
      out = this.srcSet(r).strings();
      // "*" also covers approved subnet routes, listed as written; explicit sources next to "*"
      // keep their own entries instead of disappearing into the wildcard ranges.
      const seen = new Set(out);
      for (const s of [...this.policy.net.approvedSubnetRoutes(), ...this.policy.resolver.explicitStrings(r.src)]) {
        if (!seen.has(s)) {
          seen.add(s);
          out.push(s);
        }
      }
    }
    this.srcStrings.set(r, out);
    return out;
  }

  /** The packet filter Tailscale sends this node. */
  filter(nodeName: string): TsFilterRule[] {
    const cached = this.filterCache.get(nodeName);
    if (cached) return cached;
    const node = this.policy.net.byName(nodeName);
    if (!node) return [];
    this.filters ??= new FilterIndex(this.policy, this.index, (r) => this.srcIPs(r), (r) => this.srcSet(r));
    if (++this.filterAsks > ASKED_BEFORE_INDEX) this.filters.buildIndex();
    const out = this.filters.filter(node);
    this.filterCache.set(nodeName, out);
    return out;
  }

  /** The nodes this node can see, as a list shared with similar nodes (may include the node itself). */
  visible(nodeName: string): VisibleSet | undefined {
    const node = this.policy.net.byName(nodeName);
    if (!node) return undefined;
    this.visibility ??= new Visibility(this.policy, this.index, (r) => this.srcSet(r));
    if (++this.visibleAsks > ASKED_BEFORE_INDEX) this.visibility.buildIndex();
    return this.visibility.of(node);
  }

  /** Names of the peers this node can see: it may reach them, or they may reach it. */
  peers(nodeName: string): string[] {
    const set = this.visible(nodeName);
    if (!set) return [];
    return set.nodes.filter((n) => n.name !== nodeName).map((n) => n.name);
  }

  /** Forwarding entries for networks a node routes outside the topology (routed.ts). */
  routedFilter(networks: readonly RoutedNetwork[]): TsFilterRule[] {
    return routedFilter(this.policy, networks, (r) => this.srcIPs(r));
  }

  /** Who sees whom through networks routed outside the topology (routed.ts), computed once. */
  private reach?: { routers: ReadonlyMap<string, readonly string[]>; out: Map<string, Set<string>> };

  routedReach(routers: ReadonlyMap<string, readonly string[]>): ReadonlyMap<string, ReadonlySet<string>> {
    if (this.reach?.routers !== routers) this.reach = { routers, out: routedReach(this.policy, routers, (r) => this.srcSet(r)) };
    return this.reach.out;
  }

  peerCount(nodeName: string): number {
    const set = this.visible(nodeName);
    return set ? set.nodes.length - (set.includesSelf ? 1 : 0) : 0;
  }
}
