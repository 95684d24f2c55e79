// Validation of one "ssh" entry, rule by rule as Tailscale's documentation states them (policy
// syntax reference, "Tailscale SSH" section; docs/policy-model.md lists each rule, its message and
// where the wording comes from). The first rule broken is reported, as Tailscale reports one error.
import type { SshRule } from './compiled';
import type { Declarations } from './document';
import { parseGoDuration, formatGoDuration } from './duration';
import { checkUserDomain, userDomainError } from './user-domains';
import { parseAlias, PolicyError, type Alias } from './syntax';

const MAX_CHECK_PERIOD = 168 * 3_600_000;
const q = JSON.stringify;

/** Autogroups an SSH rule may name on each side. */
const SSH_SRC_AUTOGROUPS = new Set(['member', 'tagged']);
const SSH_DST_AUTOGROUPS = new Set(['self', 'member', 'tagged']);

function strings(v: unknown, what = 'ssh'): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new PolicyError(`${what}: expected a list of strings`);
  return v as string[];
}

/** Sources: users, groups, tags, autogroup:member and autogroup:tagged — never addresses or hosts. */
function checkSshSource(a: Alias) {
  switch (a.kind) {
    case 'user':
    case 'group':
    case 'tag':
      return;
    case 'autogroup':
      // Tailscale: `"autogroup:admin" is not allowed in src` (tailscale/tailscale#9660 era reports).
      if (!SSH_SRC_AUTOGROUPS.has(a.name)) throw new PolicyError(`${q(a.text)} is not allowed in src`);
      return;
    default:
      throw new PolicyError(`invalid src ${q(a.text)}`);
  }
}

/** Destinations: tags, a user, autogroup:self / member / tagged — no "*", hosts, addresses or groups. */
function checkSshDestination(a: Alias) {
  switch (a.kind) {
    case 'user':
    case 'tag':
      return;
    case 'autogroup':
      if (!SSH_DST_AUTOGROUPS.has(a.name)) throw new PolicyError(`${q(a.text)} is not allowed in dst`);
      return;
    default:
      // Tailscale's words for an address or a host alias (tailscale/tailscale#5084); "*" likewise.
      throw new PolicyError(`invalid dst ${q(a.text)}`);
  }
}

/**
 * Who may reach whose machines: tagged sources never reach user-owned devices (a user, autogroup:self,
 * autogroup:member); a user as destination only for that same user as the only source.
 */
function checkSshCombination(src: Alias[], dst: Alias[]) {
  const tagged = src.some((s) => s.kind === 'tag' || (s.kind === 'autogroup' && s.name === 'tagged'));
  const groups = src.some((s) => s.kind === 'group' || (s.kind === 'autogroup' && s.name === 'member'));
  const users = new Set(src.filter((s) => s.kind === 'user').map((s) => s.text));
  for (const d of dst) {
    // Tailscale's words, quoted in juanfont/headscale#3010.
    if (d.kind === 'user' && (tagged || groups || users.size !== 1 || !users.has(d.text))) throw new PolicyError('users in dst are only allowed from the same user');
    if (d.kind === 'autogroup' && d.name === 'self' && tagged) throw new PolicyError('autogroup:self destination requires source to contain only users or groups, not tags or autogroup:tagged');
    if (d.kind === 'autogroup' && d.name === 'member' && tagged) throw new PolicyError('tags in SSH source cannot access autogroup:member (user-owned devices)');
  }
}

/** "checkPeriod": omitted or null (the 12 h default), "always", or a Go duration in [0s, 168h]
 * (Tailscale sets no minimum: "0s" is accepted); only with "check". */
function checkPeriod(value: unknown, action: string, strict: boolean) {
  if (value === undefined || value === null) return;
  if (strict && action !== 'check') throw new PolicyError('checkPeriod is only valid with action "check"');
  if (value === 'always') return;
  if (typeof value !== 'string') throw new PolicyError(`checkPeriod: expected a duration string, got ${q(value)}`);
  const ms = parseGoDuration(value);
  if (ms < 0) throw new PolicyError(`checkPeriod ${formatGoDuration(ms)} must be a positive duration`);
  if (ms > MAX_CHECK_PERIOD) throw new PolicyError(`checkPeriod ${formatGoDuration(ms)} is above the max (168h)`);
}

/** "acceptEnv": names or patterns ("*", "?" wildcards); an empty entry is refused. */
function checkAcceptEnv(value: unknown) {
  for (const name of strings(value, 'acceptEnv')) if (name === '') throw new PolicyError('acceptEnv values cannot be empty');
}

export function compileSshEntry(raw: unknown, decl: Declarations, domain: string | undefined): SshRule {
  const r = (raw ?? {}) as Record<string, unknown>;
  const src = strings(r.src).map(parseAlias);
  const dst = strings(r.dst).map(parseAlias);
  for (const s of src) checkUserDomain(s, domain, '[ssh] ');
  if (decl.strict) for (const s of src) checkSshSource(s);
  const users = strings(r.users).map((u) => u.trim());
  if (!users.length) throw new PolicyError('users must be specified');
  for (const u of users) {
    if (u === '' || u === '*') throw new PolicyError(`user ${q(u)} is not valid`);
    // "localpart:*@<domain>" maps each source user to their local part; any other "localpart:"
    // string (an empty domain, a named local part) is an ordinary login name.
    const lp = /^localpart:\*@(.+)$/.exec(u);
    if (lp) {
      const problem = userDomainError(lp[1], domain);
      if (problem) throw new PolicyError(problem);
    }
  }
  const action = typeof r.action === 'string' ? r.action.trim() : '';
  if (action !== 'accept' && action !== 'check') throw new PolicyError(action ? `${q(action)} is not a valid action` : 'action must be specified');
  checkPeriod(r.checkPeriod, action, decl.strict);
  if (decl.strict) checkAcceptEnv(r.acceptEnv);
  for (const a of [...src, ...dst]) {
    if (a.kind === 'tag' && !decl.tagOwners.has(a.text)) throw new PolicyError(`tag not found: ${q(a.text)}`);
    if (a.kind === 'group' && !decl.groups.has(a.text)) throw new PolicyError(`group not found: ${q(a.text)}`);
  }
  if (decl.strict) {
    for (const d of dst) checkSshDestination(d);
    checkSshCombination(src, dst);
  }
  return { action, src, dst, users };
}
