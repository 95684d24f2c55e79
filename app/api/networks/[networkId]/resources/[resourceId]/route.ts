import { netbird } from '@/lib/http/dialects/netbird';
import { networkResourceRequest, toNetbirdResource } from '@/lib/dialects/netbird/networks';
import { groupSummaries } from '@/lib/domain/groups/summaries';
import { resourceEntries } from '@/lib/domain/networks/audit';
import { deleteResource, getResource, updateResource } from '@/lib/domain/networks/resources';
import { findNetwork } from '@/lib/domain/networks/networks';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => {
  const r = await getResource(db, actor, params.networkId, params.resourceId);
  return toNetbirdResource(r, await groupSummaries(db, actor.accountId, r.groupIds));
});

export const PUT = route({ dialect: netbird, body: networkResourceRequest }, async ({ db, actor, params, body, audit }) => {
  const change = await updateResource(db, actor, params.networkId, params.resourceId, body);
  await bumpNetworkSerial(db, actor.accountId);
  for (const e of await resourceEntries(db, 'update', change, await findNetwork(db, actor, params.networkId))) audit(e);
  return toNetbirdResource(change.resource, await groupSummaries(db, actor.accountId, change.resource.groupIds));
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const change = await deleteResource(db, actor, params.networkId, params.resourceId);
  await bumpNetworkSerial(db, actor.accountId);
  for (const e of await resourceEntries(db, 'delete', change, await findNetwork(db, actor, params.networkId))) audit(e);
  return {};
});
