import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdRoute, routeRequest, toNetbirdRoute } from '@/lib/dialects/netbird/routes';
import { deleteRoute, getRoute, routeAuditMeta, updateRoute } from '@/lib/domain/networks/routes';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => toNetbirdRoute(await getRoute(db, actor, params.routeId)));

export const PUT = route({ dialect: netbird, body: routeRequest }, async ({ db, actor, params, body, audit }) => {
  const r = await updateRoute(db, actor, params.routeId, fromNetbirdRoute(body));
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'route.update', activity: 'Route updated', targetId: r.id, meta: routeAuditMeta(r) });
  return toNetbirdRoute(r);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const r = await deleteRoute(db, actor, params.routeId);
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'route.delete', activity: 'Route deleted', targetId: r.id, meta: routeAuditMeta(r) });
  return {};
});
