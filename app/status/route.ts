import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { toZtStatus } from '@/lib/dialects/zerotier/service';
import { nodeIdentity } from '@/lib/domain/zerotier/identity';
import { effectiveSettings } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

// Node status: meshdeck's controller node; "online" because it answers from a working database.
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) =>
  jsonpOr(url, toZtStatus(await nodeIdentity(db), await effectiveSettings(db, actor.accountId), true)),
);
