import { netbird } from '@/lib/http/dialects/netbird';
import { simulatorOptions } from '@/lib/domain/access/simulator-targets';
import { route } from '@/lib/http/route';

/** What the access simulator's pickers offer: peers (the first few hundred by name), users, groups, routes, resources. */
export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => simulatorOptions(db, actor.accountId));
