// Tailscale aliases → the engine's selectors. Users, groups and tags resolve to the nodes they name
// (by node name); hosts, IPs and ipsets to address blocks; "*" and the autogroups to flags.
import { emptySelector, type Selector } from '../ir';
import type { Declarations } from './document';
import { IPSet, ALL_ADDRESSES, INTERNET, TAILNET_ADDRESSES, formatAddr, type Addr } from './ipset';
import { parseAlias, PolicyError, type Alias } from './syntax';
import type { NodeView, Tailnet } from './topology';

const ROLE_AUTOGROUPS: Record<string, string[]> = {
  owner: ['owner'],
  admin: ['owner', 'admin'],
  'it-admin': ['it-admin'],
  'network-admin': ['network-admin'],
  'billing-admin': ['billing-admin'],
  auditor: ['auditor'],
};

export class Resolver {
  // Memoized per alias and per selector: a 10,000-node tailnet asks the same questions many times.
  private readonly aliasNodes = new Map<string, NodeView[]>();
  private readonly peerSets = new WeakMap<Selector, Set<string>>();
  private readonly explicit = new WeakMap<Selector, IPSet>();
  private readonly selectors = new Map<string, Selector>();
  private readonly strings = new WeakMap<Selector, string[]>();
  private readonly nodeLists = new WeakMap<Selector, NodeView[]>();

  constructor(readonly net: Tailnet, readonly decl: Declarations) {}

  private usersNodes(token: string): readonly NodeView[] {
    const wildcard = /^(?:user:)?\*@(.+)$/.exec(token);
    if (wildcard) {
      const users = new Set(this.net.usersInDomain(wildcard[1]));
      return this.net.nodes.filter((n) => !n.tagged && n.user && users.has(n.user));
    }
    const user = this.net.findUser(token.startsWith('user:') ? token.slice(5) : token);
    return user ? this.net.nodesOfUser(user) : [];
  }

  /** The nodes an identity alias names (users, groups, tags, member/tagged/role autogroups). */
  nodesOf(alias: Alias): NodeView[] {
    let nodes = this.aliasNodes.get(alias.text);
    if (!nodes) this.aliasNodes.set(alias.text, (nodes = this.resolveNodes(alias)));
    return nodes;
  }

  private resolveNodes(alias: Alias): NodeView[] {
    switch (alias.kind) {
      case 'user':
        return [...this.usersNodes(alias.text)];
      case 'group':
        return (this.decl.groups.get(alias.text) ?? []).flatMap((m) => this.usersNodes(m));
      case 'tag':
        return [...this.net.nodesWithTag(alias.text)];
      case 'autogroup':
        if (alias.name === 'member') return this.net.nodes.filter((n) => !n.tagged);
        if (alias.name === 'tagged') return this.net.nodes.filter((n) => n.tagged);
        if (ROLE_AUTOGROUPS[alias.name]) return this.net.nodes.filter((n) => !n.tagged && ROLE_AUTOGROUPS[alias.name].includes(n.user?.role ?? ''));
        return [];
      default:
        return [];
    }
  }

  /** Add one alias to a selector. */
  add(sel: Selector, alias: Alias): Selector {
    switch (alias.kind) {
      case 'wildcard':
        sel.all = true;
        break;
      case 'prefix':
        sel.cidrs.push(alias.text);
        break;
      case 'host': {
        const value = this.decl.hosts.get(alias.text);
        if (value) sel.cidrs.push(value);
        break;
      }
      case 'ipset':
        sel.cidrs.push(...this.ipset(alias.text, new Set()).strings());
        break;
      case 'autogroup':
        if (alias.name === 'self') sel.self = true;
        else if (alias.name === 'internet') sel.internet = true;
        else if (alias.name === 'danger-all') sel.anyAddress = true;
        else this.pushPeers(sel, this.nodesOf(alias));
        break;
      default:
        this.pushPeers(sel, this.nodesOf(alias));
    }
    return sel;
  }

  private pushPeers(sel: Selector, nodes: NodeView[]) {
    let seen = this.peerSets.get(sel);
    if (!seen) this.peerSets.set(sel, (seen = new Set(sel.peers)));
    for (const n of nodes) {
      if (seen.has(n.name)) continue;
      seen.add(n.name);
      sel.peers.push(n.name);
    }
  }

  /** The selector of a list of aliases; one shared object per distinct list (selectors are never changed). */
  selector(aliases: Alias[]): Selector {
    const key = aliases.map((a) => a.text).join('\u0000');
    let sel = this.selectors.get(key);
    if (!sel) {
      sel = emptySelector();
      for (const a of aliases) this.add(sel, a);
      this.selectors.set(key, sel);
    }
    return sel;
  }

