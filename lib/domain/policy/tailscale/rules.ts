// ACL entries and grants → intermediate rules, with Tailscale's validation of every alias on the
// way. One rule per (entry, destination, protocol set); rules that share sources are merged into
// one FilterRule later, exactly as Tailscale merges them. Selectors are shared, never changed.
import type { Rule, Selector } from '../ir';
import type { Declarations } from './document';
import type { Resolver } from './selectors';
import { KNOWN_AUTOGROUPS, PORT_PROTOCOLS, PolicyError, parseAlias, parseDestination, parseIpEntry, parseProto, type Alias, type Destination } from './syntax';
import { parsePrefix } from './ipset';
import { checkUserDomain } from './user-domains';
import { appDestinationProblem, checkCapabilityNames } from './capabilities';

const q = JSON.stringify;
const SRC_AUTOGROUPS = new Set(['member', 'tagged', 'danger-all', 'admin', 'owner', 'it-admin', 'network-admin', 'billing-admin', 'auditor', 'shared']);

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new PolicyError(`${what}: expected a list of strings`);
  return v as string[];
}

/** Checks a source alias exists; Tailscale's "src=" wording. */
export function checkSource(alias: Alias, decl: Declarations) {
  switch (alias.kind) {
    case 'tag':
      if (!decl.tagOwners.has(alias.text)) throw new PolicyError(`src=tag not found: ${q(alias.text)}`);
      break;
    case 'group':
      if (!decl.groups.has(alias.text)) throw new PolicyError(`src=group not found: ${q(alias.text)}`);
      break;
    case 'host':
      if (!decl.hosts.has(alias.text)) throw new PolicyError(`src=host not found: ${q(alias.text)}`);
      break;
    case 'ipset':
      if (!decl.ipsets.has(alias.text)) throw new PolicyError(`src=ipset not found: ${q(alias.text)}`);
      break;
    case 'autogroup':
      if (alias.name === 'self') throw new PolicyError(`"autogroup:self" not valid on the src side of a rule`);
      if (alias.name === 'internet') throw new PolicyError(`"autogroup:internet" not valid on the src side of a rule`);
      if (!KNOWN_AUTOGROUPS.has(alias.name)) throw new PolicyError(`src=autogroup not found: ${q(alias.text)}`);
      if (!SRC_AUTOGROUPS.has(alias.name)) throw new PolicyError(`src=${q(alias.text)} not valid on the src side of a rule`);
      break;
  }
}

/** Checks a destination alias exists; Tailscale's `dst="x": ...` wording. */
export function checkDestination(alias: Alias, decl: Declarations, kind: 'acl' | 'grant') {
  // ACL destinations name the offending entry; grant destinations do not.
  const where = kind === 'acl' ? `dst=${q(alias.text)}: ` : '';
  switch (alias.kind) {
    case 'tag':
      if (!decl.tagOwners.has(alias.text)) throw new PolicyError(`${where}tag not found: ${q(alias.text)}`);
      break;
    case 'group':
      if (!decl.groups.has(alias.text)) throw new PolicyError(`${where}group not found: ${q(alias.text)}`);
      break;
    case 'host':
      if (!decl.hosts.has(alias.text)) throw new PolicyError(`${where}host not found: ${q(alias.text)}`);
      break;
    case 'ipset':
      if (!decl.ipsets.has(alias.text)) throw new PolicyError(`${where}ipset not found: ${q(alias.text)}`);
      break;
    case 'autogroup':
      if (alias.name === 'danger-all') throw new PolicyError('cannot use autogroup:danger-all as a dst');
      if (!KNOWN_AUTOGROUPS.has(alias.name)) throw new PolicyError(`${where}autogroup not found: ${q(alias.text)}`);
      // autogroup:nonroot names login users (SSH only); autogroup:shared names sharees (sources only).
      if (decl.strict && (alias.name === 'nonroot' || alias.name === 'shared')) throw new PolicyError(`${q(alias.text)} not valid on the dst side of a rule`);
      break;
  }
}

/** autogroup:self needs sources that are people: users, groups, autogroup:member ("*" too, in ACLs). */
function checkSelfSources(srcs: Alias[], kind: 'acl' | 'grant') {
  for (const s of srcs) {
    const ok = s.kind === 'user' || s.kind === 'group' || (s.kind === 'autogroup' && s.name === 'member') || (kind === 'acl' && s.kind === 'wildcard');
    if (!ok) throw new PolicyError('autogroup:self can only be used with users, groups, or supported autogroups');
  }
}

const isSelf = (a: Alias) => a.kind === 'autogroup' && a.name === 'self';

