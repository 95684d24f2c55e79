// The tailnet a Tailscale policy is evaluated against: users and nodes with their addresses, tags
// and routes. Framework-free and database-free; callers build it from their own storage (or, for
// the conformance runner, from a capture's topology).
import { IPSet, parseAddr, type Addr } from './ipset';

export interface TsUser {
  id: string | number;
  /** Login name without domain ("odin"). */
  name: string;
  /** Login name as policies write it ("odin@example.com"). */
  email: string;
  /** Tailnet role ("owner", "admin", "member", ...) for autogroup:owner / autogroup:admin. */
  role?: string;
}

export interface TsNode {
  /** Stable key (the conformance captures key nodes by name). */
  name: string;
  hostname?: string;
  /** A tagged node belongs to no user. */
  tags: string[];
  ipv4: string;
  ipv6?: string;
  /** The owning user's name or email; absent for tagged nodes. */
  user?: string;
  /** Routes the node advertises. */
  routableIps?: string[];
  /** Advertised routes an admin (or autoApprovers) approved. */
  approvedRoutes: string[];
}

export interface Topology {
  users: TsUser[];
  nodes: TsNode[];
  /**
   * The tailnet's login domain, for "user:*@<domain>". Defaults to the owner's (or, without
   * roles, the first user's) email domain.
   */
  domain?: string;
}

const EXIT_ROUTES = new Set(['0.0.0.0/0', '::/0']);

/** A node with its parsed addresses, as the compiler and the map builder use it. */
export interface NodeView {
  node: TsNode;
  name: string;
  tagged: boolean;
  user?: TsUser;
  addrs: Addr[];
  ips: IPSet;
  /** Approved non-exit routes. */
  subnetRoutes: string[];
  /** Approved exit routes (0.0.0.0/0, ::/0). */
  exitNode: boolean;
}

export class Tailnet {
  readonly nodes: NodeView[];
  private readonly names = new Map<string, NodeView>();
  private readonly userIndex = new Map<string, number>();
  private readonly userNodes = new Map<TsUser, NodeView[]>();
  private readonly tagNodes = new Map<string, NodeView[]>();

  /** `previous`: a tailnet this one replaces; its views of unchanged nodes are reused (no re-parsing). */
  constructor(
    readonly topology: Topology,
    previous?: Tailnet,
  ) {
    // Login and bare name → the first user that has it (either way), as a linear search would find.
    topology.users.forEach((u, i) => {
      for (const key of [`e:${u.email}`, `n:${u.name}`]) if (!this.userIndex.has(key)) this.userIndex.set(key, i);
    });
    this.nodes = topology.nodes.map((node) => {
      const before = previous?.byName(node.name);
      // Same addresses and routes: keep the parsed views, with this topology's objects.
      if (before && sameNode(before.node, node)) return { ...before, node, user: before.tagged ? undefined : this.findUser(node.user) };
      // A new tag, user or route keeps the parsed addresses (and so the address order below).
      const sameAddrs = !!before && before.node.ipv4 === node.ipv4 && before.node.ipv6 === node.ipv6;
      const addrs = sameAddrs ? before.addrs : [node.ipv4, node.ipv6].filter((s): s is string => !!s).map(parseAddr).filter((a): a is Addr => !!a);
      const tagged = node.tags.length > 0;
      const user = tagged ? undefined : this.findUser(node.user);
      const approved = node.approvedRoutes ?? [];
      return {
        node,
        name: node.name,
        tagged,
        user,
        addrs,
        ips: sameAddrs ? before.ips : addressSet(node, addrs),
        subnetRoutes: approved.filter((r) => !EXIT_ROUTES.has(r)),
        exitNode: approved.some((r) => EXIT_ROUTES.has(r)),
      };
    });
    for (const n of this.nodes) {
      if (!this.names.has(n.name)) this.names.set(n.name, n);
      if (n.user && !n.tagged) push(this.userNodes, n.user, n);
      for (const t of new Set(n.node.tags)) push(this.tagNodes, t, n);
    }
    // The same address objects at the same positions (a change of tags, users or routes only): the
    // address order and the address → node-position index stay valid, so they are shared rather
    // than rebuilt (sorting 20,000 addresses per change). Only the indexes are kept, not `previous`.
    const prev = previous?.nodes;
    if (prev && prev.length === this.nodes.length && this.nodes.every((n, i) => n.addrs === prev[i].addrs)) {
      this.ranks = previous.ranks;
      this.sorted = previous.sorted;
      this.positionsByAddr = previous.positionsByAddr;
    }
  }

