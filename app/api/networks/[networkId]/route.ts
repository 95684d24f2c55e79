import { netbird } from '@/lib/http/dialects/netbird';
import { networkRequest, toNetbirdNetwork } from '@/lib/dialects/netbird/networks';
import { networkEntry, resourceEntries, routerEntry } from '@/lib/domain/networks/audit';
import { deleteNetwork, getNetwork, updateNetwork } from '@/lib/domain/networks/networks';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => toNetbirdNetwork(await getNetwork(db, actor, params.networkId)));

export const PUT = route({ dialect: netbird, body: networkRequest }, async ({ db, actor, params, body, audit }) => {
  const v = await updateNetwork(db, actor, params.networkId, body);
  await bumpNetworkSerial(db, actor.accountId);
  audit(networkEntry('update', v.network));
  return toNetbirdNetwork(v);
});

// Deleting a network deletes its resources (leaving their groups) and routers, each audited.
export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const { network, resources, routers } = await deleteNetwork(db, actor, params.networkId);
  await bumpNetworkSerial(db, actor.accountId);
  for (const r of resources) {
    for (const e of await resourceEntries(db, 'delete', { resource: r, addedGroups: [], removedGroups: r.groupIds }, network)) audit(e);
  }
  for (const r of routers) audit(routerEntry('delete', r, network));
  audit(networkEntry('delete', network));
  return {};
});
