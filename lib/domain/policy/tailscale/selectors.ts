// Tailscale aliases → the engine's selectors. Users, groups and tags resolve to the nodes they name
// (by node name); hosts, IPs and ipsets to address blocks; "*" and the autogroups to flags.
import { emptySelector, type Selector } from '../ir';
import type { Declarations } from './document';
import { IPSet, ALL_ADDRESSES, INTERNET, TAILNET_ADDRESSES } from './ipset';
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
  constructor(readonly net: Tailnet, readonly decl: Declarations) {}

  private usersNodes(token: string): NodeView[] {
    const wildcard = /^(?:user:)?\*@(.+)$/.exec(token);
    if (wildcard) {
      const users = new Set(this.net.usersInDomain(wildcard[1]));
      return this.net.nodes.filter((n) => !n.tagged && n.user && users.has(n.user));
    }
    const user = this.net.findUser(token.startsWith('user:') ? token.slice(5) : token);
    return user ? this.net.nodes.filter((n) => !n.tagged && n.user === user) : [];
  }

  /** The nodes an identity alias names (users, groups, tags, member/tagged/role autogroups). */
  nodesOf(alias: Alias): NodeView[] {
    switch (alias.kind) {
      case 'user':
        return this.usersNodes(alias.text);
      case 'group':
        return (this.decl.groups.get(alias.text) ?? []).flatMap((m) => this.usersNodes(m));
      case 'tag':
        return this.net.nodes.filter((n) => n.node.tags.includes(alias.text));
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
        else pushPeers(sel, this.nodesOf(alias));
        break;
      default:
        pushPeers(sel, this.nodesOf(alias));
    }
    return sel;
  }

  selector(aliases: Alias[]): Selector {
    const sel = emptySelector();
    for (const a of aliases) this.add(sel, a);
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
   * one by one (two nodes with neighbouring addresses are not merged into a range).
   */
  explicitStrings(sel: Selector): string[] {
    const blocks = IPSet.parse(...sel.cidrs);
    const out = blocks.strings();
    const nodes = sel.peers.map((p) => this.net.byName(p)).filter((n): n is NodeView => !!n);
    return [...out, ...nodeAddressStrings(nodes, blocks)];
  }

  /** Addresses named explicitly: nodes and address blocks, without "*" and the autogroup flags. */
  explicitAddresses(sel: Selector): IPSet {
    const nodes = sel.peers.map((p) => this.net.byName(p)).filter((n): n is NodeView => !!n);
    return IPSet.parse(...sel.cidrs).union(...nodes.map((n) => n.ips));
  }
}

/** Node addresses, one string each, leaving out those already inside `except`. */
export function nodeAddressStrings(nodes: NodeView[], except: IPSet = IPSet.empty): string[] {
  const out = new Set<string>();
  for (const n of nodes) for (const a of n.addrs) if (!except.contains(a)) out.add(IPSet.of([{ v6: a.v6, from: a.n, to: a.n }]).strings()[0]);
  return [...out];
}

function pushPeers(sel: Selector, nodes: NodeView[]) {
  for (const n of nodes) if (!sel.peers.includes(n.name)) sel.peers.push(n.name);
}
