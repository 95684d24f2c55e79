// The access-policy document towards networks that peers route outside the document's own view of
// the tailnet: NetBird routes and network resources (the document's topology only knows the routes
// enabled on devices through the Tailscale API). Two things, as Tailscale does for subnet routers:
// - forwarding entries for a routing peer: each document rule whose destination overlaps a network
//   the peer routes gives one FilterRule whose DstPorts name the part of the network it allows —
//   the destination as written when inside the network, the network when the destination contains
//   it — with the rule's resolved sources, protocols and ports. The agent forwards only entries
//   inside the networks it serves, so a wider destination must be narrowed to the network here.
// - reach: a peer in the sources of such a rule and the routing peer see each other (the peer needs
//   the router as a WireGuard peer to send, the router needs it to accept), and nobody else gets the
//   router because of the route.
import type { Rule } from '../ir';
import type { CompiledTailscalePolicy } from './compiled';
import { IPSet, dstString } from './ipset';
import type { NetPortRange, TsFilterRule } from './filter-rule';

/** A network a peer routes; `inTopology`: a device route, which the document's own filter already covers when written inside it. */
export interface RoutedNetwork {
  network: string;
  inTopology: boolean;
}

/** Accept rules with explicit destinations ("*" already covers routed networks; via, self and app rules are the engine's). */
function routableRules(policy: CompiledTailscalePolicy): Rule[] {
  return policy.rules.filter(
    (r) => r.action === 'accept' && !r.app && !r.via && !r.dst.self && !r.dst.all && !(!r.src.anyAddress && !r.src.all && !r.src.internet && policy.resolver.explicitEmpty(r.src)),
  );
}

const ruleLists = new WeakMap<CompiledTailscalePolicy, { rule: Rule; dst: IPSet }[]>();

function rulesWithDestinations(policy: CompiledTailscalePolicy): { rule: Rule; dst: IPSet }[] {
  let list = ruleLists.get(policy);
  if (!list) {
    list = routableRules(policy).map((rule) => ({ rule, dst: policy.resolver.explicitAddresses(rule.dst) })).filter((x) => !x.dst.empty);
    ruleLists.set(policy, list);
  }
  return list;
}

/** The DstPorts IPs of `dst` that fall in `network` (prefixes nest or are disjoint). */
function narrowed(dst: IPSet, routed: RoutedNetwork): string[] {
  const net = IPSet.parse(routed.network);
  if (net.empty || !dst.overlaps(net)) return [];
  const out: string[] = [];
  for (const p of dst.prefixes()) {
    const block = IPSet.fromPrefixes([p]);
    if (net.covers(block)) {
      // Inside a device route the document's own filter already names it as written.
      if (!routed.inTopology) out.push(dstString(p));
    } else if (block.covers(net)) out.push(routed.network);
  }
  return [...new Set(out)];
}

/**
 * The forwarding entries of a routing peer for the networks it routes, one FilterRule per rule that
 * reaches one of them. `srcIPs`: the rule's sources as the document's filters render them.
 */
export function routedFilter(policy: CompiledTailscalePolicy, networks: readonly RoutedNetwork[], srcIPs: (r: Rule) => string[]): TsFilterRule[] {
  if (!networks.length) return [];
  const out: TsFilterRule[] = [];
  for (const { rule, dst } of rulesWithDestinations(policy)) {
    const ips = [...new Set(networks.flatMap((n) => narrowed(dst, n)))];
    if (!ips.length) continue;
    const dsts: NetPortRange[] = ips.flatMap((IP) => rule.ports.map((p) => ({ IP, Ports: { First: p.first, Last: p.last } })));
    const src = srcIPs(rule);
    if (!src.length || !dsts.length) continue;
    out.push(rule.protocols.length ? { SrcIPs: src, DstPorts: dsts, IPProto: [...rule.protocols] } : { SrcIPs: src, DstPorts: dsts });
  }
  return out;
}

/**
 * Who sees whom because the document lets peers reach networks routed by others: for each node
 * name, the routers it may reach through (and, for each router, those peers). `routers`: node name
 * → the networks it routes outside the topology. Nodes not in the document's tailnet are ignored.
 */
export function routedReach(policy: CompiledTailscalePolicy, routers: ReadonlyMap<string, readonly string[]>, srcSet: (r: Rule) => IPSet): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    let set = out.get(a);
    if (!set) out.set(a, (set = new Set()));
    set.add(b);
  };
  const nets = [...routers].map(([router, list]) => ({ router, set: IPSet.parse(...list) })).filter((r) => !r.set.empty && policy.net.byName(r.router));
  if (!nets.length) return out;
  for (const { rule, dst } of rulesWithDestinations(policy)) {
    const reached = nets.filter((n) => dst.overlaps(n.set));
    if (!reached.length) continue;
    const src = rule.src.anyAddress ? undefined : srcSet(rule);
    for (const node of policy.net.nodes) {
      if (src && !node.addrs.some((a) => src.contains(a))) continue;
      for (const { router } of reached) (link(node.name, router), link(router, node.name));
    }
  }
  return out;
}
