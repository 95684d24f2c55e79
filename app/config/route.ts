import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { toZtConfig } from '@/lib/dialects/zerotier/service';
import { storedSettings } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

// The node's local configuration (local.conf): the settings that were set.
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) => jsonpOr(url, toZtConfig(await storedSettings(db, actor.accountId))));
