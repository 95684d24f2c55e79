import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdRouter, networkRouterRequest, toNetbirdRouter } from '@/lib/dialects/netbird/networks';
import { routerEntry } from '@/lib/domain/networks/audit';
import { createRouter, listRouters } from '@/lib/domain/networks/routers';
import { findNetwork } from '@/lib/domain/networks/networks';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  (await listRouters(db, actor, params.networkId)).map(toNetbirdRouter),
);

export const POST = route({ dialect: netbird, body: networkRouterRequest }, async ({ db, actor, params, body, audit }) => {
  const r = await createRouter(db, actor, params.networkId, fromNetbirdRouter(body));
  await bumpNetworkSerial(db, actor.accountId);
  audit(routerEntry('create', r, await findNetwork(db, actor, params.networkId)));
  return toNetbirdRouter(r);
});
