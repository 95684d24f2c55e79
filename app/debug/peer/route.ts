import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { nodeAddress } from '@/lib/dialects/zerotier/params';
import { debugPeer } from '@/lib/domain/zerotier/debug';
import { route } from '@/lib/http/route';

// GET /debug/peer?ztaddr=<address>
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) =>
  jsonpOr(url, await debugPeer(db, actor, nodeAddress(url.searchParams.get('ztaddr'), 'ztaddr (10 hex digits)'))),
);
