import { netbird } from '@/lib/http/dialects/netbird';
import { networkResourceRequest, toNetbirdResource } from '@/lib/dialects/netbird/networks';
import { groupSummaries } from '@/lib/domain/groups/summaries';
import { deleteNetworkResource, getResource, updateNetworkResource } from '@/lib/domain/networks/resources';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => {
  const r = await getResource(db, actor, params.networkId, params.resourceId);
  return toNetbirdResource(r, await groupSummaries(db, actor.accountId, r.groupIds));
});

export const PUT = route({ dialect: netbird, body: networkResourceRequest }, async ({ db, actor, params, body }) => {
  const { resource } = await updateNetworkResource(db, actor, params.networkId, params.resourceId, body);
  return toNetbirdResource(resource, await groupSummaries(db, actor.accountId, resource.groupIds));
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deleteNetworkResource(db, actor, params.networkId, params.resourceId);
  return {};
});
