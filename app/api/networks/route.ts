import { netbird } from '@/lib/http/dialects/netbird';
import { networkRequest, toNetbirdNetwork } from '@/lib/dialects/netbird/networks';
import { networkEntry } from '@/lib/domain/networks/audit';
import { createNetwork, listNetworks } from '@/lib/domain/networks/networks';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => (await listNetworks(db, actor)).map(toNetbirdNetwork));

export const POST = route({ dialect: netbird, body: networkRequest }, async ({ db, actor, body, audit }) => {
  const v = await createNetwork(db, actor, body);
  await bumpNetworkSerial(db, actor.accountId);
  audit(networkEntry('create', v.network));
  return toNetbirdNetwork(v);
});
