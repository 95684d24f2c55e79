// The account as the Tailscale policy engine sees it: users with their login emails and tailnet
// roles, and peers (nodes) with their tags, addresses, owner and routes. Built from the database
// for every validation, so a policy is checked against the tailnet it will apply to.
import type { Tx } from '../../db/client';
import type { Topology, TsNode, TsUser } from '../policy/tailscale/topology';
import type { Actor } from '../actor';
import { DEFAULT_ACL_TEXT } from './default-policy';
import { parseJsonList } from '../json';
import { displayEmail } from '../users/users';

/** meshdeck roles → Tailscale tailnet roles (`user` is Tailscale's `member`). */
const TAILNET_ROLES: Record<string, string> = { owner: 'owner', admin: 'admin', auditor: 'auditor', user: 'member' };

export function tailnetRole(role: string): string {
  return TAILNET_ROLES[role] ?? 'member';
}

export type UserRow = { id: string; email: string; role: string; isServiceUser: boolean };
export type PeerRow = { id: string; hostname: string; name: string; userId: string; ip: string; ipv6: string; tags: string; advertisedRoutes: string; enabledRoutes: string };

/**
 * Nodes by row object and owner: rows from the peer store stay the same objects while unchanged,
 * so a change to one peer of 25,000 parses one peer's tags and routes, not all of them.
 */
const nodeOfRow = new WeakMap<PeerRow, { owner: string | undefined; node: TsNode }>();

/** Pure part, for tests: rows → topology. Tagged peers belong to no user, as in Tailscale. */
export function topologyFromRows(users: UserRow[], peers: PeerRow[], domain?: string): Topology {
  const emails = new Map<string, string>();
  const tsUsers: TsUser[] = [];
  for (const u of users) {
    const email = displayEmail(u);
    if (!email) continue;
    emails.set(u.id, email);
    tsUsers.push({ id: u.id, name: email.split('@')[0], email, role: tailnetRole(u.role) });
  }
  const nodes: TsNode[] = peers.map((p) => {
    const owner = emails.get(p.userId);
    const cached = nodeOfRow.get(p);
    if (cached && cached.owner === owner) return cached.node;
    const node = toNode(p, owner);
    nodeOfRow.set(p, { owner, node });
    return node;
  });
  return { users: tsUsers, nodes, ...(domain ? { domain } : {}) };
}

function toNode(p: PeerRow, owner: string | undefined): TsNode {
  const tags = parseJsonList(p.tags);
  const node: TsNode = {
    name: p.id,
    hostname: p.hostname || p.name,
    tags,
    ipv4: p.ip,
    routableIps: parseJsonList(p.advertisedRoutes),
    approvedRoutes: parseJsonList(p.enabledRoutes),
  };
  if (p.ipv6) node.ipv6 = p.ipv6;
  if (!tags.length && owner) node.user = owner;
  return node;
}

/** The users the policy engine knows, oldest first (the one query for every caller). */
export function topologyUsers(db: Tx, accountId: string): Promise<UserRow[]> {
  return db.user.findMany({ where: { accountId }, select: { id: true, email: true, role: true, isServiceUser: true }, orderBy: { createdAt: 'asc' } });
}

/** Every peer of the account as a node's row, oldest first (the one query for every caller). */
export function topologyPeers(db: Tx, accountId: string): Promise<PeerRow[]> {
  return db.peer.findMany({
    where: { accountId },
    select: { id: true, hostname: true, name: true, userId: true, ip: true, ipv6: true, tags: true, advertisedRoutes: true, enabledRoutes: true },
    orderBy: { createdAt: 'asc' },
  });
}

/** The text of the account's policy document: the stored one, or Tailscale's default as it reads before the first save. */
export async function policyTextOf(db: Tx, accountId: string): Promise<string> {
  const doc = await db.aclDocument.findUnique({ where: { accountId }, select: { text: true } });
  return doc?.text ?? DEFAULT_ACL_TEXT;
}

export async function accountTopology(db: Tx, actor: Actor): Promise<Topology> {
  const [users, peers] = await Promise.all([topologyUsers(db, actor.accountId), topologyPeers(db, actor.accountId)]);
  return topologyFromRows(users, peers);
}
