// Who refers to a group. A group that anything still refers to cannot be deleted: the reference
// would dangle and silently change what a policy, route, key or DNS setting means.
//
// Group ids live inside JSON text columns, so each lookup first narrows rows with a substring
// match on the quoted id (ids are plain [0-9a-v] xids, so `"<id>"` cannot match anything else by
// accident) and then confirms by parsing, which also covers SQLite's case-insensitive LIKE.
import type { Tx } from '../../db/client';
import { parseJsonList, parseJsonObject } from '../json';

export interface GroupUse {
  /** policy | route | setup key | user | nameserver group | DNS settings | network router */
  kind: string;
  /** Name of the object that refers to the group (for a network router: its network's name). */
  name: string;
}

export async function groupUsage(db: Tx, accountId: string, groupId: string): Promise<GroupUse[]> {
  const quoted = JSON.stringify(groupId);
  const has = (text: string) => parseJsonList(text).includes(groupId);
  const like = { contains: quoted };

  const [rules, routes, keys, users, nameservers, account, routers] = await Promise.all([
    db.policyRule.findMany({
      where: { policy: { accountId }, OR: [{ sources: like }, { destinations: like }, { authorizedGroups: like }] },
      select: { name: true, sources: true, destinations: true, authorizedGroups: true, policy: { select: { name: true } } },
    }),
    db.route.findMany({
      where: { accountId, OR: [{ groups: like }, { peerGroups: like }, { accessControlGroups: like }] },
      select: { networkId: true, groups: true, peerGroups: true, accessControlGroups: true },
    }),
    db.setupKey.findMany({ where: { accountId, autoGroups: like }, select: { name: true, autoGroups: true } }),
    db.user.findMany({ where: { accountId, autoGroups: like }, select: { name: true, email: true, autoGroups: true } }),
    db.nameserverGroup.findMany({ where: { accountId, groups: like }, select: { name: true, groups: true } }),
    db.account.findUnique({ where: { id: accountId }, select: { dnsDisabledManagementGroups: true } }),
    db.networkRouter.findMany({
      where: { accountId, peerGroups: like },
      select: { peerGroups: true, network: { select: { name: true } } },
    }),
  ]);

  const uses: GroupUse[] = [];
  const policies = new Set<string>();
  for (const r of rules) {
    const inAuthorized = Object.keys(parseJsonObject(r.authorizedGroups) ?? {}).includes(groupId);
    if ((has(r.sources) || has(r.destinations) || inAuthorized) && !policies.has(r.policy.name)) {
      policies.add(r.policy.name);
      uses.push({ kind: 'policy', name: r.policy.name });
    }
  }
  for (const r of routes) if (has(r.groups) || has(r.peerGroups) || has(r.accessControlGroups)) uses.push({ kind: 'route', name: r.networkId });
  for (const k of keys) if (has(k.autoGroups)) uses.push({ kind: 'setup key', name: k.name });
  for (const u of users) if (has(u.autoGroups)) uses.push({ kind: 'user', name: u.email || u.name });
  for (const n of nameservers) if (has(n.groups)) uses.push({ kind: 'nameserver group', name: n.name });
  if (account && has(account.dnsDisabledManagementGroups)) uses.push({ kind: 'DNS settings', name: 'disabled management groups' });
  for (const r of routers) if (has(r.peerGroups)) uses.push({ kind: 'network router', name: r.network.name });
  return uses;
}

/** "policy "Default", route "office" and 3 more" */
export function describeUsage(uses: GroupUse[], max = 5): string {
  const shown = uses.slice(0, max).map((u) => {
    if (u.kind === 'DNS settings') return `DNS settings (${u.name})`;
    if (u.kind === 'network router') return `a router of network "${u.name}"`;
    return `${u.kind} "${u.name}"`;
  });
  const rest = uses.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
}
