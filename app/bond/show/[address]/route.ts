import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { nodeAddress } from '@/lib/dialects/zerotier/params';
import { toZtPeer } from '@/lib/dialects/zerotier/service';
import { showBond } from '@/lib/domain/zerotier/bonds';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) => {
  const peer = toZtPeer(await showBond(db, actor, nodeAddress(params.address)));
  return jsonpOr(url, { ...peer, isBonded: false, bondingPolicy: 0, bondingPolicyStr: 'none', numAliveLinks: peer.paths.filter((p) => p.active).length, numTotalLinks: peer.paths.length, links: [] });
});
