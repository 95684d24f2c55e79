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

// No route transaction: the permission decision reads the shared access model; createSession
// writes the session and its audit entry in a transaction of its own.
export const POST = route({ dialect: ziti, permission: 'ziti', body: sessionCreate, transaction: false }, async ({ db, ziti: caller, body }) => {
  const view = await createSession(db, caller, body);
  return reply(envelope(toZitiSession(view)), 201);
});
