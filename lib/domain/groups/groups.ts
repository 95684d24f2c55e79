// Groups: named sets of peers and network resources that policies, routes, setup keys, users and
// DNS settings refer to. The built-in "All" group (groups-core.ts) holds every peer of the account
// implicitly, so it is never renamed, deleted or given stored members.
import type { Tx } from '../../db/client';
import { chunks, inChunks } from '../../db/chunks';
import type { Actor } from '../actor';
import { recordChange, type AuditEntry } from '../audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { groupUsage, describeUsage } from './usage';
import { ALL_GROUP_NAME, isAllGroup } from './all-group';
import { newId } from '../ids';
import { bumpNetworkSerial } from '../serial';
import { checkNameChars } from '../names';

const MAX_NAME = 255;
export const NETWORK_RESOURCE_TYPES = ['host', 'subnet', 'domain'] as const;

export interface GroupInput {
  name: string;
  /** Peer ids; omitted means none (PUT replaces the membership, as NetBird does). */
  peers?: string[];
  resources?: { id: string; type: string }[];
}

export interface GroupView {
  id: string;
  name: string;
  issued: string;
  peers: { id: string; name: string }[];
  resources: { id: string; type: string }[];
}

/** What a write changed (recorded in the audit log by the writer itself). */
export interface GroupChange {
  group: GroupView;
  addedPeers: string[];
  removedPeers: string[];
  membershipChanged: boolean;
}

/**
 * The audit entries of a group write: the group event itself, then one peer.group.add /
 * peer.group.delete per peer that joined or left (as NetBird records them).
 */
function groupEntries(change: GroupChange, code: 'group.add' | 'group.update', activity: string): AuditEntry[] {
  const { group } = change;
  const meta = { name: group.name, peers_count: group.peers.length, resources_count: group.resources.length };
  return [
    { code, activity, targetId: group.id, meta },
    ...change.addedPeers.map((peerId): AuditEntry => ({ code: 'peer.group.add', activity: 'Group added to peer', targetId: peerId, meta: { group: group.name, group_id: group.id } })),
    ...change.removedPeers.map((peerId): AuditEntry => ({ code: 'peer.group.delete', activity: 'Group removed from peer', targetId: peerId, meta: { group: group.name, group_id: group.id } })),
  ];
}

async function recorded(db: Tx, actor: Actor, change: GroupChange, code: 'group.add' | 'group.update', activity: string): Promise<GroupChange> {
  for (const e of groupEntries(change, code, activity)) await recordChange(db, actor, e);
  return change;
}

async function findGroup(db: Tx, actor: Actor, groupId: string) {
  const group = await db.group.findFirst({ where: { id: groupId, accountId: actor.accountId } });
  if (!group) throw new NotFoundError('group', groupId);
  return group;
}

async function viewsOf(db: Tx, accountId: string, groups: { id: string; name: string; issued: string }[]): Promise<GroupView[]> {
  if (groups.length === 0) return [];
  // One group, or the account's: a list of every group's id would bind a parameter per group.
  const scope = groups.length === 1 ? { groupId: groups[0].id } : { group: { accountId } };
  const [members, resources, everyone] = await Promise.all([
    db.groupPeer.findMany({
      where: scope,
      select: { groupId: true, peer: { select: { id: true, name: true } } },
      orderBy: [{ peer: { name: 'asc' } }, { peerId: 'asc' }],
    }),
    db.groupResource.findMany({
      where: scope,
      select: { groupId: true, resource: { select: { id: true, type: true } } },
      orderBy: { resourceId: 'asc' },
    }),
    groups.some(isAllGroup)
      ? db.peer.findMany({ where: { accountId }, select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] })
      : Promise.resolve([]),
  ]);
  const peersOf = new Map<string, { id: string; name: string }[]>();
  for (const m of members) (peersOf.get(m.groupId) ?? peersOf.set(m.groupId, []).get(m.groupId)!).push(m.peer);
  const resourcesOf = new Map<string, { id: string; type: string }[]>();
  for (const r of resources) (resourcesOf.get(r.groupId) ?? resourcesOf.set(r.groupId, []).get(r.groupId)!).push(r.resource);
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    issued: g.issued,
    peers: isAllGroup(g) ? everyone : (peersOf.get(g.id) ?? []),
    resources: isAllGroup(g) ? [] : (resourcesOf.get(g.id) ?? []),
  }));
}

