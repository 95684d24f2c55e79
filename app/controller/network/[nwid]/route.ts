import { networkBody, toZtNetwork } from '@/lib/dialects/zerotier/controller';
import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { controllerNetworkTarget, networkId } from '@/lib/dialects/zerotier/params';
import { deleteNetwork, memberCounts, requireNetwork, saveNetwork } from '@/lib/domain/zerotier/networks';
import { approvalAuditEntries } from '@/lib/domain/zerotier/approval';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) => {
  const n = await requireNetwork(db, actor, networkId(params.nwid));
  return jsonpOr(url, toZtNetwork(n, (await memberCounts(db, [n.id])).get(n.id)));
});

// Create or update; `<controller address>______` creates a network with a random free id.
export const POST = route({ dialect: zerotier, body: networkBody }, async ({ db, actor, params, body, audit }) => {
  const target = controllerNetworkTarget(params.nwid);
  const w = await saveNetwork(db, actor, target, body);
  const n = w.network;
  if (w.created) audit({ code: 'zerotier.network.create', activity: 'ZeroTier network created', targetId: n.nwid, meta: { name: n.name } });
  else if (w.changed.length) audit({ code: 'zerotier.network.update', activity: 'ZeroTier network updated', targetId: n.nwid, meta: { name: n.name, fields: w.changed, addresses_assigned: w.assigned } });
  return toZtNetwork(n, (await memberCounts(db, [n.id])).get(n.id));
});

export const PUT = POST;

export const DELETE = route({ dialect: zerotier }, async ({ db, actor, params, audit }) => {
  const { network, members, approvals } = await deleteNetwork(db, actor, networkId(params.nwid));
  audit({ code: 'zerotier.network.delete', activity: 'ZeroTier network deleted', targetId: network.nwid, meta: { name: network.name, members } });
  for (const e of approvalAuditEntries(approvals, network.nwid)) audit(e);
  return toZtNetwork(network, { total: 0, authorized: 0 });
});
