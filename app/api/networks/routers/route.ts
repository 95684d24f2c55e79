import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdRouter } from '@/lib/dialects/netbird/networks';
import { listAllRouters } from '@/lib/domain/networks/routers';
import { route } from '@/lib/http/route';

// Every router of every network of the account (the static segment wins over [networkId]).
export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => (await listAllRouters(db, actor)).map(toNetbirdRouter));
