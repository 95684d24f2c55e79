import { ziti } from '@/lib/http/dialects/ziti';
import { envelope } from '@/lib/dialects/ziti/envelope';
import { listParams, listRequest, pageEnvelope } from '@/lib/dialects/ziti/paging';
import { sessionCreate, toZitiSession } from '@/lib/dialects/ziti/sessions';
import { createSession, listSessions, SESSION_FIELDS } from '@/lib/domain/ziti/sessions';
import { reply, route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti', query: listParams }, async ({ db, ziti: caller, query }) => {
  const { query: q, page } = listRequest(query);
  return pageEnvelope(await listSessions(db, caller, q, page), toZitiSession, Object.keys(SESSION_FIELDS));
});

export const POST = route({ dialect: ziti, permission: 'ziti', body: sessionCreate }, async ({ db, ziti: caller, body, audit }) => {
  const view = await createSession(db, caller, body);
  audit({ code: 'ziti.session.create', activity: `Ziti ${view.session.type} session created`, targetId: view.session.id, meta: { service_id: view.session.serviceId, service_name: view.serviceName, type: view.session.type } });
  return reply(envelope(toZitiSession(view)), 201);
});
