// Ziti API sessions and service sessions as an account's admins see them (console / API token):
// list them, and revoke one. Revoking an API session ends its token at once (the next Edge Client
// API call with it is 401) and, by cascade, its service sessions and session certificates; revoking
// a service session ends that one Dial/Bind right. Everything is scoped by actor.accountId, so
// another account's ids are simply not found.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { ZitiApiSession, ZitiSession } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { NotFoundError } from '../errors';

type Scope = Pick<Actor, 'accountId'>;

export type ApiSessionRow = ZitiApiSession & { identity: { id: string; name: string }; _count: { sessions: number } };

export async function listApiSessions(db: Tx, actor: Scope): Promise<ApiSessionRow[]> {
  return db.zitiApiSession.findMany({
    where: { accountId: actor.accountId },
    include: { identity: { select: { id: true, name: true } }, _count: { select: { sessions: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
}

/** Revokes (and records) the API session. */
export async function revokeApiSession(db: Tx, actor: Actor, id: string): Promise<ApiSessionRow> {
  const row = await db.zitiApiSession.findFirst({
    where: { id, accountId: actor.accountId },
    include: { identity: { select: { id: true, name: true } }, _count: { select: { sessions: true } } },
  });
  if (!row) throw new NotFoundError('API session', id);
  await db.zitiApiSession.delete({ where: { id: row.id } });
  await recordChange(db, actor, {
    code: 'ziti.api-session.delete',
    activity: 'Ziti API session revoked',
    targetId: row.id,
    meta: { identity_id: row.identity.id, identity_name: row.identity.name, sessions: row._count.sessions },
  });
  return row;
}

export interface ServiceSessionRow {
  session: ZitiSession;
  identityName: string;
  /** Empty when the network resource is gone (NetBird's API deletes resources without their sessions). */
  serviceName: string;
}

async function withNames(db: Tx, accountId: string, sessions: (ZitiSession & { identity: { name: string } })[]): Promise<ServiceSessionRow[]> {
  const serviceIds = [...new Set(sessions.map((s) => s.serviceId))];
  const resources = await inChunks(serviceIds, (chunk) => db.networkResource.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, name: true } }));
  const names = new Map(resources.map((r) => [r.id, r.name]));
  return sessions.map(({ identity, ...session }) => ({ session, identityName: identity.name, serviceName: names.get(session.serviceId) ?? '' }));
}

export async function listServiceSessions(db: Tx, actor: Scope): Promise<ServiceSessionRow[]> {
  const sessions = await db.zitiSession.findMany({
    where: { accountId: actor.accountId },
    include: { identity: { select: { name: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  return withNames(db, actor.accountId, sessions);
}

/** Revokes (and records) the service session. */
export async function revokeServiceSession(db: Tx, actor: Actor, id: string): Promise<ServiceSessionRow> {
  const session = await db.zitiSession.findFirst({ where: { id, accountId: actor.accountId }, include: { identity: { select: { name: true } } } });
  if (!session) throw new NotFoundError('session', id);
  await db.zitiSession.delete({ where: { id: session.id } });
  const [row] = await withNames(db, actor.accountId, [session]);
  await recordChange(db, actor, {
    code: 'ziti.session.delete',
    activity: `Ziti ${row.session.type} session revoked`,
    targetId: row.session.id,
    meta: { service_id: row.session.serviceId, service_name: row.serviceName, type: row.session.type, identity_id: row.session.identityId, identity_name: row.identityName },
  });
  return row;
}
