import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdRouter, networkRouterRequest, toNetbirdRouter } from '@/lib/dialects/netbird/networks';
import { routerEntry } from '@/lib/domain/networks/audit';
import { deleteRouter, getRouter, updateRouter } from '@/lib/domain/networks/routers';
import { findNetwork } from '@/lib/domain/networks/networks';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdRouter(await getRouter(db, actor, params.networkId, params.routerId)),
);

export const PUT = route({ dialect: netbird, body: networkRouterRequest }, async ({ db, actor, params, body, audit }) => {
  const r = await updateRouter(db, actor, params.networkId, params.routerId, fromNetbirdRouter(body));
  await bumpNetworkSerial(db, actor.accountId);
  audit(routerEntry('update', r, await findNetwork(db, actor, params.networkId)));
  return toNetbirdRouter(r);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const r = await deleteRouter(db, actor, params.networkId, params.routerId);
  await bumpNetworkSerial(db, actor.accountId);
  audit(routerEntry('delete', r, await findNetwork(db, actor, params.networkId)));
  return {};
});
