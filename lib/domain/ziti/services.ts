// Ziti services = the account's network resources, as one identity sees them: each with the
// permissions (Dial/Bind) the policy engine grants that identity (service-access.ts). Identities
// see only services they may Dial or Bind; admin identities see every service. Admin identities
// may rename a service, change its role attributes (= its groups) or delete it; those changes go
// through the same domain functions as NetBird's network-resource API, and are recorded (in the
// same entries as there) and bump the network serial here.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Network, ZitiIdentity } from '../../db/models';
import type { Actor } from '../actor';
import { NotFoundError, ValidationError } from '../errors';
import { timeOfId } from '../ids';
import { resourceEntries } from '../networks/audit';
import { deleteResource, updateResource, type ResourceChange } from '../networks/resources';
import { findNetwork } from '../networks/networks';
import type { ZitiCaller } from './api-sessions';
import { recordByCaller } from './activity';
import { bumpNetworkSerial } from '../serial';
import { zitiErrors } from './errors';
import { applyQuery, type Fields, type ListQuery, type Page } from './query';
import { loadServiceCatalog, permissionsFor, type ServiceCatalog, type ServiceResource, type ZitiPermission } from './service-access';

export interface ZitiService extends ServiceResource {
  permissions: ZitiPermission[];
  createdAt: Date;
}

export const SERVICE_FIELDS: Fields<ZitiService> = {
  id: (s) => s.id,
  name: (s) => s.name,
  roleAttributes: (s) => s.roleAttributes,
  permissions: (s) => s.permissions,
  createdAt: (s) => s.createdAt,
  updatedAt: (s) => s.createdAt,
  terminatorStrategy: () => 'smartrouting',
  encryptionRequired: () => true,
};

export interface ServiceListOptions {
  query: ListQuery;
  page: { offset?: number; limit?: number };
  /** Ziti role filters: `#attribute`, `@id`, `#all`. */
  roleFilter?: string[];
  roleSemantic?: string;
}

/** A user linked to the identity who is blocked takes its access away, as for their peers. */
async function linkedUserBlocked(db: Tx, caller: ZitiCaller): Promise<boolean> {
  if (!caller.identity.userId) return false;
  const u = await db.user.findFirst({ where: { id: caller.identity.userId, accountId: caller.accountId }, select: { status: true } });
  return u?.status === 'blocked';
}

/**
 * What one identity may do with one service: the policy engine's answer, or nothing while the
 * identity's linked user is blocked. The Edge Client API and the console's overview both ask here.
 */
export function servicePermissions(catalog: ServiceCatalog, identity: Pick<ZitiIdentity, 'peerId' | 'roleAttributes'>, r: ServiceResource, userBlocked: boolean): ZitiPermission[] {
  return userBlocked ? [] : permissionsFor(catalog, identity, r);
}

async function visibleServices(db: Tx, caller: ZitiCaller): Promise<{ catalog: ServiceCatalog; services: ZitiService[] }> {
  const [catalog, blocked] = await Promise.all([loadServiceCatalog(db, caller.accountId), linkedUserBlocked(db, caller)]);
  const services = catalog.resources
    .map((r) => ({ ...r, permissions: servicePermissions(catalog, caller.identity, r, blocked), createdAt: timeOfId(r.id) }))
    .filter((s) => caller.identity.isAdmin || s.permissions.length > 0);
  return { catalog, services };
}

function roleMatches(role: string, s: ZitiService): boolean {
  if (role === '#all') return true;
  if (role.startsWith('#')) return s.roleAttributes.includes(role.slice(1));
  if (role.startsWith('@')) return s.id === role.slice(1);
  throw new ValidationError(`role filter ${JSON.stringify(role)} must start with # (attribute) or @ (id)`, 'value', 'roleFilter');
}

export async function listServices(db: Tx, caller: ZitiCaller, opts: ServiceListOptions): Promise<Page<ZitiService>> {
  const semantic = opts.roleSemantic || 'anyOf';
  if (semantic !== 'anyOf' && semantic !== 'allOf') throw new ValidationError('roleSemantic must be anyOf or allOf', 'value', 'roleSemantic');
  let { services } = await visibleServices(db, caller);
  const roles = opts.roleFilter ?? [];
  if (roles.length) {
    services = services.filter((s) => (semantic === 'allOf' ? roles.every((r) => roleMatches(r, s)) : roles.some((r) => roleMatches(r, s))));
  }
  return applyQuery(services, SERVICE_FIELDS, opts.query, opts.page);
}