  private ranks?: Map<Addr, number>;
  private sorted?: Addr[];

  /** Node addresses in set order (IPv4 first, ascending), sorted by rank instead of comparing bigints. */
  inAddressOrder(addrs: Addr[]): Addr[] {
    if (!this.ranks || !this.sorted) {
      const all = this.nodes.flatMap((n) => n.addrs);
      all.sort((a, b) => (a.v6 !== b.v6 ? (a.v6 ? 1 : -1) : a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
      this.sorted = all;
      this.ranks = new Map(all.map((a, i) => [a, i]));
    }
    const ranks = new Int32Array(addrs.length);
    for (let i = 0; i < addrs.length; i++) ranks[i] = this.ranks.get(addrs[i])!;
    ranks.sort();
    const out: Addr[] = new Array(ranks.length);
    for (let i = 0; i < ranks.length; i++) out[i] = this.sorted[ranks[i]];
    return out;
  }

  /** Address → positions in `nodes` (shareable between tailnets whose nodes have the same addresses). */
  private positionsByAddr?: Map<string, number[]>;
  private readonly atMemo = new Map<string, readonly NodeView[]>();

  /** The nodes that have exactly this address (normally one). */
  nodesAt(a: Addr): readonly NodeView[] {
    if (!this.positionsByAddr) {
      const index = new Map<string, number[]>();
      this.nodes.forEach((n, i) => {
        for (const x of n.addrs) push(index, `${x.v6 ? 6 : 4}:${x.n}`, i);
      });
      this.positionsByAddr = index;
    }
    const key = `${a.v6 ? 6 : 4}:${a.n}`;
    let views = this.atMemo.get(key);
    if (!views) this.atMemo.set(key, (views = (this.positionsByAddr.get(key) ?? []).map((i) => this.nodes[i])));
    return views;
  }

  /** The untagged nodes of a user, in node order. */
  nodesOfUser(user: TsUser): readonly NodeView[] {
    return this.userNodes.get(user) ?? [];
  }

  /** The nodes carrying a tag, in node order. */
  nodesWithTag(tag: string): readonly NodeView[] {
    return this.tagNodes.get(tag) ?? [];
  }

  get domain(): string | undefined {
    if (this.topology.domain) return this.topology.domain;
    const owner = this.topology.users.find((u) => u.role === 'owner') ?? this.topology.users[0];
    return owner?.email.split('@')[1];
  }

  /** Users "user:*@<domain>" names. */
  usersInDomain(domain: string): TsUser[] {
    return this.topology.users.filter((u) => u.email.split('@')[1] === domain);
  }

  /** A user by login ("odin@example.com"), bare name ("odin") or "name@" form. */
  private readonly userMemo = new Map<string, TsUser | undefined>();

  findUser(token: string | undefined): TsUser | undefined {
    if (!token) return undefined;
    if (this.userMemo.has(token)) return this.userMemo.get(token);
    const user = this.lookupUser(token);
    this.userMemo.set(token, user);
    return user;
  }

  private lookupUser(token: string): TsUser | undefined {
    const t = token.endsWith('@') ? token.slice(0, -1) : token;
    const byEmail = this.userIndex.get(`e:${t}`);
    const byName = this.userIndex.get(`n:${t}`);
    const i = byEmail === undefined ? byName : byName === undefined ? byEmail : Math.min(byEmail, byName);
    return i === undefined ? undefined : this.topology.users[i];
  }

  byName(name: string): NodeView | undefined {
    return this.names.get(name);
  }

  /** Approved subnet routes of every node, in node order, without duplicates. */
  approvedSubnetRoutes(): string[] {
    return [...new Set(this.nodes.flatMap((n) => n.subnetRoutes))];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i]);

function sameNode(a: TsNode, b: TsNode): boolean {
  return a === b || (a.name === b.name && a.hostname === b.hostname && a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6 && a.user === b.user && sameList(a.tags, b.tags) && sameList(a.routableIps, b.routableIps) && sameList(a.approvedRoutes, b.approvedRoutes));
}

/** The node's addresses as a set; parsed once (only unusual entries, like a prefix, are re-read). */
function addressSet(node: TsNode, addrs: Addr[]): IPSet {
  const texts = [node.ipv4, node.ipv6].filter((s): s is string => !!s);
  if (addrs.length !== texts.length) return IPSet.parse(...texts);
  const sorted = [...addrs].sort((a, b) => (a.v6 !== b.v6 ? (a.v6 ? 1 : -1) : a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
  return IPSet.ofSortedAddrs(sorted);
}
