import { toZtNetwork } from '@/lib/dialects/zerotier/controller';
import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { listNetworks, memberCounts } from '@/lib/domain/zerotier/networks';
import { route } from '@/lib/http/route';

// Every network object at once, in ZeroTier's {data, meta} envelope.
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) => {
  const networks = await listNetworks(db, actor);
  const counts = await memberCounts(db, networks.map((n) => n.id));
  return jsonpOr(url, { data: networks.map((n) => toZtNetwork(n, counts.get(n.id))), meta: { networkCount: networks.length } });
});
