// Reference implementation (the straightforward evaluation the engine had before the fast path),
// kept only to check the fast engine against it in tests/unit/policy-fastpath*.test.ts.
// Per node: the packet filter Tailscale sends it (FilterRule shape and order) and the peers it can
// see, computed from the intermediate rules of a compiled Tailscale policy.
//
// How Tailscale builds a node's filter: every rule becomes one FilterRule (sources rendered as
// address ranges, destinations as address blocks × ports); rules with identical sources and
// protocols are merged, in first-seen order; then only the destinations that are this node (its
// addresses, approved subnet routes, or — for exit nodes — public addresses) are kept.
import type { Rule } from '@/lib/domain/policy/ir';
import type { CompiledTailscalePolicy } from '@/lib/domain/policy/tailscale/compile';
import { ALL_ADDRESSES, INTERNET, IPSet, dstString } from '@/lib/domain/policy/tailscale/ipset';
import type { NodeView } from '@/lib/domain/policy/tailscale/topology';
import { appRules, reduceCapRule } from '@/lib/domain/policy/tailscale/capgrants';
import { nodeAddressStrings } from '@/lib/domain/policy/tailscale/selectors';

export interface NetPortRange {
  IP: string;
  Ports: { First: number; Last: number };
}

export interface TsFilterRule {
  SrcIPs: string[];
  DstPorts?: NetPortRange[];
  IPProto?: number[];
  CapGrant?: { Dsts: string[]; CapMap: Record<string, unknown[] | null> }[];
}

function sameUser(a: NodeView, b: NodeView): boolean {
  return !a.tagged && !b.tagged && !!a.user && a.user === b.user;
}

export class TailscaleMaps {
  private readonly srcSets = new Map<Rule, IPSet>();
  private readonly dstSets = new Map<Rule, IPSet>();

  constructor(readonly policy: CompiledTailscalePolicy) {}

  private srcSet(r: Rule): IPSet {
    let s = this.srcSets.get(r);
    if (!s) this.srcSets.set(r, (s = this.policy.resolver.addresses(r.src)));
    return s;
  }

  /** A rule's explicitly named destination addresses (memoized: peers() asks per node pair). */
  private dstSet(r: Rule): IPSet {
    let s = this.dstSets.get(r);
    if (!s) this.dstSets.set(r, (s = this.policy.resolver.explicitAddresses(r.dst)));
    return s;
  }

  /** SrcIPs as Tailscale writes them. */
  srcIPs(r: Rule, set = this.srcSet(r)): string[] {
    if (r.src.anyAddress) return ['*'];
    if (!r.src.all) return this.policy.resolver.explicitStrings(r.src);
    const out = set.strings();
    // "*" also covers approved subnet routes, listed as written; explicit sources next to "*"
    // keep their own entries instead of disappearing into the wildcard ranges.
    const seen = new Set(out);
    for (const s of [...this.policy.net.approvedSubnetRoutes(), ...this.policy.resolver.explicitStrings(r.src)]) {
      if (!seen.has(s)) {
        seen.add(s);
        out.push(s);
      }
    }
    return out;
  }

  private ports(r: Rule, ips: string[]): NetPortRange[] {
    const out: NetPortRange[] = [];
    for (const ip of ips) for (const p of r.ports) out.push({ IP: ip, Ports: { First: p.first, Last: p.last } });
    return out;
  }

  private withProto(rule: TsFilterRule, r: Rule): TsFilterRule {
    return r.protocols.length ? { ...rule, IPProto: [...r.protocols] } : rule;
  }

