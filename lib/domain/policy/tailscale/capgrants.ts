// Grants with "app" capabilities become FilterRules carrying CapGrant (who gets which capability on
// which destination) instead of DstPorts. A few Tailscale capabilities come with a companion
// granted the other way round (drive → drive-sharer, relay → relay-target).
import type { Rule } from '../ir';
import type { CompiledTailscalePolicy } from './compiled';
import { IPSet, TAILNET_ADDRESSES, formatPrefix, parsePrefix, prefixRange, type Prefix } from './ipset';
import type { TsFilterRule } from './filter-rule';
import type { NodeView } from './topology';
import { nodeAddressStrings } from './selectors';

const COMPANIONS: Record<string, string> = {
  'tailscale.com/cap/drive': 'tailscale.com/cap/drive-sharer',
  'tailscale.com/cap/relay': 'tailscale.com/cap/relay-target',
};

type CapMap = Record<string, unknown[] | null>;

function companions(app: CapMap, srcIPs: string[], dsts: string[]): TsFilterRule[] {
  return Object.keys(app)
    .filter((c) => COMPANIONS[c])
    .sort()
    .map((c) => ({ SrcIPs: srcIPs, CapGrant: [{ Dsts: dsts, CapMap: { [COMPANIONS[c]]: null } }] }));
}

const sameUser = (a: NodeView, b: NodeView) => !a.tagged && !b.tagged && !!a.user && a.user === b.user;

/**
 * The unreduced CapGrant rules of one grant's app part (its rules share origin and app), as
 * seen from `node` (autogroup:self depends on it).
 */
export function appRules(policy: CompiledTailscalePolicy, group: Rule[], node: NodeView, srcIPs: (r: Rule) => string[]): TsFilterRule[] {
  const { resolver, net } = policy;
  const first = group[0];
  const app = first.app as CapMap;
  const out: TsFilterRule[] = [];
  const srcSet = resolver.addresses(first.src);
  const others = group.filter((r) => !r.dst.self);
  if (others.length) {
    const capGrants: { Dsts: string[]; CapMap: CapMap }[] = [];
    const dstStrings: string[] = [];
    for (const r of others) {
      const set = r.dst.all ? TAILNET_ADDRESSES : resolver.explicitAddresses(r.dst);
      capGrants.push({ Dsts: set.prefixes().map(formatPrefix), CapMap: app });
      dstStrings.push(...(r.dst.all ? set.strings() : resolver.explicitStrings(r.dst)));
      if (r.dst.all) dstStrings.push(...net.approvedSubnetRoutes());
    }
    out.push({ SrcIPs: srcSet.empty && !first.src.anyAddress ? [] : srcIPs(first), CapGrant: capGrants });
    out.push(...companions(app, dstStrings, srcSet.prefixes().map(formatPrefix)));
  }
  if (group.some((r) => r.dst.self) && !node.tagged && node.user) {
    const mine = net.nodes.filter((n) => sameUser(n, node));
    const sources = mine.filter((n) => n.addrs.some((a) => srcSet.contains(a)));
    if (sources.length) {
      const srcResolved = IPSet.empty.union(...sources.map((n) => n.ips));
      out.push({ SrcIPs: nodeAddressStrings(sources), CapGrant: mine.map((n) => ({ Dsts: n.ips.prefixes().map(formatPrefix), CapMap: app })) });
      out.push(...companions(app, mine.flatMap((n) => n.ips.strings()), srcResolved.prefixes().map(formatPrefix)));
    }
  }
  return out;
}

function comparePrefix(a: Prefix, b: Prefix): number {
  if (a.addr.v6 !== b.addr.v6) return a.addr.v6 ? 1 : -1;
  if (a.addr.n !== b.addr.n) return a.addr.n < b.addr.n ? -1 : 1;
  return a.bits - b.bits;
}

/** Keep the capability grants that land on this node, narrowing broad blocks to its addresses. */
export function reduceCapRule(rule: TsFilterRule, node: NodeView): TsFilterRule | undefined {
  const grants: { Dsts: string[]; CapMap: CapMap }[] = [];
  for (const g of rule.CapGrant ?? []) {
    const matching: Prefix[] = [];
    const dsts = g.Dsts.map(parsePrefix).filter((p): p is Prefix => !!p);
    for (const p of dsts) {
      const range = IPSet.of([prefixRange(p)]);
      for (const a of node.addrs) if (range.contains(a)) matching.push({ addr: a, bits: a.v6 ? 128 : 32 });
    }
    for (const p of dsts) {
      const range = IPSet.of([prefixRange(p)]);
      if (node.subnetRoutes.some((r) => range.overlaps(IPSet.parse(r)))) matching.push(p);
    }
    if (!matching.length) continue;
    matching.sort(comparePrefix);
    const unique = matching.filter((p, i) => i === 0 || comparePrefix(p, matching[i - 1]) !== 0);
    grants.push({ Dsts: unique.map(formatPrefix), CapMap: g.CapMap });
  }
  return grants.length ? { SrcIPs: rule.SrcIPs, CapGrant: grants } : undefined;
}
