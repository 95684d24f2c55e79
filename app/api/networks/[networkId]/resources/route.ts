import { netbird } from '@/lib/http/dialects/netbird';
import { networkResourceRequest, toNetbirdResource } from '@/lib/dialects/netbird/networks';
import { groupSummaries } from '@/lib/domain/groups/summaries';
import { createResource, listResources } from '@/lib/domain/networks/resources';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) => {
  const resources = await listResources(db, actor, params.networkId);
  const groups = await groupSummaries(db, actor.accountId, resources.flatMap((r) => r.groupIds));
  return resources.map((r) => toNetbirdResource(r, groups));
});

export const POST = route({ dialect: netbird, body: networkResourceRequest }, async ({ db, actor, params, body }) => {
  const { resource } = await createResource(db, actor, params.networkId, body);
  return toNetbirdResource(resource, await groupSummaries(db, actor.accountId, resource.groupIds));
});
