import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { toZtPeer } from '@/lib/dialects/zerotier/service';
import { listKnownPeers } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

// The nodes meshdeck's node knows: the members of the account's networks.
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) => jsonpOr(url, (await listKnownPeers(db, actor)).map(toZtPeer)));
