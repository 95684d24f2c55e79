import { netbird } from '@/lib/dialects/netbird/dialect';
import { fromNetbirdRouter, networkRouterRequest, toNetbirdRouter } from '@/lib/dialects/netbird/networks';
import { routerEntry } from '@/lib/domain/network-audit';
import { createRouter, listRouters } from '@/lib/domain/network-routers';
import { findNetwork } from '@/lib/domain/networks';
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