export function compileAcls(acls: unknown, decl: Declarations, resolver: Resolver): Rule[] {
  if (acls === undefined || acls === null) return [];
  if (!Array.isArray(acls)) throw new PolicyError('acls: expected a list');
  const rules: Rule[] = [];
  acls.forEach((entry, index) => {
    if (!isObj(entry)) throw new PolicyError(`acls[${index}]: expected an object`);
    const action = entry.action ?? '';
    if (action !== 'accept') throw new PolicyError(`action=${q(action)} is not supported`);
    const protocols = parseProto(typeof entry.proto === 'string' ? entry.proto : entry.proto === undefined ? undefined : String(entry.proto));
    const srcs = strings(entry.src, `acls[${index}].src`).map(parseAlias);
    for (const s of srcs) {
      checkSource(s, decl);
      checkUserDomain(s, resolver.net.domain);
    }
    const dsts: Destination[] = strings(entry.dst, `acls[${index}].dst`).map(parseDestination);
    for (const d of dsts) {
      checkDestination(d.alias, decl, 'acl');
      checkUserDomain(d.alias, resolver.net.domain);
    }
    if (protocols.length && !PORT_PROTOCOLS.has(protocols[0])) {
      for (const d of dsts) {
        if (d.ports.some((p) => p.first !== 0 || p.last !== 65535)) throw new PolicyError(`proto ${q(entry.proto)} does not support specific ports, only "*" is allowed`);
      }
    }
    if (dsts.some((d) => isSelf(d.alias))) checkSelfSources(srcs, 'acl');

    // Tailscale emits the entry's non-self destinations first unless every destination is an
    // autogroup, in which case the written order stands.
    const ordered = dsts.some((d) => d.alias.kind !== 'autogroup') ? [...dsts.filter((d) => !isSelf(d.alias)), ...dsts.filter((d) => isSelf(d.alias))] : dsts;
    const src = resolver.selector(srcs);
    ordered.forEach((d, j) => {
      rules.push({
        id: `acl:${index}:${j}`,
        origin: { kind: 'acl', index },
        action: 'accept',
        src,
        dst: resolver.selector([d.alias]),
        protocols,
        ports: d.ports,
        bidirectional: false,
      });
    });
  });
  return rules;
}

export function compileGrants(grants: unknown, decl: Declarations, resolver: Resolver): Rule[] {
  if (grants === undefined || grants === null) return [];
  if (!Array.isArray(grants)) throw new PolicyError('grants: expected a list');
  const rules: Rule[] = [];
  grants.forEach((g, index) => {
    if (!isObj(g)) throw new PolicyError(`grants[${index}]: expected an object`);
    const ipEntries = strings(g.ip, `grants[${index}].ip`);
    const app = isObj(g.app) ? (g.app as Record<string, unknown[]>) : undefined;
    if (!ipEntries.length && !(app && Object.keys(app).length)) throw new PolicyError('ip and app can not both be empty');
    checkCapabilityNames(app, decl.strict);
    const ips = ipEntries.map(parseIpEntry);
    const srcs = strings(g.src, `grants[${index}].src`).map(parseAlias);
    const dsts = strings(g.dst, `grants[${index}].dst`).map(parseAlias);
    // App capabilities travel between two nodes: the internet, sharees or roles cannot hold one.
    if (decl.strict && app && Object.keys(app).length) {
      for (const d of dsts) {
        const problem = d.kind === 'autogroup' ? appDestinationProblem(d.name) : undefined;
        if (problem) throw new PolicyError(problem);
      }
    }
    for (const s of srcs) {
      checkSource(s, decl);
      checkUserDomain(s, resolver.net.domain);
    }
    for (const d of dsts) {
      checkDestination(d, decl, 'grant');
      checkUserDomain(d, resolver.net.domain);
      if (d.kind === 'prefix' && parsePrefix(d.text)?.bits === 0) throw new PolicyError(`dst ${q(d.text)}: to allow all IP addresses, use "*" or "autogroup:internet"`);
    }
    const via = strings(g.via, `grants[${index}].via`);
    for (const v of via) {
      if (!v.startsWith('tag:')) throw new PolicyError('via can only be a tag');
      if (!decl.tagOwners.has(v)) throw new PolicyError(`tag ${q(v)} not found`);
    }
    if (dsts.some(isSelf)) checkSelfSources(srcs, 'grant');
    if (!srcs.length || !dsts.length) return;

    const src = resolver.selector(srcs);
    const others = dsts.filter((d) => !isSelf(d));
    const selves = dsts.filter(isSelf);
    let n = 0;
    const push = (dst: Selector, protocols: number[], ports: Rule['ports'], extra: Partial<Rule>) =>
      rules.push({ id: `grant:${index}:${n++}`, origin: { kind: 'grant', index }, action: 'accept', src, dst, protocols, ports, bidirectional: false, ...extra });
    for (const ip of ips) {
      for (const d of others) push(resolver.selector([d]), ip.protocols, ip.ports, via.length ? { via } : {});
      for (const d of selves) push(resolver.selector([d]), ip.protocols, ip.ports, {});
    }
    if (app && Object.keys(app).length && !via.length) {
      for (const d of [...others, ...selves]) push(resolver.selector([d]), [], [], { app });
    }
  });
  return rules;
}
