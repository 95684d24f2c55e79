// Where routes, networks and DNS refer to a group or a peer, so that deleting the group or peer can
// be refused while it is in use (NetBird: "group is linked to route ..."). For the groups and
// peers services.
import type { Tx } from '../../db/client';
import { parseJsonList } from '../json';

/** A sentence naming the first route, router, resource, nameserver group or DNS setting using the group; null if none. */
export async function groupUseInRoutesAndDns(db: Tx, accountId: string, groupId: string): Promise<string | null> {
  for (const r of await db.route.findMany({ where: { accountId } })) {
    if ([r.groups, r.peerGroups, r.accessControlGroups].some((l) => parseJsonList(l).includes(groupId))) return `route ${r.networkId}`;
  }
  for (const r of await db.networkRouter.findMany({ where: { accountId }, include: { network: true } })) {
    if (parseJsonList(r.peerGroups).includes(groupId)) return `router of network ${r.network.name}`;
  }
  const resource = await db.groupResource.findFirst({ where: { groupId, resource: { accountId } }, include: { resource: true } });
  if (resource) return `network resource ${resource.resource.name}`;
  for (const g of await db.nameserverGroup.findMany({ where: { accountId } })) {
    if (parseJsonList(g.groups).includes(groupId)) return `nameserver group ${g.name}`;
  }
  const account = await db.account.findUnique({ where: { id: accountId }, select: { dnsDisabledManagementGroups: true } });
  if (parseJsonList(account?.dnsDisabledManagementGroups).includes(groupId)) return 'DNS settings (disabled management groups)';
  return null;
}

/** A sentence naming the first route or network router served by the peer; null if none. */
export async function peerUseInRoutes(db: Tx, accountId: string, peerId: string): Promise<string | null> {
  const route = await db.route.findFirst({ where: { accountId, peer: peerId } });
  if (route) return `route ${route.networkId}`;
  const router = await db.networkRouter.findFirst({ where: { accountId, peer: peerId }, include: { network: true } });
  return router ? `router of network ${router.network.name}` : null;
}
