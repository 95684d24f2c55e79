// Network resources: a host, subnet or domain inside a network. Its type follows from its address;
// its group memberships are GroupResource rows, so policies can target it through groups.
import type { Tx } from '../../db/client';
import { chunks } from '../../db/chunks';
import type { NetworkResource } from '../../db/models';
import type { Actor } from '../actor';
import { NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { requireGroups } from './refs';
import { findNetwork } from './networks';
import { recordResourceChange } from './audit';
import type { ResourceChange, ResourceWithGroups } from './resource-change';
import { bumpNetworkSerial } from '../serial';
import { classifyResourceAddress } from '../validate-net';
import { checkNameChars } from '../names';

export interface ResourceInput {
  name: string;
  description?: string | null;
  address: string;
  enabled: boolean;
  groups: string[];
}

export type { ResourceChange, ResourceWithGroups } from './resource-change';

async function validate(db: Tx, accountId: string, input: ResourceInput, selfId?: string) {
  const name = input.name.trim();
  if (!name) throw new ValidationError('resource name should not be empty');
  checkNameChars(name);
  if (name.length > 255) throw new ValidationError('resource name should be at most 255 characters');
  const description = input.description ?? '';
  if (description.length > 1000) throw new ValidationError('description should be at most 1000 characters');
  const address = classifyResourceAddress(input.address);
  if (!address) throw new ValidationError(`address ${JSON.stringify(input.address)} is not a valid host, subnet, or domain`);
  // Resource names are unique in the account, as in NetBird (policies and the console show names).
  const clash = await db.networkResource.findFirst({ where: { accountId, name, ...(selfId ? { id: { not: selfId } } : {}) }, select: { id: true } });
  if (clash) throw new ValidationError(`resource with name ${name} already exists`);
  const groups = [...new Set(input.groups)];
  await requireGroups(db, accountId, groups, 'groups');
  return { row: { name, description, address: address.address, type: address.type, enabled: input.enabled }, groups };
}

async function withGroups(db: Tx, resource: NetworkResource): Promise<ResourceWithGroups> {
  const rows = await db.groupResource.findMany({ where: { resourceId: resource.id }, select: { groupId: true } });
  return { ...resource, groupIds: rows.map((r) => r.groupId) };
}

async function findResource(db: Tx, actor: Actor, networkId: string, resourceId: string): Promise<NetworkResource> {
  const network = await findNetwork(db, actor, networkId);
  const resource = await db.networkResource.findFirst({ where: { id: resourceId, networkId: network.id, accountId: actor.accountId } });
  if (!resource) throw new NotFoundError('network resource', resourceId);
  return resource;
}

export async function listResources(db: Tx, actor: Actor, networkId: string): Promise<ResourceWithGroups[]> {
  const network = await findNetwork(db, actor, networkId);
  const rows = await db.networkResource.findMany({
    where: { accountId: actor.accountId, networkId: network.id },
    include: { groups: { select: { groupId: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.map(({ groups, ...r }) => ({ ...r, groupIds: groups.map((g) => g.groupId) }));
}

export async function getResource(db: Tx, actor: Actor, networkId: string, resourceId: string): Promise<ResourceWithGroups> {
  return withGroups(db, await findResource(db, actor, networkId, resourceId));
}

/** Creates the resource in its groups; bumps the serial and records the resource and group events. */
export async function createResource(db: Tx, actor: Actor, networkId: string, input: ResourceInput): Promise<ResourceChange> {
  const network = await findNetwork(db, actor, networkId);
  const { row, groups } = await validate(db, actor.accountId, input);
  const resource = await db.networkResource.create({ data: { id: newId(), accountId: actor.accountId, networkId: network.id, ...row } });
  if (groups.length) await db.groupResource.createMany({ data: groups.map((groupId) => ({ groupId, resourceId: resource.id })) });
  const change = { resource: { ...resource, groupIds: groups }, addedGroups: groups, removedGroups: [] };
  await bumpNetworkSerial(db, actor.accountId);
  await recordResourceChange(db, actor, 'create', change, network);
  return change;
}

/** updateResource, with its side effects: bumps the serial and records the resource and group events. */
export async function updateNetworkResource(db: Tx, actor: Actor, networkId: string, resourceId: string, input: ResourceInput): Promise<ResourceChange> {
  const change = await updateResource(db, actor, networkId, resourceId, input);
  await bumpNetworkSerial(db, actor.accountId);
  await recordResourceChange(db, actor, 'update', change, await findNetwork(db, actor, networkId));
  return change;
}

/** deleteResource, with its side effects: bumps the serial and records the resource and group events. */
export async function deleteNetworkResource(db: Tx, actor: Actor, networkId: string, resourceId: string): Promise<ResourceChange> {
  const change = await deleteResource(db, actor, networkId, resourceId);
  await bumpNetworkSerial(db, actor.accountId);
  await recordResourceChange(db, actor, 'delete', change, await findNetwork(db, actor, networkId));
  return change;
}

/**
 * Changes the resource only: no serial bump, no audit entry. For the Ziti services writer
 * (lib/domain/ziti/services.ts), which bumps and records with the Ziti identity as initiator;
 * everything else calls updateNetworkResource.
 */
export async function updateResource(db: Tx, actor: Actor, networkId: string, resourceId: string, input: ResourceInput): Promise<ResourceChange> {
  const existing = await withGroups(db, await findResource(db, actor, networkId, resourceId));
  const { row, groups } = await validate(db, actor.accountId, input, existing.id);
  const resource = await db.networkResource.update({ where: { id: existing.id }, data: row });
  const addedGroups = groups.filter((g) => !existing.groupIds.includes(g));
  const removedGroups = existing.groupIds.filter((g) => !groups.includes(g));
  for (const chunk of chunks(removedGroups)) await db.groupResource.deleteMany({ where: { resourceId: resource.id, groupId: { in: chunk } } });
  if (addedGroups.length) await db.groupResource.createMany({ data: addedGroups.map((groupId) => ({ groupId, resourceId: resource.id })) });
  return { resource: { ...resource, groupIds: groups }, addedGroups, removedGroups };
}

/** Deletes the resource only (no serial bump, no audit entry): see updateResource; others call deleteNetworkResource. */
export async function deleteResource(db: Tx, actor: Actor, networkId: string, resourceId: string): Promise<ResourceChange> {
  const existing = await withGroups(db, await findResource(db, actor, networkId, resourceId));
  await db.groupResource.deleteMany({ where: { resourceId: existing.id } });
  await db.networkResource.delete({ where: { id: existing.id } });
  return { resource: existing, addedGroups: [], removedGroups: existing.groupIds };
}