/** All groups of the account; with `name`, only the group of exactly that name (404 when none). */
export async function listGroups(db: Tx, actor: Actor, name?: string): Promise<GroupView[]> {
  if (name !== undefined) {
    const group = await db.group.findFirst({ where: { accountId: actor.accountId, name } });
    if (!group) throw new NotFoundError(`group named "${name}"`);
    return viewsOf(db, actor.accountId, [group]);
  }
  const groups = await db.group.findMany({ where: { accountId: actor.accountId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return viewsOf(db, actor.accountId, groups);
}

export async function getGroup(db: Tx, actor: Actor, groupId: string): Promise<GroupView> {
  const group = await findGroup(db, actor, groupId);
  return (await viewsOf(db, actor.accountId, [group]))[0];
}

function cleanName(raw: string): string {
  const name = raw.trim();
  if (!name) throw new ValidationError("group name shouldn't be empty");
  checkNameChars(name);
  if (name.length > MAX_NAME) throw new ValidationError(`group name is too long (${MAX_NAME} characters at most)`);
  return name;
}

async function assertNameFree(db: Tx, accountId: string, name: string, exceptId?: string) {
  const clash = await db.group.findFirst({ where: { accountId, name, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw new ConflictError(`group with name "${name}" already exists`);
}

/** Checks that every peer and network resource belongs to the account; returns deduplicated ids. */
async function checkMembers(db: Tx, accountId: string, input: GroupInput) {
  const peerIds = [...new Set(input.peers ?? [])];
  if (peerIds.length) {
    const found = new Set((await inChunks(peerIds, (chunk) => db.peer.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true } }))).map((p) => p.id));
    const missing = peerIds.find((id) => !found.has(id));
    if (missing !== undefined) throw new ValidationError(`peer with ID "${missing}" not found`);
  }
  const wanted = new Map<string, string>();
  for (const r of input.resources ?? []) {
    if (!(NETWORK_RESOURCE_TYPES as readonly string[]).includes(r.type)) {
      throw new ValidationError(`resource ${r.id}: groups hold network resources (host, subnet or domain), not "${r.type}"`);
    }
    if (wanted.has(r.id) && wanted.get(r.id) !== r.type) throw new ValidationError(`resource ${r.id} is listed twice with different types`);
    wanted.set(r.id, r.type);
  }
  if (wanted.size) {
    const rows = await inChunks([...wanted.keys()], (chunk) => db.networkResource.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, type: true } }));
    const typeOf = new Map(rows.map((r) => [r.id, r.type]));
    for (const [id, type] of wanted) {
      const actual = typeOf.get(id);
      if (actual === undefined) throw new ValidationError(`network resource with ID "${id}" not found`);
      if (actual !== type) throw new ValidationError(`network resource ${id} is a ${actual}, not a ${type}`);
    }
  }
  return { peerIds, resourceIds: [...wanted.keys()] };
}

export async function createGroup(db: Tx, actor: Actor, input: GroupInput): Promise<GroupChange> {
  const name = cleanName(input.name);
  await assertNameFree(db, actor.accountId, name);
  const { peerIds, resourceIds } = await checkMembers(db, actor.accountId, input);
  const group = await db.group.create({ data: { id: newId(), accountId: actor.accountId, name, issued: 'api' } });
  if (peerIds.length) await db.groupPeer.createMany({ data: peerIds.map((peerId) => ({ groupId: group.id, peerId })) });
  if (resourceIds.length) await db.groupResource.createMany({ data: resourceIds.map((resourceId) => ({ groupId: group.id, resourceId })) });
  const membershipChanged = peerIds.length > 0 || resourceIds.length > 0;
  if (membershipChanged) await bumpNetworkSerial(db, actor.accountId);
  const change = { group: await getGroup(db, actor, group.id), addedPeers: peerIds, removedPeers: [], membershipChanged };
  return recorded(db, actor, change, 'group.add', 'Group created');
}

