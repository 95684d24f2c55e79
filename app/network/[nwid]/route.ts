import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { networkId } from '@/lib/dialects/zerotier/params';
import { joinBody, toZtJoinedNetwork } from '@/lib/dialects/zerotier/service';
import { getJoined, joinNetwork, leaveNetwork } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) =>
  jsonpOr(url, toZtJoinedNetwork(await getJoined(db, actor, networkId(params.nwid)))),
);

// Join (or change the allow* settings of) a network.
export const POST = route({ dialect: zerotier, body: joinBody }, async ({ db, actor, params, body }) => {
  const { joined } = await joinNetwork(db, actor, networkId(params.nwid), body);
  return toZtJoinedNetwork(joined);
});

export const PUT = POST;

// Leave a network.
export const DELETE = route({ dialect: zerotier }, async ({ db, actor, params }) => {
  await leaveNetwork(db, actor, networkId(params.nwid));
  return { result: true };
});