  /** The rules that concern this node before reduction (autogroup:self and via resolved for it). */
  private unreduced(node: NodeView): { rule: TsFilterRule; nodeSpecific: boolean }[] {
    const out: { rule: TsFilterRule; nodeSpecific: boolean }[] = [];
    const rules = this.policy.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (r.action !== 'accept') continue;
      if (r.app) {
        // One grant's app part renders as one rule with a CapGrant per destination.
        const group = [r];
        while (i + 1 < rules.length && rules[i + 1].app === r.app) group.push(rules[++i]);
        for (const rule of appRules(this.policy, group, node, (x) => this.srcIPs(x))) out.push({ rule, nodeSpecific: false });
        continue;
      }
      const srcSet = this.srcSet(r);
      if (srcSet.empty && !r.src.anyAddress) continue;
      if (r.via) {
        const prefixes: string[] = [];
        if (r.via.some((t) => node.node.tags.includes(t))) {
          if (r.dst.internet && node.exitNode) prefixes.push(...node.node.approvedRoutes.filter((x) => x === '0.0.0.0/0' || x === '::/0'));
          const dst = this.policy.resolver.explicitAddresses(r.dst);
          for (const route of node.subnetRoutes) if (dst.covers(IPSet.parse(route)) && dst.overlaps(IPSet.parse(route))) prefixes.push(route);
        }
        if (prefixes.length) out.push({ rule: this.withProto({ SrcIPs: this.srcIPs(r), DstPorts: this.ports(r, prefixes) }, r), nodeSpecific: true });
        continue;
      }
      if (r.dst.self) {
        if (node.tagged || !node.user) continue;
        const mine = this.policy.net.nodes.filter((n) => sameUser(n, node));
        const sources = mine.filter((n) => n.addrs.some((a) => srcSet.contains(a)));
        if (!sources.length) continue;
        const dsts: NetPortRange[] = [];
        for (const n of mine) for (const p of r.ports) for (const a of n.ips.strings()) dsts.push({ IP: a, Ports: { First: p.first, Last: p.last } });
        out.push({ rule: this.withProto({ SrcIPs: nodeAddressStrings(sources), DstPorts: dsts }, r), nodeSpecific: false });
        continue;
      }
      let ips: string[];
      if (r.dst.all) ips = ['*'];
      else if (r.dst.internet) ips = INTERNET.rangeStrings();
      else ips = this.policy.resolver.explicitAddresses(r.dst).prefixes().map(dstString);
      if (!ips.length) continue;
      out.push({ rule: this.withProto({ SrcIPs: this.srcIPs(r, srcSet), DstPorts: this.ports(r, ips) }, r), nodeSpecific: false });
    }
    return out;
  }

  /** The packet filter Tailscale sends this node. */
  filter(nodeName: string): TsFilterRule[] {
    const node = this.policy.net.byName(nodeName);
    if (!node) return [];
    const merged: { rule: TsFilterRule; nodeSpecific: boolean }[] = [];
    const byKey = new Map<string, number>();
    for (const item of this.unreduced(node)) {
      if (item.rule.CapGrant) {
        merged.push(item);
        continue;
      }
      const key = `${item.rule.SrcIPs.join(',')}|${(item.rule.IPProto ?? []).join(',')}`;
      const at = byKey.get(key);
      if (at !== undefined && item.nodeSpecific === merged[at].nodeSpecific) merged[at].rule.DstPorts!.push(...item.rule.DstPorts!);
      else {
        byKey.set(key, merged.length);
        merged.push({ rule: { ...item.rule, DstPorts: [...item.rule.DstPorts!] }, nodeSpecific: item.nodeSpecific });
      }
    }
    const out: TsFilterRule[] = [];
    for (const { rule, nodeSpecific } of merged) {
      if (rule.CapGrant) {
        const reduced = reduceCapRule(rule, node);
        if (reduced) out.push(reduced);
        continue;
      }
      const kept = nodeSpecific ? rule.DstPorts! : rule.DstPorts!.filter((d) => this.concerns(node, d.IP));
      if (kept.length) out.push({ ...rule, DstPorts: kept });
    }
    return out;
  }

  /** Whether a destination entry is this node: its addresses, approved routes or, for exit nodes, the internet. */
  private concerns(node: NodeView, ip: string): boolean {
    const set = ip === '*' ? ALL_ADDRESSES : IPSet.parse(ip);
    if (node.addrs.some((a) => set.contains(a))) return true;
    if (node.subnetRoutes.some((r) => set.overlaps(IPSet.parse(r)))) return true;
    return node.exitNode && INTERNET.covers(set);
  }

  /** Whether rule r lets node a open connections to node b. */
  private allows(r: Rule, a: NodeView, b: NodeView): boolean {
    if (r.action !== 'accept') return false;
    // A subnet router stands in for the addresses behind it.
    const src = this.srcSet(r);
    if (!r.src.anyAddress && !a.addrs.some((x) => src.contains(x)) && !a.subnetRoutes.some((route) => src.overlaps(IPSet.parse(route)))) return false;
    if (r.via) {
      if (!r.via.some((t) => b.node.tags.includes(t))) return false;
      if (r.dst.internet && b.exitNode) return true;
      const dst = this.dstSet(r);
      return b.subnetRoutes.some((route) => dst.overlaps(IPSet.parse(route)));
    }
    if (r.dst.all) return true;
    if (r.dst.internet && b.exitNode) return true;
    if (r.dst.self && sameUser(a, b)) return true;
    const dst = this.dstSet(r);
    if (dst.empty) return false;
    return dst.overlaps(b.ips) || b.subnetRoutes.some((route) => dst.overlaps(IPSet.parse(route)));
  }

  /** Names of the peers this node can see: it may reach them, or they may reach it. */
  peers(nodeName: string): string[] {
    const me = this.policy.net.byName(nodeName);
    if (!me) return [];
    return this.policy.net.nodes
      .filter((other) => other !== me && this.policy.rules.some((r) => this.allows(r, me, other) || this.allows(r, other, me)))
      .map((n) => n.name);
  }
}
