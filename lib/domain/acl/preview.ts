// Previewing a submitted policy (not saved): which of its rules apply to a user (as a source) or
// to an ip:port (as a destination), each with the line it starts on in the submitted text, as
// Tailscale's "preview rule matches" does. Rules are the document's `acls` entries and `grants`.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { compileOrThrow, parsePolicyText } from './policy-text';
import { accountTopology } from './topology';
import { ValidationError } from '../errors';
import { lineLocator, parse } from '../hujson';
import { parseAddr, IPSet } from '../policy/tailscale/ipset';
import { parseAlias } from '../policy/tailscale/syntax';
import type { CompiledTailscalePolicy } from '../policy/tailscale/compile';
import type { Rule } from '../policy/ir';
import type { TsUser } from '../policy/tailscale/topology';

export type PreviewType = 'user' | 'ipport';

export interface PreviewMatch {
  users: string[];
  ports: string[];
  lineNumber: number;
}

const ROLE_AUTOGROUPS: Record<string, string[]> = { owner: ['owner'], admin: ['owner', 'admin'], auditor: ['auditor'] };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function previewPolicy(db: Tx, actor: Actor, text: string, type: PreviewType, previewFor: string): Promise<PreviewMatch[]> {
  const doc = parsePolicyText(text);
  // Tests are not run for a preview: the point is to look at a policy that may not pass yet.
  const policy = compileOrThrow({ ...doc, tests: undefined, sshTests: undefined }, await accountTopology(db, actor));
  const lineOf = lineLocator(parse(text));
  const matches = type === 'user' ? userMatcher(policy, previewFor) : ipPortMatcher(policy, previewFor);
  const out: PreviewMatch[] = [];
  const entries: [kind: 'acl' | 'grant', list: unknown][] = [
    ['acl', doc.acls],
    ['grant', doc.grants],
  ];
  for (const [kind, list] of entries) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry: Record<string, unknown>, index) => {
      const rules = policy.rules.filter((r) => r.origin.kind === kind && 'index' in r.origin && r.origin.index === index);
      if (!rules.some(matches)) return;
      const users = kind === 'acl' ? strings(entry.src ?? entry.users) : strings(entry.src);
      const ports = kind === 'acl' ? strings(entry.dst ?? entry.ports) : strings(entry.dst);
      out.push({ users, ports, lineNumber: lineOf(`/${kind === 'acl' ? 'acls' : 'grants'}/${index}`) ?? 0 });
    });
  }
  return out;
}

/** A rule applies to a user when its sources name them (directly, by group, role or "*"). */
function userMatcher(policy: CompiledTailscalePolicy, email: string): (r: Rule) => boolean {
  const user = policy.net.findUser(email);
  if (!user) throw new ValidationError(`user ${JSON.stringify(email)} not found`, 'value');
  const nodes = policy.net.nodes.filter((n) => !n.tagged && n.user === user);
  const ips = IPSet.of([]).union(...nodes.map((n) => n.ips));
  const sourceNames = (r: Rule) => r.src.all || r.src.anyAddress || r.src.peers.some((p) => nodes.some((n) => n.name === p)) || (!ips.empty && IPSet.parse(...r.src.cidrs).overlaps(ips));
  return (r) => sourceNames(r) || namedInEntry(policy, r, user);
}

/** Users without devices resolve to no addresses; match them by the aliases the entry names. */
function namedInEntry(policy: CompiledTailscalePolicy, r: Rule, user: TsUser): boolean {
  const doc = policy.doc;
  const list = r.origin.kind === 'acl' ? (doc.acls as Record<string, unknown>[])[r.origin.index] : r.origin.kind === 'grant' ? (doc.grants as Record<string, unknown>[])[r.origin.index] : undefined;
  if (!list) return false;
  const srcs = strings(list.src ?? list.users);
  return srcs.some((s) => {
    const a = parseAlias(s);
    switch (a.kind) {
      case 'wildcard':
        return true;
      case 'user':
        return policy.net.findUser(a.text.startsWith('user:') ? a.text.slice(5) : a.text) === user || (/^(?:user:)?\*@(.+)$/.exec(a.text)?.[1] === user.email.split('@')[1]);
      case 'group':
        return (policy.decl.groups.get(a.text) ?? []).some((m) => policy.net.findUser(m) === user);
      case 'autogroup':
        return a.name === 'member' || (ROLE_AUTOGROUPS[a.name] ?? []).includes(user.role ?? '');
      default:
        return false;
    }
  });
}

/** A rule applies to "ip:port" when its destinations hold the address and its ports the port. */
function ipPortMatcher(policy: CompiledTailscalePolicy, ipPort: string): (r: Rule) => boolean {
  const m = /^\[?([0-9A-Fa-f.:]+?)\]?:(\d{1,5})$/.exec(ipPort.trim());
  const addr = m ? parseAddr(m[1]) : undefined;
  const port = m ? Number(m[2]) : NaN;
  if (!addr || !(port >= 0 && port <= 65535)) throw new ValidationError(`invalid previewFor ${JSON.stringify(ipPort)}: want an IP address and port, like 10.0.0.1:80`, 'value');
  const self = policy.net.nodes.filter((n) => !n.tagged && n.ips.contains(addr));
  return (r) => {
    if (r.ports.length && !r.ports.some((p) => p.first <= port && port <= p.last)) return false;
    if (r.dst.all || r.dst.anyAddress) return true;
    if (r.dst.self && self.length) return true;
    return policy.resolver.addresses(r.dst).contains(addr);
  };
}