export async function updateGroup(db: Tx, actor: Actor, groupId: string, input: GroupInput): Promise<GroupChange> {
  const group = await findGroup(db, actor, groupId);
  const name = cleanName(input.name);
  if (isAllGroup(group)) {
    // Its membership is "every peer" by definition; only a PUT that keeps its name is accepted.
    if (name !== ALL_GROUP_NAME) throw new ValidationError(`the "${ALL_GROUP_NAME}" group cannot be renamed`);
    const unchanged = { group: await getGroup(db, actor, group.id), addedPeers: [], removedPeers: [], membershipChanged: false };
    return recorded(db, actor, unchanged, 'group.update', 'Group updated');
  }
  if (name === ALL_GROUP_NAME) throw new ConflictError(`group with name "${ALL_GROUP_NAME}" already exists`);
  if (name !== group.name) await assertNameFree(db, actor.accountId, name, group.id);
  const { peerIds, resourceIds } = await checkMembers(db, actor.accountId, input);

  const [currentPeers, currentResources] = await Promise.all([
    db.groupPeer.findMany({ where: { groupId: group.id }, select: { peerId: true } }),
    db.groupResource.findMany({ where: { groupId: group.id }, select: { resourceId: true } }),
  ]);
  const hadPeers = new Set(currentPeers.map((m) => m.peerId));
  const hadResources = new Set(currentResources.map((r) => r.resourceId));
  const addedPeers = peerIds.filter((id) => !hadPeers.has(id));
  const keptPeers = new Set(peerIds);
  const removedPeers = [...hadPeers].filter((id) => !keptPeers.has(id));
  const addedResources = resourceIds.filter((id) => !hadResources.has(id));
  const keptResources = new Set(resourceIds);
  const removedResources = [...hadResources].filter((id) => !keptResources.has(id));

  if (name !== group.name) await db.group.update({ where: { id: group.id }, data: { name } });
  for (const chunk of chunks(removedPeers)) await db.groupPeer.deleteMany({ where: { groupId: group.id, peerId: { in: chunk } } });
  if (addedPeers.length) await db.groupPeer.createMany({ data: addedPeers.map((peerId) => ({ groupId: group.id, peerId })) });
  for (const chunk of chunks(removedResources)) await db.groupResource.deleteMany({ where: { groupId: group.id, resourceId: { in: chunk } } });
  if (addedResources.length) await db.groupResource.createMany({ data: addedResources.map((resourceId) => ({ groupId: group.id, resourceId })) });

  const membershipChanged = addedPeers.length + removedPeers.length + addedResources.length + removedResources.length > 0;
  // A rename counts too: group names show in peer listings and (Tailscale) policy documents.
  if (membershipChanged || name !== group.name) await bumpNetworkSerial(db, actor.accountId);
  const change = { group: await getGroup(db, actor, group.id), addedPeers, removedPeers, membershipChanged };
  return recorded(db, actor, change, 'group.update', 'Group updated');
}

export async function deleteGroup(db: Tx, actor: Actor, groupId: string) {
  const group = await findGroup(db, actor, groupId);
  if (isAllGroup(group)) throw new ValidationError(`the "${ALL_GROUP_NAME}" group cannot be deleted`);
  const usage = await groupUsage(db, actor.accountId, group.id);
  if (usage.length) throw new ConflictError(`group "${group.name}" is in use by ${describeUsage(usage)} and cannot be deleted`);
  const [peers, resources] = await Promise.all([
    db.groupPeer.count({ where: { groupId: group.id } }),
    db.groupResource.count({ where: { groupId: group.id } }),
  ]);
  await db.group.delete({ where: { id: group.id } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'group.delete', activity: 'Group deleted', targetId: group.id, meta: { name: group.name } });
  return group;
}

