// Packet filters for every node without redoing every rule per node. Each rule is rendered once
// (SrcIPs, DstPorts entries: shared objects) and inverted into "node → the entries of each rule
// that concern it". A node's filter then merges only what reaches it, reproducing Tailscale's
// merge (same sources and protocols → one FilterRule, in first-seen order) exactly as the
// per-node reference did: see tests/unit/policy-fastpath-tailscale.test.ts.
import type { Rule } from '../ir';
import { appRules, reduceCapRule } from './capgrants';
import type { CompiledTailscalePolicy } from './compiled';
import { INTERNET, IPSet, dstString } from './ipset';
import type { NodeIndex } from './node-index';
import { nodeAddressStrings } from './selectors';
import type { NodeView } from './topology';
import type { NetPortRange, TsFilterRule } from './filter-rule';

interface PlainItem {
  kind: 'plain';
  pos: number;
  key: number;
  srcIPs: string[];
  proto?: number[];
  rule: Rule;
  /** Explicit destination addresses ("*" and autogroup:internet aside), built when first needed. */
  dst?: IPSet;
  ips?: string[];
  entries?: Map<string, NetPortRange[]>;
}

type Item =
  | PlainItem
  | { kind: 'self'; rule: Rule }
  | { kind: 'via'; rule: Rule }
  | { kind: 'app'; group: Rule[] };

interface Kept {
  pos: number;
  dsts: NetPortRange[];
}

interface Rendered {
  key: number;
  srcIPs: string[];
  proto?: number[];
  dsts: NetPortRange[];
}

interface Bucket {
  srcIPs: string[];
  proto?: number[];
  specific: boolean;
  dsts: NetPortRange[] | null;
  cap?: TsFilterRule;
}

const sameUser = (a: NodeView, b: NodeView) => !a.tagged && !b.tagged && !!a.user && a.user === b.user;

export class FilterIndex {
  private readonly items: Item[] = [];
  private readonly keys = new Map<string, number>();
  /** Per node position: (plain item position, its entries that concern the node), in item order. */
  private kept?: Kept[][];
  private readonly keyTexts = new WeakMap<string[], string>();
  /** For nodes without node-dependent items: each plain item's merge group (first-seen order). */
  private readonly groupOf: number[] = [];
  private readonly hasApp: boolean;
  private readonly hasSelf: boolean;
  private readonly viaTags: Set<string>;
  private readonly selfCache = new Map<string, Rendered | null>();
  private readonly appCache = new Map<string, TsFilterRule[]>();

