import { netbird } from '@/lib/http/dialects/netbird';
import { networkResourceRequest, toNetbirdResource } from '@/lib/dialects/netbird/networks';
import { groupSummaries } from '@/lib/domain/groups/summaries';
import { resourceEntries } from '@/lib/domain/networks/audit';
import { createResource, listResources } from '@/lib/domain/networks/resources';
import { findNetwork } from '@/lib/domain/networks/networks';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => {
  const resources = await listResources(db, actor, params.networkId);
  const groups = await groupSummaries(db, actor.accountId, resources.flatMap((r) => r.groupIds));
  return resources.map((r) => toNetbirdResource(r, groups));
});

export const POST = route({ dialect: netbird, body: networkResourceRequest }, async ({ db, actor, params, body, audit }) => {
  const change = await createResource(db, actor, params.networkId, body);
  await bumpNetworkSerial(db, actor.accountId);
  for (const e of await resourceEntries(db, 'create', change, await findNetwork(db, actor, params.networkId))) audit(e);
  return toNetbirdResource(change.resource, await groupSummaries(db, actor.accountId, change.resource.groupIds));
});
