import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { moonId, nodeAddress } from '@/lib/dialects/zerotier/params';
import { moonBody, toZtMoon } from '@/lib/dialects/zerotier/service';
import { deorbitMoon, getMoon, orbitMoon } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) => jsonpOr(url, toZtMoon(await getMoon(db, actor, moonId(params.id)))));

// Orbit a moon: {"seed": "<10-hex-digit address of a root>"}; an orbited moon is answered as it is.
export const POST = route({ dialect: zerotier, body: moonBody }, async ({ db, actor, params, body }) => {
  const id = moonId(params.id);
  const seed = body.seed === undefined ? undefined : moonId(body.seed);
  const { moon } = await orbitMoon(db, actor, id, seed === undefined ? undefined : nodeAddress(seed));
  return toZtMoon(moon);
});

export const PUT = POST;

export const DELETE = route({ dialect: zerotier }, async ({ db, actor, params }) => {
  await deorbitMoon(db, actor, moonId(params.id));
  return { result: true };
});
