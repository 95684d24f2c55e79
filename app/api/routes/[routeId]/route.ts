import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdRoute, routeRequest, toNetbirdRoute } from '@/lib/dialects/netbird/routes';
import { deleteRoute, getRoute, updateRoute } from '@/lib/domain/networks/routes';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => toNetbirdRoute(await getRoute(db, actor, params.routeId)));

export const PUT = route({ dialect: netbird, body: routeRequest }, async ({ db, actor, params, body }) =>
  toNetbirdRoute(await updateRoute(db, actor, params.routeId, fromNetbirdRoute(body))),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deleteRoute(db, actor, params.routeId);
  return {};
});
