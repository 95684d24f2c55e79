import { ziti } from '@/lib/http/dialects/ziti';
import { emptyEnvelope, envelope } from '@/lib/dialects/ziti/envelope';
import { toZitiSession } from '@/lib/dialects/ziti/sessions';
import { deleteSession, getSession } from '@/lib/domain/ziti/sessions';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, params }) => envelope(toZitiSession(await getSession(db, caller, params.id))));

export const DELETE = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, params }) => {
  await deleteSession(db, caller, params.id);
  return emptyEnvelope();
});
