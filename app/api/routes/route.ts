import { netbird } from '@/lib/http/dialects/netbird';
import { fromNetbirdRoute, routeRequest, toNetbirdRoute } from '@/lib/dialects/netbird/routes';
import { createRoute, listRoutes } from '@/lib/domain/networks/routes';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => (await listRoutes(db, actor)).map(toNetbirdRoute));

export const POST = route({ dialect: netbird, body: routeRequest }, async ({ db, actor, body }) => toNetbirdRoute(await createRoute(db, actor, fromNetbirdRoute(body))));
