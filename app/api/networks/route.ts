import { netbird } from '@/lib/http/dialects/netbird';
import { networkRequest, toNetbirdNetwork } from '@/lib/dialects/netbird/networks';
import { createNetwork, listNetworks } from '@/lib/domain/networks/networks';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => (await listNetworks(db, actor)).map(toNetbirdNetwork));

export const POST = route({ dialect: netbird, body: networkRequest }, async ({ db, actor, body }) => toNetbirdNetwork(await createNetwork(db, actor, body)));
