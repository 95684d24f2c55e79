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
export const POST = route({ dialect: zerotier, body: joinBody }, async ({ db, actor, params, body, audit }) => {
  const nwid = networkId(params.nwid);
  const { joined, created, changed } = await joinNetwork(db, actor, nwid, body);
  if (created) audit({ code: 'zerotier.network.join', activity: 'ZeroTier network joined', targetId: nwid, meta: body });
  else if (changed) audit({ code: 'zerotier.network.join.update', activity: 'ZeroTier network settings changed', targetId: nwid, meta: body });
  return toZtJoinedNetwork(joined);
});

export const PUT = POST;

// Leave a network.
export const DELETE = route({ dialect: zerotier }, async ({ db, actor, params, audit }) => {
  const join = await leaveNetwork(db, actor, networkId(params.nwid));
  audit({ code: 'zerotier.network.leave', activity: 'ZeroTier network left', targetId: join.nwid });
  return { result: true };
});
