import { netbird } from '@/lib/http/dialects/netbird';
import { groupInput, groupRequest, toNetbirdGroup } from '@/lib/dialects/netbird/groups';
import { deleteGroup, getGroup, updateGroup } from '@/lib/domain/groups/groups';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdGroup(await getGroup(db, actor, params.groupId)),
);

export const PUT = route({ dialect: netbird, body: groupRequest }, async ({ db, actor, params, body }) =>
  toNetbirdGroup((await updateGroup(db, actor, params.groupId, groupInput(body))).group),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deleteGroup(db, actor, params.groupId);
  return {};
});
