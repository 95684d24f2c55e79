import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdRouter, networkRouterRequest, toNetbirdRouter } from '@/lib/dialects/netbird/networks';
import { deleteRouter, getRouter, updateRouter } from '@/lib/domain/networks/routers';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdRouter(await getRouter(db, actor, params.networkId, params.routerId)),
);

export const PUT = route({ dialect: netbird, body: networkRouterRequest }, async ({ db, actor, params, body }) =>
  toNetbirdRouter(await updateRouter(db, actor, params.networkId, params.routerId, fromNetbirdRouter(body))),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deleteRouter(db, actor, params.networkId, params.routerId);
  return {};
});
