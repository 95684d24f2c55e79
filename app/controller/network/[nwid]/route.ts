import { networkBody, toZtNetwork } from '@/lib/dialects/zerotier/controller';
import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { controllerNetworkTarget, networkId } from '@/lib/dialects/zerotier/params';
import { deleteNetwork, memberCounts, requireNetwork, saveNetwork } from '@/lib/domain/zerotier/networks';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) => {
  const n = await requireNetwork(db, actor, networkId(params.nwid));
  return jsonpOr(url, toZtNetwork(n, (await memberCounts(db, [n.id])).get(n.id)));
});

// Create or update; `<controller address>______` creates a network with a random free id.
export const POST = route({ dialect: zerotier, body: networkBody }, async ({ db, actor, params, body }) => {
  const { network: n } = await saveNetwork(db, actor, controllerNetworkTarget(params.nwid), body);
  return toZtNetwork(n, (await memberCounts(db, [n.id])).get(n.id));
});

export const PUT = POST;

export const DELETE = route({ dialect: zerotier }, async ({ db, actor, params }) => {
  const { network } = await deleteNetwork(db, actor, networkId(params.nwid));
  return toZtNetwork(network, { total: 0, authorized: 0 });
});
