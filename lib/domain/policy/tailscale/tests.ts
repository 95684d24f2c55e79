// The policy's "tests" block: each entry names one source and destinations ("host:port") that must
// be accepted or denied. Tailscale rejects the whole policy with "test(s) failed" when any entry
// fails — including entries it cannot evaluate (unknown names, CIDR or multi-port destinations,
// autogroup:internet or autogroup:self as a destination, protocols other than tcp/udp/sctp).
import type { Rule } from '../ir';
import type { CompiledTailscalePolicy } from './compiled';
import { IPSet } from './ipset';
import { parseAlias, parseDestination, parseProto, PolicyError, type Alias } from './syntax';

const DEFAULT_PROTOCOLS = [6, 17, 1, 58];
const TEST_PROTOCOLS = new Set([6, 17, 132]);

export function runPolicyTests(policy: CompiledTailscalePolicy): boolean {
  const tests = policy.doc.tests;
  if (tests === undefined || tests === null) return true;
  if (!Array.isArray(tests)) throw new PolicyError('tests: expected a list');
  return tests.every((t) => {
    try {
      return runOne(policy, t);
    } catch (e) {
      if (e instanceof PolicyError) return false;
      throw e;
    }
  });
}

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new PolicyError('bad test list');
  return v;
}

function runOne(policy: CompiledTailscalePolicy, t: unknown): boolean {
  if (typeof t !== 'object' || t === null) return false;
  const test = t as Record<string, unknown>;
  if (typeof test.src !== 'string' || !test.src.trim()) return false;
  const accept = list(test.accept);
  const deny = list(test.deny);
  if (!accept.length && !deny.length) return false;
  const protocols = parseProto(test.proto === undefined ? undefined : String(test.proto));
  if (protocols.length && !TEST_PROTOCOLS.has(protocols[0])) return false;

  // The source is one identity: a user, group, tag, host or address — never an autogroup or "*"
  // (policy syntax reference, tests: "must refer to specific entities").
  const srcAlias = parseAlias(test.src);
  if (srcAlias.kind === 'autogroup' || srcAlias.kind === 'wildcard') return false;
  const src = sourceAddresses(policy, srcAlias);
  if (!src || src.empty) return false;
  const check = (dst: string) => {
    const target = destination(policy, dst);
    return target && reaches(policy, src, target.addresses, target.port, protocols.length ? protocols : DEFAULT_PROTOCOLS);
  };
  for (const d of accept) if (!destination(policy, d) || !check(d)) return false;
  for (const d of deny) if (!destination(policy, d) || check(d)) return false;
  return true;
}

function sourceAddresses(policy: CompiledTailscalePolicy, alias: Alias): IPSet | undefined {
  const { decl, net, resolver } = policy;
  switch (alias.kind) {
    case 'user':
      if (!net.findUser(alias.text)) return undefined;
      break;
    case 'group':
      if (!decl.groups.has(alias.text)) return undefined;
      break;
    case 'tag':
      if (!decl.tagOwners.has(alias.text)) return undefined;
      break;
    case 'host':
      if (!decl.hosts.has(alias.text)) return undefined;
      break;
    case 'ipset':
      if (!decl.ipsets.has(alias.text)) return undefined;
      break;
    case 'autogroup':
      if (!['member', 'tagged', 'admin', 'owner', 'it-admin', 'network-admin', 'billing-admin', 'auditor'].includes(alias.name)) return undefined;
      break;
  }
  return resolver.addresses(resolver.selector([alias]));
}

/** One host on one port; anything wider cannot be tested. */
function destination(policy: CompiledTailscalePolicy, text: string): { addresses: IPSet; port: number } | undefined {
  let d;
  try {
    d = parseDestination(text);
  } catch {
    return undefined;
  }
  if (d.ports.length !== 1 || d.ports[0].first !== d.ports[0].last) return undefined;
  const a = d.alias;
  if (a.kind === 'autogroup' && (a.name === 'internet' || a.name === 'self')) return undefined;
  if (a.kind === 'prefix' && a.text.includes('/')) return undefined;
  if (a.kind === 'host') {
    const value = policy.decl.hosts.get(a.text);
    if (!value || value.includes('/')) return undefined;
  }
  const addresses = sourceAddresses(policy, a);
  if (!addresses || addresses.empty) return undefined;
  return { addresses, port: d.ports[0].first };
}

/** Every source address block must reach some destination address on the port. */
function reaches(policy: CompiledTailscalePolicy, src: IPSet, dst: IPSet, port: number, protocols: number[]): boolean {
  return src.prefixes().every((p) => {
    const one = IPSet.fromPrefixes([p]);
    return policy.rules.some((r) => ruleAllows(policy, r, one, dst, port, protocols));
  });
}

function ruleAllows(policy: CompiledTailscalePolicy, r: Rule, src: IPSet, dst: IPSet, port: number, protocols: number[]): boolean {
  if (r.action !== 'accept' || r.app || r.via || r.dst.self) return false;
  if (r.protocols.length && !r.protocols.some((p) => protocols.includes(p))) return false;
  if (!r.ports.some((p) => p.first <= port && port <= p.last)) return false;
  const srcSet = r.src.anyAddress ? null : policy.resolver.addresses(r.src).union(r.src.all ? IPSet.parse(...policy.net.approvedSubnetRoutes()) : IPSet.empty);
  if (srcSet && !srcSet.overlaps(src)) return false;
  if (r.dst.all) return true;
  return policy.resolver.explicitAddresses(r.dst).overlaps(dst);
}
