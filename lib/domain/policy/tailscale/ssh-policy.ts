// A node's SSH policy, in the shape of Tailscale's tailcfg.SSHPolicy (JSON names as Tailscale sends
// them to nodes), from the document's "ssh" section: one rule per section entry that targets the
// node, with the source nodes' addresses as principals and the allowed local users as sshUsers.
import { formatAddr } from './ipset';
import type { CompiledTailscalePolicy } from './compile';
import { nodesOf, type SshRule } from './ssh';
import type { NodeView } from './topology';

export interface SshPrincipal {
  nodeIP: string;
}

export interface SshAction {
  accept?: boolean;
  reject?: boolean;
  message?: string;
  allowAgentForwarding?: boolean;
  allowLocalPortForwarding?: boolean;
  allowRemotePortForwarding?: boolean;
}

export interface SshPolicyRule {
  principals: SshPrincipal[];
  /** Requested login → local user ("*": "=" maps any login to itself; "" refuses that login). */
  sshUsers: Record<string, string>;
  action: SshAction;
}

export interface SshPolicy {
  rules: SshPolicyRule[];
}

const ACCEPT: SshAction = { accept: true, allowAgentForwarding: true, allowLocalPortForwarding: true, allowRemotePortForwarding: true };
// Check mode needs the control plane to re-authenticate the user during the session, which meshdeck
// does not offer: such rules fail closed instead of silently becoming "accept".
const CHECK: SshAction = { reject: true, message: 'meshdeck does not support SSH check mode; ask an admin to use "accept"' };

const sameUser = (a: NodeView, b: NodeView) => !a.tagged && !b.tagged && !!a.user && a.user === b.user;

function principals(nodes: NodeView[]): SshPrincipal[] {
  return nodes.flatMap((n) => n.addrs.map((a) => ({ nodeIP: formatAddr(a) })));
}

/** Tailscale's sshUsers for a rule's "users", without the localpart entries (handled per user). */
function sshUsers(users: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const u of users) {
    if (u === 'autogroup:nonroot') {
      out['*'] = '=';
      out.root ??= '';
    } else if (!u.startsWith('localpart:')) out[u] = u;
  }
  return out;
}

export function sshPolicyFor(policy: CompiledTailscalePolicy, rules: SshRule[], node: NodeView): SshPolicy {
  const out: SshPolicyRule[] = [];
  for (const r of rules) {
    const direct = r.dst.some((d) => !(d.kind === 'autogroup' && d.name === 'self') && nodesOf(policy, d).includes(node));
    const viaSelf = !direct && r.dst.some((d) => d.kind === 'autogroup' && d.name === 'self') && !node.tagged && !!node.user;
    if (!direct && !viaSelf) continue;
    const seen = new Set<NodeView>();
    const sources: NodeView[] = [];
    for (const s of r.src) {
      for (const n of nodesOf(policy, s)) {
        if (seen.has(n) || (viaSelf && !sameUser(n, node))) continue;
        seen.add(n);
        sources.push(n);
      }
    }
    if (!sources.length) continue;
    const action = r.action === 'accept' ? ACCEPT : CHECK;
    const users = sshUsers(r.users);
    if (Object.keys(users).length) out.push({ principals: principals(sources), sshUsers: users, action });
    // localpart:*@<domain>: each source user may log in as the local part of their own login.
    const domains = r.users.map((u) => /^localpart:\*@(.*)$/.exec(u)?.[1]).filter((d): d is string => !!d);
    if (!domains.length) continue;
    const byUser = new Map<string, NodeView[]>();
    for (const n of sources) {
      if (!n.user) continue;
      const [local, domain] = n.user.email.split('@');
      if (!domains.includes(domain)) continue;
      byUser.set(local, [...(byUser.get(local) ?? []), n]);
    }
    for (const [local, nodes] of byUser) out.push({ principals: principals(nodes), sshUsers: { [local]: local }, action });
  }
  return { rules: out };
}