/** One service the caller may see (else 404, as for services of other accounts). */
export async function getService(db: Tx, caller: ZitiCaller, id: string): Promise<ZitiService & { catalog: ServiceCatalog }> {
  const { catalog, services } = await visibleServices(db, caller);
  const s = services.find((x) => x.id === id);
  if (!s) throw zitiErrors.notFound();
  return { ...s, catalog };
}

export interface ServiceChangeInput {
  name?: string;
  roleAttributes?: string[] | null;
}

/** Admin identities act on the account as an admin would; audit entries name the identity. */
function adminActor(caller: ZitiCaller): Actor {
  if (!caller.identity.isAdmin) throw zitiErrors.unauthorized('Only admin identities may change services');
  return { userId: caller.identity.userId ?? caller.identity.id, accountId: caller.accountId, role: 'admin', name: caller.identity.name, email: '', via: 'token' };
}

async function resourceOf(db: Tx, caller: ZitiCaller, id: string) {
  const r = await db.networkResource.findFirst({ where: { id, accountId: caller.accountId }, include: { groups: { select: { groupId: true } } } });
  if (!r) throw new NotFoundError('service', id);
  return r;
}

/** A service change and the network it belongs to. */
export interface ServiceChange {
  change: ResourceChange;
  network: Network;
}

/** Every peer's map may change with a service: bump the serial, record the resource's entries. */
async function finish(db: Tx, caller: ZitiCaller, verb: 'update' | 'delete', c: ServiceChange): Promise<ServiceChange> {
  await bumpNetworkSerial(db, caller.accountId);
  for (const e of await resourceEntries(db, verb, c.change, c.network)) await recordByCaller(db, caller, e);
  return c;
}

/** PUT (`replace`: absent role attributes mean none) or PATCH (absent fields stay). */
export async function changeService(db: Tx, caller: ZitiCaller, id: string, input: ServiceChangeInput, replace: boolean): Promise<ServiceChange> {
  const actor = adminActor(caller);
  const r = await resourceOf(db, caller, id);
  let groups = r.groups.map((g) => g.groupId);
  if (input.roleAttributes !== undefined || replace) {
    const names = input.roleAttributes ?? [];
    const found = await inChunks(names, (chunk) => db.group.findMany({ where: { accountId: caller.accountId, name: { in: chunk } }, select: { id: true, name: true } }));
    const missing = names.find((n) => !found.some((g) => g.name === n));
    if (missing !== undefined) throw new ValidationError(`roleAttributes: no group named ${JSON.stringify(missing)}; role attributes are group names`, 'value', 'roleAttributes');
    groups = found.map((g) => g.id);
  }
  const change = await updateResource(db, actor, r.networkId, r.id, { name: input.name ?? r.name, description: r.description, address: r.address, enabled: r.enabled, groups });
  return finish(db, caller, 'update', { change, network: await findNetwork(db, actor, r.networkId) });
}

/** Deletes the resource; its Ziti sessions end with it. */
export async function removeService(db: Tx, caller: ZitiCaller, id: string): Promise<ServiceChange> {
  const actor = adminActor(caller);
  const r = await resourceOf(db, caller, id);
  const network = await findNetwork(db, actor, r.networkId);
  const change = await deleteResource(db, actor, r.networkId, r.id);
  await db.zitiSession.deleteMany({ where: { accountId: caller.accountId, serviceId: r.id } });
  return finish(db, caller, 'delete', { change, network });
}

/**
 * When what the caller may see last changed, for clients polling service-updates: the account's
 * latest recorded change (every change of resources, groups, policies or peers is audited), but not
 * before the API session began.
 */
export async function lastServiceChange(db: Tx, caller: ZitiCaller): Promise<Date> {
  const last = await db.auditEvent.findFirst({ where: { accountId: caller.accountId }, orderBy: { timestamp: 'desc' }, select: { timestamp: true } });
  const start = caller.apiSession.createdAt;
  return last && last.timestamp > start ? last.timestamp : start;
}
