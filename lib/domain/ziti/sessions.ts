// Ziti sessions: an API session's right to Dial or Bind one service, granted only when the policy
// engine gives the identity that permission (service-access.ts); refused as Ziti refuses it:
// a service the identity cannot see at all is 404 NOT_FOUND, a missing permission a field error.
//
// The session token is derived (HMAC of the session id under the server key) rather than stored:
// the database keeps only its hash, yet the owner can read it again (Ziti SDKs refresh sessions
// with GET /sessions/{id} and use the token they get back).
import { createHmac } from 'node:crypto';
import { atomically, type Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { ZitiSession } from '../../db/models';
import { CodedError } from '../errors';
import { newId } from '../ids';
import { hashSecret } from '../secrets';
import type { ZitiCaller } from './api-sessions';
import { recordByCaller } from './activity';
import { serviceEdgeRouters, type EdgeRouter } from './edge-routers';
import { zitiErrors } from './errors';
import { applyQuery, type Fields, type ListQuery, type Page } from './query';
import { serverKey } from './server-key';
import { getService } from './services';
import type { ZitiPermission } from './service-access';

export interface SessionView {
  session: ZitiSession;
  token: string;
  serviceName: string;
  edgeRouters: EdgeRouter[];
}

export const SESSION_FIELDS: Fields<ZitiSession> = {
  id: (s) => s.id,
  type: (s) => s.type,
  serviceId: (s) => s.serviceId,
  apiSessionId: (s) => s.apiSessionId,
  identityId: (s) => s.identityId,
  createdAt: (s) => s.createdAt,
  updatedAt: (s) => s.updatedAt,
};

function tokenOf(sessionId: string): string {
  const h = createHmac('sha256', serverKey()).update(`ziti-session:${sessionId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Ziti's refusal of a session the policy does not allow (openziti: FieldError "service not found"). */
const notPermitted = (type: ZitiPermission, serviceId: string) =>
  new CodedError(400, 'INVALID_FIELD', `service not found: the identity may not ${type} service ${serviceId}`);

/** A Dial or Bind session on a service the policy lets the identity use; recorded. */
export async function createSession(db: Tx, caller: ZitiCaller, input: { serviceId: string; type?: string }): Promise<SessionView> {
  const type = (input.type || 'Dial') as ZitiPermission;
  if (type !== 'Dial' && type !== 'Bind') throw zitiErrors.couldNotValidate(`type must be Dial or Bind, not ${JSON.stringify(input.type)}`);
  // The decision reads the account's shared access model: called outside a transaction (the route
  // opens none), it is the cached one; inside a write transaction it would be built afresh per
  // session from the transaction's own rows (lib/domain/access/network-map.ts), while holding it.
  const service = await getService(db, caller, input.serviceId);
  if (!service.permissions.includes(type)) throw notPermitted(type, service.id);
  const edgeRouters = await serviceEdgeRouters(db, caller, service.catalog, service.networkId);
  const id = newId();
  const token = tokenOf(id);
  const session = await atomically(db, async (tx) => {
    const created = await tx.zitiSession.create({
      data: { id, accountId: caller.accountId, apiSessionId: caller.apiSession.id, identityId: caller.identity.id, serviceId: service.id, type, tokenHash: hashSecret(token) },
    });
    await recordByCaller(tx, caller, {
      code: 'ziti.session.create',
      activity: `Ziti ${created.type} session created`,
      targetId: created.id,
      meta: { service_id: created.serviceId, service_name: service.name, type: created.type },
    });
    return created;
  });
  return { session, token, serviceName: service.name, edgeRouters };
}

/** Sessions of the caller's identity (every session of the account for admin identities). */
function scope(caller: ZitiCaller) {
  return caller.identity.isAdmin ? { accountId: caller.accountId } : { accountId: caller.accountId, identityId: caller.identity.id };
}

async function views(db: Tx, caller: ZitiCaller, sessions: ZitiSession[]): Promise<SessionView[]> {
  if (!sessions.length) return [];
  const serviceIds = [...new Set(sessions.map((s) => s.serviceId))];
  const resources = await inChunks(serviceIds, (chunk) => db.networkResource.findMany({ where: { accountId: caller.accountId, id: { in: chunk } }, select: { id: true, name: true } }));
  return sessions.map((session) => ({
    session,
    token: tokenOf(session.id),
    serviceName: resources.find((r) => r.id === session.serviceId)?.name ?? '',
    edgeRouters: [],
  }));
}

export async function listSessions(db: Tx, caller: ZitiCaller, query: ListQuery, page: { offset?: number; limit?: number }): Promise<Page<SessionView>> {
  const rows = await db.zitiSession.findMany({ where: scope(caller), orderBy: { id: 'asc' } });
  const result = applyQuery(rows, SESSION_FIELDS, query, page);
  return { ...result, items: await views(db, caller, result.items) };
}

export async function getSession(db: Tx, caller: ZitiCaller, id: string): Promise<SessionView> {
  const session = await db.zitiSession.findFirst({ where: { id, ...scope(caller) } });
  if (!session) throw zitiErrors.notFound();
  const [view] = await views(db, caller, [session]);
  // The policy may have changed since: the session stays readable, without routers to use.
  const service = await getService(db, caller, session.serviceId).catch(() => null);
  return { ...view, edgeRouters: service ? await serviceEdgeRouters(db, caller, service.catalog, service.networkId) : [] };
}

export async function deleteSession(db: Tx, caller: ZitiCaller, id: string): Promise<ZitiSession> {
  const session = await db.zitiSession.findFirst({ where: { id, ...scope(caller) } });
  if (!session) throw zitiErrors.notFound();
  await db.zitiSession.delete({ where: { id: session.id } });
  await recordByCaller(db, caller, { code: 'ziti.session.delete', activity: `Ziti ${session.type} session deleted`, targetId: session.id, meta: { service_id: session.serviceId, type: session.type } });
  return session;
}
