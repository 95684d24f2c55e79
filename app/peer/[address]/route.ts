import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { nodeAddress } from '@/lib/dialects/zerotier/params';
import { peerBody, toZtPeer } from '@/lib/dialects/zerotier/service';
import { getKnownPeer } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) =>
  jsonpOr(url, toZtPeer(await getKnownPeer(db, actor, nodeAddress(params.address)))),
);

// A peer object has no writable fields; POST takes a JSON object (unknown fields ignored, as
// ZeroTier does) and answers the peer, changing nothing.
export const POST = route({ dialect: zerotier, permission: 'admin', body: peerBody, readOnly: true }, async ({ db, actor, params }) =>
  toZtPeer(await getKnownPeer(db, actor, nodeAddress(params.address))),
);
