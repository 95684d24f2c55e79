// The access simulator's answer for one state (the saved one, or the saved NetBird policies with an
// unsaved document): every source peer × destination checked with lib/domain/policy/explain.ts,
// and the rules that decided it gathered once each. Pure: the database part is simulator.ts.
import type { ModelPeer } from '../policy/peer-set';
import type { Rule, Selector } from '../policy/ir';
import { aclRulesTo, aclTraffic, explainNetbirdPair, netbirdRulesTo, type PostureOracle, type Probe } from '../policy/explain';
import type { Traffic } from '../policy/traffic';
import type { CompiledTailscalePolicy } from '../policy/tailscale/compiled';
import type { ResolvedDestination, ResolvedSource } from './simulator-targets';

/** Pairs checked at most per answer: a group of thousands to another still answers at once. */
export const MAX_PAIRS = 2000;

export type Decider =
  | {
      kind: 'netbird';
      /** accept: grants (what is `left` after drops); drop: takes ports or protocols away; posture: the source fails the policy's checks. */
      effect: 'accept' | 'drop' | 'posture';
      policyId: string;
      policyName: string;
      ruleId: string;
      ruleName: string;
      traffic: string;
      left?: string;
      /** posture: the first source peer that fails, and the checks it fails. */
      peerId?: string;
      failedChecks?: { id: string; name: string }[];
    }
  | { kind: 'acl'; effect: 'accept'; entry: string; line: number; traffic: string }
  | { kind: 'route'; effect: 'accept' | 'not-distributed' | 'disabled'; routeId: string; name: string; network: string }
  | { kind: 'resource'; effect: 'disabled'; resourceId: string; name: string };

export interface AccessAnswer {
  verdict: 'allowed' | 'denied' | 'partial';
  checkedPairs: number;
  allowedPairs: number;
  /** Pairs left unchecked beyond MAX_PAIRS. */
  omittedPairs: number;
  deciders: Decider[];
  notes: string[];
}

export interface AnswerInput {
  peers: ReadonlyMap<string, ModelPeer>;
  /** The account's NetBird rules compiled without posture restriction (explain.ts applies it). */
  rules: readonly Rule[];
  posture: PostureOracle;
  allGroupId: string | undefined;
  /** The document's compiled policy (null: it grants nothing) and where its entries start. */
  acl: CompiledTailscalePolicy | null;
  lineOf: (pointer: string) => number | undefined;
}

const PROTOCOL_NAMES: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP', 58: 'ICMPv6', 132: 'SCTP' };

export function trafficText(t: Traffic): string {
  const protocols = t.protocols.length ? t.protocols.map((p) => PROTOCOL_NAMES[p] ?? `protocol ${p}`).join('/') : 'any protocol';
  const ports = t.ports.filter((r) => r.first !== 0 || r.last !== 65535);
  return ports.length ? `${protocols} ${ports.map((r) => (r.first === r.last ? `${r.first}` : `${r.first}-${r.last}`)).join(', ')}` : protocols;
}

function aclEntry(r: Rule, lineOf: AnswerInput['lineOf']): { entry: string; line: number } {
  if (r.origin.kind === 'acl' && r.origin.index < 0) return { entry: 'default (allow all)', line: 0 };
  const pointer = r.origin.kind === 'grant' ? `/grants/${r.origin.index}` : r.origin.kind === 'acl' ? `/acls/${r.origin.index}` : '';
  const entry = r.origin.kind === 'grant' ? `grants[${r.origin.index}]` : r.origin.kind === 'acl' ? `acls[${r.origin.index}]` : r.id;
  return { entry, line: (pointer && lineOf(pointer)) || 0 };
}

const EFFECT_ORDER: Decider['effect'][] = ['accept', 'drop', 'posture', 'not-distributed', 'disabled'];

class Collector {
  private readonly byKey = new Map<string, Decider>();
  add(key: string, d: () => Decider) {
    if (!this.byKey.has(key)) this.byKey.set(key, d());
  }
  /** What grants first, then what takes away, each group in the order found. */
  list(): Decider[] {
    const rank = (d: Decider) => EFFECT_ORDER.indexOf(d.effect);
    return [...this.byKey.values()].sort((x, y) => rank(x) - rank(y));
  }
}

const nb = (r: Rule) => (r.origin.kind === 'netbird' ? r.origin : { policyId: '', policyName: '', ruleId: r.id, ruleName: r.id });

