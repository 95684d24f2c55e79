import { ziti } from '@/lib/http/dialects/ziti';
import { emptyEnvelope, envelope } from '@/lib/dialects/ziti/envelope';
import { requestedConfigTypes, servicePatch, serviceUpdate, toZitiService } from '@/lib/dialects/ziti/services';
import { resourceEntries } from '@/lib/domain/networks/audit';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import type { ZitiCaller } from '@/lib/domain/ziti/api-sessions';
import { changeService, getService, removeService, type ServiceChange } from '@/lib/domain/ziti/services';
import type { Tx } from '@/lib/db/client';
import type { AuditEntry } from '@/lib/domain/audit';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, params, url }) =>
  envelope(toZitiService(await getService(db, caller, params.id), requestedConfigTypes(url, caller))),
);

async function finish(db: Tx, caller: ZitiCaller, verb: 'update' | 'delete', { change, network }: ServiceChange, audit: (e: AuditEntry) => void) {
  await bumpNetworkSerial(db, caller.accountId);
  for (const e of await resourceEntries(db, verb, change, network)) audit(e);
  return emptyEnvelope();
}

export const PUT = route({ dialect: ziti, permission: 'ziti', body: serviceUpdate }, async ({ db, ziti: caller, params, body, audit }) =>
  finish(db, caller, 'update', await changeService(db, caller, params.id, body, true), audit),
);

export const PATCH = route({ dialect: ziti, permission: 'ziti', body: servicePatch }, async ({ db, ziti: caller, params, body, audit }) =>
  finish(db, caller, 'update', await changeService(db, caller, params.id, body, false), audit),
);

export const DELETE = route({ dialect: ziti, permission: 'ziti' }, async ({ db, ziti: caller, params, audit }) =>
  finish(db, caller, 'delete', await removeService(db, caller, params.id), audit),
);
