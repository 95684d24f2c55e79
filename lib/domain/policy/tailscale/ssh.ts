// The "ssh" section (who may open Tailscale SSH sessions to which machines, as which local users)
// and its "sshTests". Validated with Tailscale's wording; sessions are evaluated for the tests.
import type { CompiledTailscalePolicy, SshRule } from './compiled';
export type { SshRule } from './compiled';
import type { Declarations } from './document';
import { compileSshEntry } from './ssh-rules';
import type { Resolver } from './selectors';
import { parseAlias, PolicyError, type Alias } from './syntax';
import { parsePrefix } from './ipset';
import type { NodeView } from './topology';

const q = JSON.stringify;

function strings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new PolicyError('ssh: expected a list of strings');
  return v as string[];
}

export function compileSsh(section: unknown, decl: Declarations, resolver: Resolver): SshRule[] {
  if (section === undefined || section === null) return [];
  if (!Array.isArray(section)) throw new PolicyError('ssh: expected a list');
  return section.map((raw) => compileSshEntry(raw, decl, resolver.net.domain));
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
    const src = (raw as Record<string, unknown>)?.src;
    if (typeof src === 'string' && src.trim()) checkSshTestSource(src);
    for (const d of strings((raw as Record<string, unknown>)?.dst)) checkSshTestDestination(policy, d);
  }
  return tests.every((raw) => {
    const t = (raw ?? {}) as Record<string, unknown>;
    if (typeof t.src !== 'string' || !t.src.trim()) return false;
    const dsts = strings(t.dst).map(parseAlias);
    const [accept, deny, check] = [strings(t.accept), strings(t.deny), strings(t.check)];
    if (!dsts.length || (!accept.length && !deny.length && !check.length)) return false;
    if ([...accept, ...deny, ...check].some((u) => !u.trim())) return false;
    // Tailscale fails a test whose destination is an IPv6 literal, even one naming a node.
    if (dsts.some((d) => d.kind === 'prefix' && d.prefix.addr.v6)) return false;
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

/**
 * An sshTests destination names one machine: a tag that exists ("tag:x:22" is a tag that does not),
 * a user, an autogroup other than autogroup:internet, a single address or a host alias of one
 * address. Ranges and autogroup:internet are refused before any test runs (an IPv6 literal passes
 * this check but fails the test).
 */
function checkSshTestDestination(policy: CompiledTailscalePolicy, text: string) {
  const a = parseAlias(text);
  const single = (p: { bits: number; addr: { v6: boolean } }) => p.bits === (p.addr.v6 ? 128 : 32);
  if (a.kind === 'tag' && !policy.decl.tagOwners.has(a.text)) throw new PolicyError(`SSH tests dst contains unknown tag ${q(text)}`);
  if (a.kind === 'autogroup' && a.name === 'internet') throw new PolicyError(`SSH tests dst contains disallowed element ${q(text)}`);
  if (a.kind === 'prefix' && !single(a.prefix)) throw new PolicyError(`SSH tests dst contains disallowed element ${q(text)}`);
  if (a.kind === 'host') {
    const value = policy.decl.hosts.get(a.text);
    const p = value === undefined ? undefined : parsePrefix(value);
    if (p && !single(p)) throw new PolicyError(`SSH tests dst contains disallowed element ${q(text)}`);
  }
}

/**
 * An sshTests source is one identity: a user, a group, a tag, a host or an address. Autogroups and
 * "*" are refused in Tailscale's words (`SSH tests src contains disallowed element
 * "autogroup:admin"`, tailscale/tailscale#14102), and so is a range of addresses.
 */
function checkSshTestSource(text: string) {
  const a = parseAlias(text);
  const range = a.kind === 'prefix' && a.prefix.bits !== (a.prefix.addr.v6 ? 128 : 32);
  if (a.kind === 'autogroup' || a.kind === 'wildcard' || range) throw new PolicyError(`SSH tests src contains disallowed element ${q(text)}`);
}
