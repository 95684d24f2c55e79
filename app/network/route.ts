import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { toZtJoinedNetwork } from '@/lib/dialects/zerotier/service';
import { listJoined } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

// The networks meshdeck's node joined (per account).
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) => jsonpOr(url, (await listJoined(db, actor)).map(toZtJoinedNetwork)));
