import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { toZtMoon } from '@/lib/dialects/zerotier/service';
import { listMoons } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) => jsonpOr(url, (await listMoons(db, actor)).map(toZtMoon)));
