import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdRoute, routeRequest, toNetbirdRoute } from '@/lib/dialects/netbird/routes';
import { createRoute, listRoutes, routeAuditMeta } from '@/lib/domain/networks/routes';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => (await listRoutes(db, actor)).map(toNetbirdRoute));

export const POST = route({ dialect: netbird, body: routeRequest }, async ({ db, actor, body, audit }) => {
  const r = await createRoute(db, actor, fromNetbirdRoute(body));
  await bumpNetworkSerial(db, actor.accountId);
  audit({ code: 'route.add', activity: 'Route created', targetId: r.id, meta: routeAuditMeta(r) });
  return toNetbirdRoute(r);
});
