// Which peers each node can see (it may reach them or they may reach it), for every node at once.
// Each rule's source and destination nodes are found once through the address index; nodes that
// are on the same sides of the same rules (and, with autogroup:self, of the same user) share one
// visible set, computed once and kept as a node-ordered shared list.
import type { Rule } from '../ir';
import type { CompiledTailscalePolicy } from './compile';
import type { IPSet } from './ipset';
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
  private readonly sides: RuleSides[] = [];
  private readonly srcRules: number[][];
  private readonly dstRules: number[][];
  private readonly sets = new Map<string, VisibleSet>();
  private readonly marks: Uint32Array;
  private stamp = 0;
  private readonly anySelf: boolean;

  constructor(
    private readonly policy: CompiledTailscalePolicy,
    private readonly index: NodeIndex,
    srcSet: (r: Rule) => IPSet,
  ) {
    const nodes = policy.net.nodes;
    this.marks = new Uint32Array(nodes.length);
    this.srcRules = nodes.map(() => []);
    this.dstRules = nodes.map(() => []);
    for (const r of policy.rules) {
      if (r.action !== 'accept') continue;
      const sides: RuleSides = { src: this.sources(r, srcSet(r)), dst: this.destinations(r), self: !r.via && !!r.dst.self };
      const i = this.sides.length;
      this.sides.push(sides);
      for (const n of this.unique(sides.src)) this.srcRules[index.position.get(n)!].push(i);
      for (const n of this.unique(sides.dst)) this.dstRules[index.position.get(n)!].push(i);
    }
    this.anySelf = this.sides.some((s) => s.self);
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
  private sources(r: Rule, set: IPSet): readonly NodeView[] {
    if (r.src.anyAddress) return this.policy.net.nodes;
    return [...this.index.addressedIn(set), ...this.index.routingInto(set)];
  }

  /** Nodes r lets others reach (autogroup:self aside: it depends on who asks). */
  private destinations(r: Rule): readonly NodeView[] {
    const dst = this.policy.resolver.explicitAddresses(r.dst);
    if (r.via) {
      const tagged = (n: NodeView) => r.via!.some((t) => n.node.tags.includes(t));
      const out = r.dst.internet ? this.index.exits.filter(tagged) : [];
      return [...out, ...this.index.routingInto(dst).filter(tagged)];
    }
    if (r.dst.all) return this.policy.net.nodes;
    const out = r.dst.internet ? [...this.index.exits] : [];
    if (dst.empty) return out;
    return [...out, ...this.index.addressedIn(dst), ...this.index.routingInto(dst)];
  }

  /** The visible set of a node, shared with every node on the same sides of the same rules. */
  of(node: NodeView): VisibleSet {
    const p = this.index.position.get(node)!;
    const src = this.srcRules[p];
    const dst = this.dstRules[p];
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
      add(this.sides[i].dst);
      if (this.sides[i].self) add(mine);
    }
    for (const i of dst) add(this.sides[i].src);
    if (user) {
      // Someone else's device of the same user reaching this one through autogroup:self.
      for (const s of this.sides) {
        if (!s.self) continue;
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