export function answer(input: AnswerInput, src: ResolvedSource, dst: ResolvedDestination, probe: Probe): AccessAnswer {
  const deciders = new Collector();
  const notes: string[] = [];
  const sources = src.peerIds.map((id) => input.peers.get(id)).filter((p): p is ModelPeer => !!p);
  const inactive = sources.filter((p) => !p.active).length;
  if (!src.peerIds.length) notes.push(`${src.name} has no peers.`);
  if (inactive) notes.push(`${inactive} source peer${inactive === 1 ? ' is' : 's are'} not active (waiting for approval, or the user is blocked): no access.`);
  if (!input.acl) notes.push('The policy document does not compile against the current peers: it grants nothing.');
  const accept = (r: Rule, left: Traffic[]) =>
    deciders.add(`a:${r.id}`, () => ({ kind: 'netbird', effect: 'accept', ...pick(nb(r)), traffic: trafficText(r), left: left.map(trafficText).join('; ') }));
  const posture = (r: Rule, peerId: string) => deciders.add(`p:${r.id}`, () => ({ kind: 'netbird', effect: 'posture', ...pick(nb(r)), traffic: trafficText(r), peerId }));
  const acl = (r: Rule) => {
    const at = aclEntry(r, input.lineOf);
    deciders.add(`acl:${at.entry}`, () => ({ kind: 'acl', effect: 'accept', ...at, traffic: trafficText(aclTraffic(r)) }));
  };

  let checked = 0;
  let allowed = 0;
  let total = 0;
  const check = (ok: boolean) => {
    checked++;
    if (ok) allowed++;
  };

  if (dst.kind === 'peers') {
    const targets = dst.peerIds.map((id) => input.peers.get(id)).filter((p): p is ModelPeer => !!p);
    const inactiveTargets = targets.filter((p) => !p.active).length;
    if (inactiveTargets) notes.push(`${inactiveTargets} destination peer${inactiveTargets === 1 ? ' is' : 's are'} not active: no access.`);
    if (!dst.peerIds.length) notes.push(`${dst.name} has no peers.`);
    // Every pair but a peer with itself counts; only the first MAX_PAIRS are checked.
    const targetIds = new Set(targets.map((p) => p.id));
    total = sources.reduce((n, a) => n + targets.length - (targetIds.has(a.id) ? 1 : 0), 0);
    for (const a of sources) {
      if (checked >= MAX_PAIRS) break;
      for (const b of targets) {
        if (a.id === b.id) continue;
        if (checked >= MAX_PAIRS) break;
        const why = explainNetbirdPair(input.rules, a, b, probe, input.posture);
        for (const h of why.accepts) if (h.left.length) accept(h.rule, h.left);
        for (const d of why.drops) deciders.add(`d:${d.id}`, () => ({ kind: 'netbird', effect: 'drop', ...pick(nb(d)), traffic: trafficText(d) }));
        for (const f of why.posture) posture(f.rule, f.peerId);
        const aclRules = input.acl ? aclRulesTo(input.acl, a.id, { peer: b.id }, probe) : [];
        aclRules.forEach(acl);
        check(why.allowed || aclRules.length > 0);
      }
    }
  } else {
    if (!dst.routes.length && !dst.resources.length) notes.push('No NetBird route or network resource covers this address.');
    total = sources.length;
    for (const a of sources) {
      if (checked >= MAX_PAIRS) break;
      let ok = false;
      for (const route of dst.routes) {
        const r = { routeId: route.id, name: route.name, network: route.network };
        if (!route.enabled) {
          deciders.add(`rd:${route.id}`, () => ({ kind: 'route', effect: 'disabled', ...r }));
          continue;
        }
        const distributed = (input.allGroupId !== undefined && route.groups.includes(input.allGroupId)) || route.groups.some((g) => a.groups.includes(g));
        if (!a.active || !distributed) {
          if (a.active) deciders.add(`rn:${route.id}`, () => ({ kind: 'route', effect: 'not-distributed', ...r }));
          continue;
        }
        if (!route.accessControlGroups.length) {
          deciders.add(`ra:${route.id}`, () => ({ kind: 'route', effect: 'accept', ...r }));
          ok = true;
          continue;
        }
        const acg = new Set(route.accessControlGroups);
        const toRoute = (sel: Selector) => sel.groups.some((g) => acg.has(g)) || (sel.all && input.allGroupId !== undefined && acg.has(input.allGroupId));
        const why = netbirdRulesTo(input.rules, a, toRoute, probe, input.posture);
        why.accepts.forEach((h) => accept(h.rule, h.left));
        why.posture.forEach((f) => posture(f.rule, f.peerId));
        ok ||= why.allowed;
      }
      for (const res of dst.resources) {
        if (!res.enabled) {
          deciders.add(`xd:${res.id}`, () => ({ kind: 'resource', effect: 'disabled', resourceId: res.id, name: res.name }));
          continue;
        }
        const groups = new Set(res.groups);
        const why = netbirdRulesTo(input.rules, a, (sel) => sel.cidrs.includes(res.address) || sel.groups.some((g) => groups.has(g)), probe, input.posture);
        why.accepts.forEach((h) => accept(h.rule, h.left));
        why.posture.forEach((f) => posture(f.rule, f.peerId));
        ok ||= why.allowed;
      }
      const aclRules = input.acl && dst.addresses && a.active ? aclRulesTo(input.acl, a.id, { addresses: dst.addresses }, probe) : [];
      aclRules.forEach(acl);
      check(ok || aclRules.length > 0);
    }
  }
  return {
    verdict: allowed === 0 ? 'denied' : allowed === checked ? 'allowed' : 'partial',
    checkedPairs: checked,
    allowedPairs: allowed,
    omittedPairs: total - checked,
    deciders: deciders.list(),
    notes,
  };
}

const pick = (o: { policyId: string; policyName: string; ruleId: string; ruleName: string }) => ({ policyId: o.policyId, policyName: o.policyName, ruleId: o.ruleId, ruleName: o.ruleName });