  /** An ipset's addresses: entries are aliases, optionally prefixed "add " or "remove ". */
  ipset(name: string, seen: Set<string>): IPSet {
    const entries = this.decl.ipsets.get(name);
    if (!entries) throw new PolicyError(`ipset not found: ${JSON.stringify(name)}`);
    if (seen.has(name)) throw new PolicyError(`ipsets[${JSON.stringify(name)}]: ipsets cannot be recursive`);
    seen.add(name);
    let set = IPSet.empty;
    for (const entry of entries) {
      const m = /^(add|remove)\s+(.*)$/.exec(entry.trim());
      const alias = parseAlias(m ? m[2] : entry);
      const part = alias.kind === 'ipset' ? this.ipset(alias.text, seen) : this.addresses(this.selector([alias]));
      set = m?.[1] === 'remove' ? set.minus(part) : set.union(part);
    }
    seen.delete(name);
    return set;
  }

  /** Every address a selector stands for (autogroup:self excluded: it depends on the viewer). */
  addresses(sel: Selector): IPSet {
    let set = this.explicitAddresses(sel);
    if (sel.all) set = set.union(TAILNET_ADDRESSES);
    if (sel.anyAddress) set = set.union(ALL_ADDRESSES);
    if (sel.internet) set = set.union(INTERNET);
    return set;
  }

  /**
   * Explicit addresses as Tailscale lists them: address blocks as merged ranges, node addresses
   * one by one (two nodes with neighbouring addresses are not merged into a range). Shared: do not change.
   */
  explicitStrings(sel: Selector): string[] {
    let out = this.strings.get(sel);
    if (!out) {
      const blocks = IPSet.parse(...sel.cidrs);
      this.strings.set(sel, (out = [...blocks.strings(), ...nodeAddressStrings(this.selectedNodes(sel), blocks)]));
    }
    return out;
  }

  /** The nodes a selector names one by one. */
  private selectedNodes(sel: Selector): NodeView[] {
    let nodes = this.nodeLists.get(sel);
    if (!nodes) this.nodeLists.set(sel, (nodes = sel.peers.map((p) => this.net.byName(p)).filter((n): n is NodeView => !!n)));
    return nodes;
  }

  private readonly cidrSets = new WeakMap<Selector, IPSet>();

  /**
   * Whether an address is among a selector's explicit addresses, without building the whole set:
   * one node is tested against 500 rules after a change, before any per-rule set is needed.
   */
  explicitContains(sel: Selector, a: Addr): boolean {
    let blocks = this.cidrSets.get(sel);
    if (!blocks) this.cidrSets.set(sel, (blocks = IPSet.parse(...sel.cidrs)));
    if (blocks.contains(a)) return true;
    let names = this.peerSets.get(sel);
    if (!names) this.peerSets.set(sel, (names = new Set(sel.peers)));
    for (const n of this.net.nodesAt(a)) if (names.has(n.name)) return true;
    return false;
  }

  /**
   * The nodes with an address among the selector's explicit addresses, when it names no address
   * blocks (undefined otherwise): its own nodes and any node sharing one of their addresses.
   */
  explicitNodes(sel: Selector): NodeView[] | undefined {
    if (sel.cidrs.length) return undefined;
    const out = new Set<NodeView>();
    for (const n of this.selectedNodes(sel)) for (const a of n.addrs) for (const m of this.net.nodesAt(a)) out.add(m);
    return [...out];
  }

  /** Whether the selector's explicit addresses are empty (cheap when it names nodes with addresses). */
  explicitEmpty(sel: Selector): boolean {
    if (!sel.cidrs.length && sel.peers.some((p) => this.net.byName(p)?.addrs.length)) return false;
    return this.explicitAddresses(sel).empty;
  }

  /** Addresses named explicitly: nodes and address blocks, without "*" and the autogroup flags. */
  explicitAddresses(sel: Selector): IPSet {
    // Selectors are not changed once compiled, so their address sets are computed once.
    let set = this.explicit.get(sel);
    if (!set) {
      const nodes = this.selectedNodes(sel);
      const nodeSet = IPSet.ofSortedAddrs(this.net.inAddressOrder(nodes.flatMap((n) => n.addrs)));
      this.explicit.set(sel, (set = sel.cidrs.length ? IPSet.parse(...sel.cidrs).union(nodeSet) : nodeSet));
    }
    return set;
  }
}

/** Node addresses, one string each, leaving out those already inside `except`. */
export function nodeAddressStrings(nodes: NodeView[], except: IPSet = IPSet.empty): string[] {
  const out = new Set<string>();
  const skip = !except.empty;
  for (const n of nodes) {
    for (const a of n.addrs) {
      if (skip && except.contains(a)) continue;
      let text = formatted.get(a);
      if (text === undefined) formatted.set(a, (text = formatAddr(a)));
      out.add(text);
    }
  }
  return [...out];
}

const formatted = new WeakMap<Addr, string>();