  constructor(
    private readonly policy: CompiledTailscalePolicy,
    private readonly index: NodeIndex,
    private readonly srcIPs: (r: Rule) => string[],
    private readonly srcSet: (r: Rule) => IPSet,
  ) {
    const firstGroup = new Map<number, number>();
    const rules = policy.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (r.action !== 'accept') continue;
      if (r.app) {
        const group = [r];
        while (i + 1 < rules.length && rules[i + 1].app === r.app) group.push(rules[++i]);
        this.items.push({ kind: 'app', group });
        continue;
      }
      // Empty sources render nothing; tested without building the rule's address set.
      if (!r.src.anyAddress && !r.src.all && !r.src.internet && policy.resolver.explicitEmpty(r.src)) continue;
      if (r.via) {
        this.items.push({ kind: 'via', rule: r });
        continue;
      }
      if (r.dst.self) {
        this.items.push({ kind: 'self', rule: r });
        continue;
      }
      if (!r.dst.all && !r.dst.internet && policy.resolver.explicitEmpty(r.dst)) continue;
      const src = srcIPs(r);
      const proto = r.protocols.length ? [...r.protocols] : undefined;
      const key = this.key(src, proto);
      const pos = this.items.length;
      this.items.push({ kind: 'plain', pos, key, srcIPs: src, proto, rule: r });
      if (!firstGroup.has(key)) firstGroup.set(key, firstGroup.size);
      this.groupOf[pos] = firstGroup.get(key)!;
    }
    this.hasApp = this.items.some((it) => it.kind === 'app');
    this.hasSelf = this.items.some((it) => it.kind === 'self');
    this.viaTags = new Set(this.items.flatMap((it) => (it.kind === 'via' ? it.rule.via! : [])));
  }

  private key(srcIPs: string[], proto: number[] | undefined): number {
    // SrcIPs arrays are shared per selector, so each is joined once.
    let joined = this.keyTexts.get(srcIPs);
    if (joined === undefined) this.keyTexts.set(srcIPs, (joined = srcIPs.join(',')));
    const text = `${joined}|${(proto ?? []).join(',')}`;
    let k = this.keys.get(text);
    if (k === undefined) this.keys.set(text, (k = this.keys.size));
    return k;
  }

  private dependsOnNode(node: NodeView): boolean {
    return (this.hasSelf && !node.tagged && !!node.user) || node.node.tags.some((t) => this.viaTags.has(t));
  }

  /** The destinations a plain item renders to (shared). */
  private ipsOf(item: PlainItem): string[] {
    if (!item.ips) {
      const r = item.rule;
      if (r.dst.all) item.ips = ['*'];
      else if (r.dst.internet) item.ips = INTERNET.rangeStrings();
      else item.ips = this.dstOf(item).prefixes().map(dstString);
    }
    return item.ips;
  }

  private dstOf(item: PlainItem): IPSet {
    return (item.dst ??= item.rule.dst.all || item.rule.dst.internet ? IPSet.empty : this.policy.resolver.explicitAddresses(item.rule.dst));
  }

  private entriesOf(item: PlainItem, ip: string): NetPortRange[] {
    item.entries ??= new Map();
    let list = item.entries.get(ip);
    if (!list) item.entries.set(ip, (list = item.rule.ports.map((p) => ({ IP: ip, Ports: { First: p.first, Last: p.last } }))));
    return list;
  }

  /** Inverts every plain item into per-node entries: worth it once many nodes ask. */
  buildIndex(): void {
    if (this.kept) return;
    const kept: Kept[][] = this.policy.net.nodes.map(() => []);
    for (const item of this.items) {
      if (item.kind !== 'plain') continue;
      for (const ip of this.ipsOf(item)) {
        const entries = this.entriesOf(item, ip);
        for (const node of this.index.concernedBy(ip, !!item.rule.dst.internet)) {
          const list = kept[this.index.position.get(node)!];
          const last = list[list.length - 1];
          if (last?.pos === item.pos) last.dsts.push(...entries);
          else list.push({ pos: item.pos, dsts: [...entries] });
        }
      }
    }
    this.kept = kept;
  }

  /** One node's entries without the index: cheap checks reject the items that cannot concern it. */
  private scan(node: NodeView): Kept[] {
    const out: Kept[] = [];
    const routes = node.subnetRoutes.map((r) => this.index.set(r));
    for (const item of this.items) {
      if (item.kind !== 'plain') continue;
      if (!item.rule.dst.all && !item.rule.dst.internet) {
        const sel = item.rule.dst;
        const maybe =
          node.addrs.some((a) => this.policy.resolver.explicitContains(sel, a)) ||
          (routes.length > 0 && routes.some((r) => this.dstOf(item).overlaps(r)));
        if (!maybe) continue;
      }
      const dsts: NetPortRange[] = [];
      for (const ip of this.ipsOf(item)) if (this.index.concerns(node, ip, !!item.rule.dst.internet)) dsts.push(...this.entriesOf(item, ip));
      if (dsts.length) out.push({ pos: item.pos, dsts });
    }
    return out;
  }

  filter(node: NodeView): TsFilterRule[] {
    const mine = this.kept ? this.kept[this.index.position.get(node)!] : this.scan(node);
    if (!this.hasApp && !this.dependsOnNode(node)) return this.mergeSimple(mine);
    return this.mergeFull(node, mine);
  }

  /** Only plain items reach this node: its groups are the global ones, in first-seen order. */
  private mergeSimple(mine: Kept[]): TsFilterRule[] {
    const groups = new Map<number, { item: PlainItem; dsts: NetPortRange[] }>();
    for (const { pos, dsts } of mine) {
      const g = this.groupOf[pos];
      const found = groups.get(g);
      if (found) found.dsts.push(...dsts);
      else groups.set(g, { item: this.items[pos] as PlainItem, dsts: [...dsts] });
    }
    return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, { item, dsts }]) => render(item.srcIPs, dsts, item.proto));
  }

  /** The general merge, item by item, when self, via or app items make the grouping node-dependent. */
  private mergeFull(node: NodeView, mine: Kept[]): TsFilterRule[] {
    const buckets: Bucket[] = [];
    const byKey = new Map<number, number>();
    const add = (key: number, srcIPs: string[], proto: number[] | undefined, specific: boolean, dsts: NetPortRange[] | null) => {
      const at = byKey.get(key);
      if (at !== undefined && buckets[at].specific === specific) {
        if (dsts?.length) (buckets[at].dsts ??= []).push(...dsts);
      } else {
        byKey.set(key, buckets.length);
        buckets.push({ srcIPs, proto, specific, dsts: dsts?.length ? [...dsts] : null });
      }
    };
    let ptr = 0;
    for (let pos = 0; pos < this.items.length; pos++) {
      const item = this.items[pos];
      if (item.kind === 'plain') {
        while (ptr < mine.length && mine[ptr].pos < pos) ptr++;
        add(item.key, item.srcIPs, item.proto, false, ptr < mine.length && mine[ptr].pos === pos ? mine[ptr].dsts : null);
      } else if (item.kind === 'self') {
        const r = this.selfRule(item.rule, this.srcSet(item.rule), node);
        if (r) add(r.key, r.srcIPs, r.proto, false, r.dsts.filter((d) => this.index.concerns(node, d.IP)));
      } else if (item.kind === 'via') {
        const r = this.viaRule(item.rule, node);
        if (r) add(r.key, r.srcIPs, r.proto, true, r.dsts);
      } else {
        for (const cap of this.appRules(item.group, node)) buckets.push({ srcIPs: cap.SrcIPs, specific: false, dsts: null, cap });
      }
    }
    const out: TsFilterRule[] = [];
    for (const b of buckets) {
      if (b.cap) {
        const reduced = reduceCapRule(b.cap, node);
        if (reduced) out.push(reduced);
      } else if (b.dsts?.length) out.push(render(b.srcIPs, b.dsts, b.proto));
    }
    return out;
  }

  /** autogroup:self as seen from this node: the same for every device of one user. */
  private selfRule(r: Rule, srcSet: IPSet, node: NodeView): Rendered | null {
    if (node.tagged || !node.user) return null;
    const cacheKey = `${r.id}\u0000${node.user.id}\u0000${node.user.email}`;
    let out = this.selfCache.get(cacheKey);
    if (out !== undefined) return out;
    const mine = this.policy.net.nodesOfUser(node.user).filter((n) => sameUser(n, node));
    const sources = mine.filter((n) => n.addrs.some((a) => srcSet.contains(a)));
    if (!sources.length) out = null;
    else {
      const dsts: NetPortRange[] = [];
      for (const n of mine) for (const p of r.ports) for (const a of n.ips.strings()) dsts.push({ IP: a, Ports: { First: p.first, Last: p.last } });
      const srcIPs = nodeAddressStrings(sources);
      const proto = r.protocols.length ? [...r.protocols] : undefined;
      out = { key: this.key(srcIPs, proto), srcIPs, proto, dsts };
    }
    this.selfCache.set(cacheKey, out);
    return out;
  }

  /** A grant's "via": only routers carrying the tag get it, for the routes they serve. */
  private viaRule(r: Rule, node: NodeView): Rendered | null {
    if (!r.via!.some((t) => node.node.tags.includes(t))) return null;
    const prefixes: string[] = [];
    if (r.dst.internet && node.exitNode) prefixes.push(...node.node.approvedRoutes.filter((x) => x === '0.0.0.0/0' || x === '::/0'));
    // The router carries the grant's destination as written whenever it overlaps a route it serves,
    // narrower or wider than the route (IPv4, IPv6 and 4via6 alike): that is what the policy allowed.
    const routes = node.subnetRoutes.map((x) => IPSet.parse(x));
    for (const p of this.policy.resolver.explicitAddresses(r.dst).prefixes()) {
      const block = IPSet.fromPrefixes([p]);
      if (routes.some((route) => route.overlaps(block))) prefixes.push(dstString(p));
    }
    if (!prefixes.length) return null;
    const srcIPs = this.srcIPs(r);
    const proto = r.protocols.length ? [...r.protocols] : undefined;
    const dsts: NetPortRange[] = [];
    for (const ip of prefixes) for (const p of r.ports) dsts.push({ IP: ip, Ports: { First: p.first, Last: p.last } });
    return { key: this.key(srcIPs, proto), srcIPs, proto, dsts };
  }

  /** App capability rules depend on the node only through its user (autogroup:self). */
  private appRules(group: Rule[], node: NodeView): TsFilterRule[] {
    const who = node.tagged || !node.user ? '' : `${node.user.id}\u0000${node.user.email}`;
    const cacheKey = `${group[0].id}\u0000${who}`;
    let out = this.appCache.get(cacheKey);
    if (!out) this.appCache.set(cacheKey, (out = appRules(this.policy, group, node, (x) => this.srcIPs(x))));
    return out;
  }
}

function render(srcIPs: string[], dsts: NetPortRange[], proto: number[] | undefined): TsFilterRule {
  return proto ? { SrcIPs: srcIPs, DstPorts: dsts, IPProto: proto } : { SrcIPs: srcIPs, DstPorts: dsts };
}
