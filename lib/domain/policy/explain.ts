// Why one peer may (or may not) reach another, rule by rule: the access simulator's question
// (lib/domain/access/simulator.ts) answered from the engine's own intermediate rules with the
// engine's semantics (docs/policy-model.md) — a packet passes when some accept rule matches it and
// no drop rule does (traffic.ts subtracts port- and protocol-specific drops); a policy's posture
// checks restrict its rules' source side; the document's rules match by the resolver's addresses.
// AccessModel answers "what may this peer accept" for everyone at once and keeps no reasons per
// packet; this answers one pair, with every rule that decides it.
import type { Rule, Selector } from './ir';
import type { ModelPeer } from './peer-set';
import { PORT_PROTOCOLS, subtract, takesFrom, type Traffic } from './traffic';
import type { CompiledTailscalePolicy } from './tailscale/compiled';
import type { IPSet } from './tailscale/ipset';
import type { NodeView } from './tailscale/topology';

/** What is asked about: an IP protocol number and a destination port, each optional. */
export interface Probe {
  protocol?: number;
  port?: number;
}

/**
 * The part of a rule's traffic the probe asks about, or null when the rule matches none of it.
 * A port asked without a protocol means the protocols that have ports (TCP, UDP, SCTP); a port
 * with a port-less protocol (ICMP) is ignored, as the engine ignores rule ports for those.
 */
export function probeTraffic(rule: Traffic, probe: Probe): Traffic | null {
  let protocols = [...rule.protocols];
  if (probe.protocol !== undefined) {
    if (protocols.length && !protocols.includes(probe.protocol)) return null;
    protocols = [probe.protocol];
  }
  if (probe.port === undefined || (probe.protocol !== undefined && !PORT_PROTOCOLS.has(probe.protocol))) return { protocols, ports: rule.ports };
  protocols = protocols.length ? protocols.filter((p) => PORT_PROTOCOLS.has(p)) : [...PORT_PROTOCOLS];
  if (!protocols.length) return null;
  if (rule.ports.length && !rule.ports.some((r) => r.first <= probe.port! && probe.port! <= r.last)) return null;
  return { protocols, ports: [{ first: probe.port, last: probe.port }] };
}

/** Whether a NetBird selector names the peer (inactive peers are in no set). */
export function selects(sel: Selector, p: ModelPeer): boolean {
  return p.active && (sel.all || sel.peers.includes(p.id) || sel.groups.some((g) => p.groups.includes(g)));
}

/** Posture as the model knows it: which policies have checks, and whether a peer passes them. */
export interface PostureOracle {
  hasChecks(policyId: string): boolean;
  passes(policyId: string, peerId: string): boolean;
}

export const NO_POSTURE: PostureOracle = { hasChecks: () => false, passes: () => true };

/** 'matches', 'no', or the source-side peer that fails the policy's posture checks. */
type Side = 'matches' | 'no' | { postureFails: string };

/**
 * Whether a rule applies to traffic from `a` to `b` (bidirectional rules both ways). `posture`:
 * it would, but the peer on the rule's source side fails its policy's checks.
 */
function applies(rule: Rule, a: ModelPeer, b: ModelPeer, posture: PostureOracle): Side {
  const fwd = selects(rule.src, a) && selects(rule.dst, b);
  const rev = rule.bidirectional && selects(rule.src, b) && selects(rule.dst, a);
  if (!fwd && !rev) return 'no';
  if (rule.origin.kind !== 'netbird' || !posture.hasChecks(rule.origin.policyId)) return 'matches';
  const policy = rule.origin.policyId;
  return (fwd && posture.passes(policy, a.id)) || (rev && posture.passes(policy, b.id)) ? 'matches' : { postureFails: fwd ? a.id : b.id };
}

export interface AcceptHit {
  rule: Rule;
  /** What of the asked traffic this rule still accepts after the drops ([] = all of it dropped). */
  left: Traffic[];
}

export interface NetbirdExplanation {
  allowed: boolean;
  accepts: AcceptHit[];
  /** Drop rules that take something from an accepting rule. */
  drops: Rule[];
  /** Accept rules that would match but whose policy's posture checks the source-side peer fails. */
  posture: PostureFailure[];
}

export interface PostureFailure {
  rule: Rule;
  peerId: string;
}

