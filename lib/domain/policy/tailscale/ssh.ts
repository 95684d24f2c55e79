// The "ssh" section (who may open Tailscale SSH sessions to which machines, as which local users)
// and its "sshTests". Validated with Tailscale's wording; sessions are evaluated for the tests.
import type { CompiledTailscalePolicy, SshRule } from './compiled';
export type { SshRule } from './compiled';
import type { Declarations } from './document';
import { formatGoDuration, parseGoDuration } from './duration';
import { checkUserDomain } from './rules';
import type { Resolver } from './selectors';
import { parseAlias, PolicyError, type Alias } from './syntax';
import type { NodeView } from './topology';

const MAX_CHECK_PERIOD = 168 * 3_600_000;
const q = JSON.stringify;

function strings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new PolicyError('ssh: expected a list of strings');
  return v as string[];
}

export function compileSsh(section: unknown, decl: Declarations, resolver: Resolver): SshRule[] {
  if (section === undefined || section === null) return [];
  if (!Array.isArray(section)) throw new PolicyError('ssh: expected a list');
  const domain = resolver.net.domain;
  return section.map((raw) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const src = strings(r.src).map(parseAlias);
    const dst = strings(r.dst).map(parseAlias);
    for (const s of src) checkUserDomain(s, domain, '[ssh] ');
    const users = strings(r.users).map((u) => u.trim());
    if (!users.length) throw new PolicyError('users must be specified');
    for (const u of users) {
      if (u === '' || u === '*') throw new PolicyError(`user ${q(u)} is not valid`);
      const lp = /^localpart:\*@(.*)$/.exec(u);
      if (lp && lp[1] !== domain) throw new PolicyError(`${lp[1]} is not associated with this Tailnet and cannot be used in user:*@<domain> expressions`);
    }
    const action = typeof r.action === 'string' ? r.action.trim() : '';
    if (action !== 'accept' && action !== 'check') throw new PolicyError(action ? `${q(action)} is not a valid action` : 'action must be specified');
    if (r.checkPeriod !== undefined && r.checkPeriod !== 'always') {
      const ms = parseGoDuration(String(r.checkPeriod));
      if (ms < 0) throw new PolicyError(`checkPeriod ${formatGoDuration(ms)} must be a positive duration`);
      if (ms > MAX_CHECK_PERIOD) throw new PolicyError(`checkPeriod ${formatGoDuration(ms)} is above the max (168h)`);
    }
    for (const a of [...src, ...dst]) {
      if (a.kind === 'tag' && !decl.tagOwners.has(a.text)) throw new PolicyError(`tag not found: ${q(a.text)}`);
      if (a.kind === 'group' && !decl.groups.has(a.text)) throw new PolicyError(`group not found: ${q(a.text)}`);
    }
    return { action, src, dst, users };
  });
}

const sameUser = (a: NodeView, b: NodeView) => !a.tagged && !b.tagged && !!a.user && a.user === b.user;

/** Nodes an SSH source or destination alias names. */
export function nodesOf(policy: CompiledTailscalePolicy, a: Alias): NodeView[] {
  if (a.kind === 'prefix' || a.kind === 'host') {
    const set = policy.resolver.addresses(policy.resolver.selector([a]));
    return policy.net.nodes.filter((n) => n.addrs.some((x) => set.contains(x)));
  }
  return policy.resolver.nodesOf(a);
}

function loginAllowed(rule: SshRule, from: NodeView, login: string, domain: string | undefined): boolean {
  for (const u of rule.users) {
    if (u === login) return true;
    if (u === 'autogroup:nonroot' && login !== 'root') return true;
    const lp = /^localpart:\*@(.*)$/.exec(u);
    if (lp && lp[1] === domain && from.user) {
      const [local, userDomain] = from.user.email.split('@');
      if (userDomain === lp[1] && local === login) return true;
    }
  }
  return false;
}

/** The strongest action any rule grants for from → to as login: 'accept', 'check' or none. */
export function sshAccess(policy: CompiledTailscalePolicy, rules: SshRule[], from: NodeView, to: NodeView, login: string): 'accept' | 'check' | undefined {
  let best: 'accept' | 'check' | undefined;
  for (const r of rules) {
    if (!r.src.some((s) => nodesOf(policy, s).includes(from))) continue;
    const reaches = r.dst.some((d) => (d.kind === 'autogroup' && d.name === 'self' ? sameUser(from, to) : nodesOf(policy, d).includes(to)));
    if (!reaches || !loginAllowed(r, from, login, policy.net.domain)) continue;
    if (r.action === 'check') return 'check';
    best = 'accept';
  }
  return best;
}

/** Runs "sshTests"; false when any fails. Unknown tags in a test's dst are their own error. */
export function runSshTests(policy: CompiledTailscalePolicy, rules: SshRule[]): boolean {
  const tests = policy.doc.sshTests;
  if (tests === undefined || tests === null) return true;
  if (!Array.isArray(tests)) throw new PolicyError('sshTests: expected a list');
  for (const raw of tests) {
    for (const d of strings((raw as Record<string, unknown>)?.dst)) {
      if (d.startsWith('tag:') && !policy.decl.tagOwners.has(d)) throw new PolicyError(`SSH tests dst contains unknown tag ${q(d)}`);
    }
  }
  return tests.every((raw) => {
    const t = (raw ?? {}) as Record<string, unknown>;
    if (typeof t.src !== 'string' || !t.src.trim()) return false;
    const dsts = strings(t.dst).map(parseAlias);
    const [accept, deny, check] = [strings(t.accept), strings(t.deny), strings(t.check)];
    if (!dsts.length || (!accept.length && !deny.length && !check.length)) return false;
    if ([...accept, ...deny, ...check].some((u) => !u.trim())) return false;
    // A test's destination is one machine: no CIDRs, no IPv6 literals, no autogroup:internet.
    if (dsts.some((d) => (d.kind === 'prefix' && (d.text.includes('/') || d.prefix.addr.v6)) || (d.kind === 'autogroup' && d.name === 'internet'))) return false;
    const from = nodesOf(policy, parseAlias(t.src));
    if (!from.length) return false;
    const targets = dsts.flatMap((d) => nodesOf(policy, d));
    if (!targets.length) return false;
    const access = (u: string) => from.flatMap((f) => targets.filter((to) => to !== f).map((to) => sshAccess(policy, rules, f, to, u)));
    if (accept.some((u) => access(u).some((a) => !a))) return false;
    if (check.some((u) => access(u).some((a) => a !== 'check'))) return false;
    if (deny.some((u) => access(u).some((a) => !!a))) return false;
    return true;
  });
}
