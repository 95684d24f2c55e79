import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdRouter, networkRouterRequest, toNetbirdRouter } from '@/lib/dialects/netbird/networks';
import { createRouter, listRouters } from '@/lib/domain/networks/routers';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  (await listRouters(db, actor, params.networkId)).map(toNetbirdRouter),
);

export const POST = route({ dialect: netbird, body: networkRouterRequest }, async ({ db, actor, params, body }) =>
  toNetbirdRouter(await createRouter(db, actor, params.networkId, fromNetbirdRouter(body))),
);