/** NetBird policies (the compiled rules *before* posture restriction) for traffic `a` → `b`. */
export function explainNetbirdPair(rules: readonly Rule[], a: ModelPeer, b: ModelPeer, probe: Probe, posture: PostureOracle = NO_POSTURE): NetbirdExplanation {
  const accepts: { rule: Rule; traffic: Traffic }[] = [];
  const drops: { rule: Rule; traffic: Traffic }[] = [];
  const failed: PostureFailure[] = [];
  for (const rule of rules) {
    const traffic = probeTraffic(rule, probe);
    if (!traffic) continue;
    const side = applies(rule, a, b, posture);
    if (side === 'no') continue;
    if (side !== 'matches') {
      if (rule.action === 'accept') failed.push({ rule, peerId: side.postureFails });
      continue;
    }
    (rule.action === 'accept' ? accepts : drops).push({ rule, traffic: rule.action === 'accept' ? traffic : rule });
  }
  const deciding = new Set<Rule>();
  const hits = accepts.map(({ rule, traffic }) => {
    const cutting = drops.filter((d) => takesFrom(traffic, d.traffic));
    for (const d of cutting) deciding.add(d.rule);
    return { rule, left: subtract(traffic, cutting.map((d) => d.traffic)) };
  });
  return { allowed: hits.some((h) => h.left.length > 0), accepts: hits, drops: drops.filter((d) => deciding.has(d.rule)).map((d) => d.rule), posture: failed };
}

/** A route's or network resource's NetBird access for source `a` (route-filter.ts semantics: drops do not subtract from forwarded traffic). */
export function netbirdRulesTo(rules: readonly Rule[], a: ModelPeer, toTarget: (dst: Selector) => boolean, probe: Probe, posture: PostureOracle = NO_POSTURE): Omit<NetbirdExplanation, 'drops'> {
  const accepts: AcceptHit[] = [];
  const failed: PostureFailure[] = [];
  for (const rule of rules) {
    if (rule.action !== 'accept' || !toTarget(rule.dst) || !selects(rule.src, a)) continue;
    const traffic = probeTraffic(rule, probe);
    if (!traffic) continue;
    if (rule.origin.kind === 'netbird' && posture.hasChecks(rule.origin.policyId) && !posture.passes(rule.origin.policyId, a.id)) failed.push({ rule, peerId: a.id });
    else accepts.push({ rule, left: [traffic] });
  }
  return { allowed: accepts.length > 0, accepts, posture: failed };
}

/** Tailscale's protocols when an entry names none (an absent IPProto): TCP, UDP, ICMP, ICMPv6. */
export const TAILSCALE_DEFAULT_PROTOCOLS: readonly number[] = Object.freeze([6, 17, 1, 58]);

/** A document rule's traffic as its packet filter means it (no protocol named: Tailscale's defaults). */
export const aclTraffic = (r: Rule): Traffic => (r.protocols.length ? r : { protocols: TAILSCALE_DEFAULT_PROTOCOLS, ports: r.ports });

/** The access-policy document's rules (accept only: the document has no drops) for traffic `a` → `b` or `a` → an address set. */
export function aclRulesTo(policy: CompiledTailscalePolicy, a: string, to: { peer: string } | { addresses: IPSet }, probe: Probe): Rule[] {
  const src = policy.net.byName(a);
  if (!src) return [];
  const dst = 'peer' in to ? policy.net.byName(to.peer) : undefined;
  if ('peer' in to && !dst) return [];
  const covers = (sel: Selector, n: NodeView) => sel.all || sel.anyAddress || sel.peers.includes(n.name) || policy.resolver.addresses(sel).overlaps(n.ips);
  const sameUser = (x: NodeView, y: NodeView) => !x.tagged && !y.tagged && !!x.user && x.user === y.user;
  return policy.rules.filter((r) => {
    if (r.action !== 'accept' || r.app || !covers(r.src, src) || !probeTraffic(aclTraffic(r), probe)) return false;
    if (dst) return !r.via && (covers(r.dst, dst) || (!!r.dst.self && sameUser(src, dst)));
    const set = (to as { addresses: IPSet }).addresses;
    return r.dst.all || r.dst.anyAddress || policy.resolver.addresses(r.dst).overlaps(set);
  });
}
