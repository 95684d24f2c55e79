import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { listNetworkIds } from '@/lib/domain/zerotier/networks';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) => jsonpOr(url, await listNetworkIds(db, actor)));
