// The tailnet's nodes indexed by address, so that "which nodes does this address block name" is a
// binary search instead of a scan, and by position, for mark arrays and node-ordered output.
import { ALL_ADDRESSES, INTERNET, IPSet } from './ipset';
import type { NodeView, Tailnet } from './topology';

interface AddrEntry {
  n: bigint;
  node: NodeView;
}

function lowerBound(list: AddrEntry[], n: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].n < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class NodeIndex {
  readonly position = new Map<NodeView, number>();
  /** Nodes with approved subnet routes, with the routes parsed once. */
  readonly routers: { node: NodeView; routes: IPSet[] }[] = [];
  readonly exits: NodeView[];
  private sorted?: { v4: AddrEntry[]; v6: AddrEntry[] };
  private readonly parsed = new Map<string, IPSet>();
  private readonly concerned = new Map<string, NodeView[]>();

  constructor(readonly net: Tailnet) {
    net.nodes.forEach((node, i) => {
      this.position.set(node, i);
      if (node.subnetRoutes.length) this.routers.push({ node, routes: node.subnetRoutes.map((r) => IPSet.parse(r)) });
    });
    this.exits = net.nodes.filter((n) => n.exitNode);
  }

  /** Addresses sorted for range queries; built on the first query (one node's map needs none). */
  private addresses(): { v4: AddrEntry[]; v6: AddrEntry[] } {
    if (!this.sorted) {
      const v4: AddrEntry[] = [];
      const v6: AddrEntry[] = [];
      for (const node of this.net.nodes) for (const a of node.addrs) (a.v6 ? v6 : v4).push({ n: a.n, node });
      const byAddr = (a: AddrEntry, b: AddrEntry) => (a.n < b.n ? -1 : a.n > b.n ? 1 : 0);
      this.sorted = { v4: v4.sort(byAddr), v6: v6.sort(byAddr) };
    }
    return this.sorted;
  }

  /** A DstPorts/SrcIPs string as a set ("*" is every address). */
  set(ip: string): IPSet {
    let s = this.parsed.get(ip);
    if (!s) this.parsed.set(ip, (s = ip === '*' ? ALL_ADDRESSES : IPSet.parse(ip)));
    return s;
  }

  /** Nodes with an address in the set (a node with two matching addresses appears twice). */
  addressedIn(set: IPSet): NodeView[] {
    const out: NodeView[] = [];
    const sorted = this.addresses();
    for (const r of set.ranges) {
      const list = r.v6 ? sorted.v6 : sorted.v4;
      for (let i = lowerBound(list, r.from); i < list.length && list[i].n <= r.to; i++) out.push(list[i].node);
    }
    return out;
  }

  /** Routers with an approved subnet route overlapping the set. */
  routingInto(set: IPSet): NodeView[] {
    return this.routers.filter((r) => r.routes.some((route) => set.overlaps(route))).map((r) => r.node);
  }

  /**
   * Nodes a filter destination entry concerns: one of their addresses, an approved subnet route
   * overlapping it, or — for the public ranges autogroup:internet renders to — the approved exit
   * nodes. A literal public address (8.8.8.8, 2001:db8::1) is not an exit node's entry: Tailscale
   * sends exit nodes only autogroup:internet. Memoized per entry.
   */
  concernedBy(ip: string, internet = false): NodeView[] {
    const memo = internet ? `${ip}\u0000internet` : ip;
    let nodes = this.concerned.get(memo);
    if (!nodes) {
      const set = this.set(ip);
      const found = new Set([...this.addressedIn(set), ...this.routingInto(set), ...(internet && INTERNET.covers(set) ? this.exits : [])]);
      this.concerned.set(memo, (nodes = [...found]));
    }
    return nodes;
  }

  concerns(node: NodeView, ip: string, internet = false): boolean {
    const set = this.set(ip);
    if (node.addrs.some((a) => set.contains(a))) return true;
    if (node.subnetRoutes.some((r) => set.overlaps(this.set(r)))) return true;
    return internet && node.exitNode && INTERNET.covers(set);
  }
}
