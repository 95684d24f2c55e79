import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { networkId } from '@/lib/dialects/zerotier/params';
import { listMemberRevisions } from '@/lib/domain/zerotier/members';
import { route } from '@/lib/http/route';

// Member ids → their revision counters.
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, params, url }) =>
  jsonpOr(url, await listMemberRevisions(db, actor, networkId(params.nwid))),
);
