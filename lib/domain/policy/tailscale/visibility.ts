// Which peers each node can see (it may reach them or they may reach it), for every node at once.
// Each rule's source and destination nodes are found once through the address index; nodes that
// are on the same sides of the same rules (and, with autogroup:self, of the same user) share one
// visible set, computed once and kept as a node-ordered shared list.
import type { Rule } from '../ir';
import type { CompiledTailscalePolicy } from './compile';
import { INTERNET, TAILNET_ADDRESSES, type Addr, type IPSet } from './ipset';
import type { NodeIndex } from './node-index';
import type { NodeView } from './topology';

export interface VisibleSet {
  /** Visible nodes in node order; may include the asking node itself (callers leave it out). */
  readonly nodes: readonly NodeView[];
  readonly includesSelf: boolean;
}

interface RuleSides {
  src: readonly NodeView[];
  dst: readonly NodeView[];
  self: boolean;
  srcLookup?: Set<NodeView>;
}

export class Visibility {
  private readonly rules: Rule[];
  private readonly sides: (RuleSides | undefined)[] = [];
  /** Per node position: the rules it is a source of, and a destination of (built when many nodes ask). */
  private lists?: { src: number[][]; dst: number[][] };
  private readonly sets = new Map<string, VisibleSet>();
  private readonly marks: Uint32Array;
  private stamp = 0;
  private readonly anySelf: boolean;

  constructor(
    private readonly policy: CompiledTailscalePolicy,
    private readonly index: NodeIndex,
    private readonly srcSet: (r: Rule) => IPSet,
  ) {
    this.marks = new Uint32Array(policy.net.nodes.length);
    this.rules = policy.rules.filter((r) => r.action === 'accept');
    this.anySelf = this.rules.some((r) => !r.via && !!r.dst.self);
  }

  private side(i: number): RuleSides {
    let s = this.sides[i];
    if (!s) {
      const r = this.rules[i];
      this.sides[i] = s = { src: this.sources(r), dst: this.destinations(r), self: !r.via && !!r.dst.self };
    }
    return s;
  }

  /** Inverts every rule's sides into per-node rule lists. */
  buildIndex(): void {
    if (this.lists) return;
    const nodes = this.policy.net.nodes;
    const lists = { src: nodes.map((): number[] => []), dst: nodes.map((): number[] => []) };
    for (let i = 0; i < this.rules.length; i++) {
      const s = this.side(i);
      for (const n of this.unique(s.src)) lists.src[this.index.position.get(n)!].push(i);
      for (const n of this.unique(s.dst)) lists.dst[this.index.position.get(n)!].push(i);
    }
    this.lists = lists;
  }

  /** The same lists for one node, by testing it against each rule (no index needed). */
  private listsOf(node: NodeView): { src: number[]; dst: number[] } {
    if (this.lists) {
      const p = this.index.position.get(node)!;
      return { src: this.lists.src[p], dst: this.lists.dst[p] };
    }
    const routes = node.subnetRoutes.map((r) => this.index.set(r));
    const resolver = this.policy.resolver;
    // Per-rule address sets are only built for routers (their routes overlap ranges); everyone
    // else is tested address by address.
    const inSrc = (r: Rule, a: Addr) => resolver.explicitContains(r.src, a) || (!!r.src.all && TAILNET_ADDRESSES.contains(a)) || (!!r.src.internet && INTERNET.contains(a));
    const routed = (set: () => IPSet) => routes.length > 0 && routes.some((x) => set().overlaps(x));
    const src: number[] = [];
    const dst: number[] = [];
    this.rules.forEach((r, i) => {
      if (r.src.anyAddress || node.addrs.some((a) => inSrc(r, a)) || routed(() => this.srcSet(r))) src.push(i);
      const d = () => resolver.explicitAddresses(r.dst);
      const reached = r.via
        ? r.via.some((t) => node.node.tags.includes(t)) && ((!!r.dst.internet && node.exitNode) || routed(d))
        : !!r.dst.all || (!!r.dst.internet && node.exitNode) || node.addrs.some((a) => resolver.explicitContains(r.dst, a)) || routed(d);
      if (reached) dst.push(i);
    });
    return { src, dst };
  }

  private unique(list: readonly NodeView[]): NodeView[] {
    const stamp = ++this.stamp;
    const out: NodeView[] = [];
    for (const n of list) {
      const p = this.index.position.get(n)!;
      if (this.marks[p] === stamp) continue;
      this.marks[p] = stamp;
      out.push(n);
    }
    return out;
  }

  /** Nodes that may open connections under r: an address in its sources, or a route into them. */
  private sources(r: Rule): readonly NodeView[] {
    if (r.src.anyAddress) return this.policy.net.nodes;
    const named = r.src.all || r.src.internet ? undefined : this.policy.resolver.explicitNodes(r.src);
    const routers = this.index.routers.length ? this.index.routingInto(this.srcSet(r)) : [];
    return [...(named ?? this.index.addressedIn(this.srcSet(r))), ...routers];
  }

  /** Nodes r lets others reach (autogroup:self aside: it depends on who asks). */
  private destinations(r: Rule): readonly NodeView[] {
    if (r.via) {
      const dst = this.policy.resolver.explicitAddresses(r.dst);
      const tagged = (n: NodeView) => r.via!.some((t) => n.node.tags.includes(t));
      const out = r.dst.internet ? this.index.exits.filter(tagged) : [];
      return [...out, ...this.index.routingInto(dst).filter(tagged)];
    }
    if (r.dst.all) return this.policy.net.nodes;
    const out = r.dst.internet ? [...this.index.exits] : [];
    const named = this.policy.resolver.explicitNodes(r.dst);
    if (named && !this.index.routers.length) return [...out, ...named];
    const dst = this.policy.resolver.explicitAddresses(r.dst);
    if (dst.empty) return out;
    return [...out, ...(named ?? this.index.addressedIn(dst)), ...this.index.routingInto(dst)];
  }

  /** The visible set of a node, shared with every node on the same sides of the same rules. */
  of(node: NodeView): VisibleSet {
    const p = this.index.position.get(node)!;
    const { src, dst } = this.listsOf(node);
    const user = this.anySelf && !node.tagged && node.user ? node.user : undefined;
    const key = `${src.join(',')}|${dst.join(',')}|${user ? `${user.id}\u0000${user.email}` : ''}`;
    let set = this.sets.get(key);
    if (set) return set;
    const stamp = ++this.stamp;
    const found: number[] = [];
    const add = (list: readonly NodeView[]) => {
      for (const n of list) {
        const q = this.index.position.get(n)!;
        if (this.marks[q] === stamp) continue;
        this.marks[q] = stamp;
        found.push(q);
      }
    };
    const mine = user ? this.policy.net.nodesOfUser(user) : [];
    for (const i of src) {
      add(this.side(i).dst);
      if (this.side(i).self) add(mine);
    }
    for (const i of dst) add(this.side(i).src);
    if (user) {
      // Someone else's device of the same user reaching this one through autogroup:self.
      for (let i = 0; i < this.rules.length; i++) {
        if (this.rules[i].via || !this.rules[i].dst.self) continue;
        const s = this.side(i);
        const sources = (s.srcLookup ??= new Set(s.src));
        add(mine.filter((n) => sources.has(n)));
      }
    }
    found.sort((a, b) => a - b);
    const nodes = found.map((q) => this.policy.net.nodes[q]);
    set = { nodes, includesSelf: found.includes(p) };
    this.sets.set(key, set);
    return set;
  }
}
