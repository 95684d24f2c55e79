import { ziti } from '@/lib/http/dialects/ziti';
import { emptyEnvelope, envelope } from '@/lib/dialects/ziti/envelope';
import { requestedConfigTypes, servicePatch, serviceUpdate, toZitiService } from '@/lib/dialects/ziti/services';
import { changeService, getService, removeService } from '@/lib/domain/ziti/services';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, params, url }) =>
  envelope(toZitiService(await getService(db, caller, params.id), requestedConfigTypes(url, caller))),
);

export const PUT = route({ dialect: ziti, permission: 'ziti', body: serviceUpdate }, async ({ db, ziti: caller, params, body }) => {
  await changeService(db, caller, params.id, body, true);
  return emptyEnvelope();
});

export const PATCH = route({ dialect: ziti, permission: 'ziti', body: servicePatch }, async ({ db, ziti: caller, params, body }) => {
  await changeService(db, caller, params.id, body, false);
  return emptyEnvelope();
});

export const DELETE = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, params }) => {
  await removeService(db, caller, params.id);
  return emptyEnvelope();
});
