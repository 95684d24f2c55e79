import { netbird } from '@/lib/http/dialects/netbird';
import { networkRequest, toNetbirdNetwork } from '@/lib/dialects/netbird/networks';
import { deleteNetwork, getNetwork, updateNetwork } from '@/lib/domain/networks/networks';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => toNetbirdNetwork(await getNetwork(db, actor, params.networkId)));

export const PUT = route({ dialect: netbird, body: networkRequest }, async ({ db, actor, params, body }) =>
  toNetbirdNetwork(await updateNetwork(db, actor, params.networkId, body)),
);

// Deleting a network deletes its resources (leaving their groups) and routers, each audited.
export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deleteNetwork(db, actor, params.networkId);
  return {};
});
