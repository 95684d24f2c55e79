import { netbird } from '@/lib/http/dialects/netbird';
import { groupInput, groupListQuery, groupRequest, toNetbirdGroup } from '@/lib/dialects/netbird/groups';
import { createGroup, listGroups } from '@/lib/domain/groups/groups';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit', query: groupListQuery }, async ({ db, actor, query }) =>
  (await listGroups(db, actor, query.name)).map(toNetbirdGroup),
);

export const POST = route({ dialect: netbird, body: groupRequest }, async ({ db, actor, body }) =>
  toNetbirdGroup((await createGroup(db, actor, groupInput(body))).group),
);
