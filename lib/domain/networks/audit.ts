// Audit entries for network changes that touch several objects at once (a resource and its group
// memberships, a network with everything in it), in NetBird's activity codes. The network writers
// (networks.ts, routers.ts, resources.ts) record them.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Network, NetworkRouter } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange, type AuditEntry } from '../audit';
import type { ResourceChange, ResourceWithGroups } from './resource-change';
import { parseJsonList } from '../json';

type Verb = 'create' | 'update' | 'delete';
const PAST: Record<Verb, string> = { create: 'created', update: 'updated', delete: 'deleted' };

export function networkEntry(verb: Verb, n: Network): AuditEntry {
  return { code: `network.${verb}`, activity: `Network ${PAST[verb]}`, targetId: n.id, meta: { name: n.name } };
}

export function routerEntry(verb: Verb, r: NetworkRouter, network: { name: string }): AuditEntry {
  return {
    code: `network.router.${verb}`,
    activity: `Network router ${PAST[verb]}`,
    targetId: r.id,
    meta: { network_name: network.name, network_id: r.networkId, peer: r.peer, peer_groups: parseJsonList(r.peerGroups) },
  };
}

function resourceMeta(r: ResourceWithGroups, network: { name: string }) {
  return { name: r.name, type: r.type, address: r.address, network_name: network.name, network_id: r.networkId };
}

/** Records the resource event, then one event per group the resource joined or left. */
export async function recordResourceChange(db: Tx, actor: Actor, verb: Verb, change: ResourceChange, network: { name: string }): Promise<void> {
  for (const e of await resourceEntries(db, verb, change, network)) await recordChange(db, actor, e);
}

/** The resource event, then one event per group the resource joined or left. */
export async function resourceEntries(db: Tx, verb: Verb, change: ResourceChange, network: { name: string }): Promise<AuditEntry[]> {
  const r = change.resource;
  const ids = [...change.addedGroups, ...change.removedGroups];
  const names = new Map(
    (await inChunks(ids, (chunk) => db.group.findMany({ where: { accountId: r.accountId, id: { in: chunk } }, select: { id: true, name: true } }))).map((g) => [g.id, g.name]),
  );
  const groupEntry = (groupId: string, added: boolean): AuditEntry => ({
    code: added ? 'resource.group.add' : 'resource.group.delete',
    activity: added ? 'Resource added to group' : 'Resource removed from group',
    targetId: groupId,
    meta: { group: names.get(groupId) ?? groupId, group_id: groupId, resource_id: r.id, resource_name: r.name, resource_type: r.type },
  });
  return [
    { code: `network.resource.${verb}`, activity: `Network resource ${PAST[verb]}`, targetId: r.id, meta: resourceMeta(r, network) },
    ...change.addedGroups.map((g) => groupEntry(g, true)),
    ...change.removedGroups.map((g) => groupEntry(g, false)),
  ];
}
