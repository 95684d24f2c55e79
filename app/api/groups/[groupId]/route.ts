import { netbird } from '@/lib/http/dialects/netbird';
import { groupAuditEntries, groupInput, groupRequest, toNetbirdGroup } from '@/lib/dialects/netbird/groups';
import { deleteGroup, getGroup, updateGroup } from '@/lib/domain/groups/groups';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdGroup(await getGroup(db, actor, params.groupId)),
);

export const PUT = route({ dialect: netbird, body: groupRequest }, async ({ db, actor, params, body, audit }) => {
  const change = await updateGroup(db, actor, params.groupId, groupInput(body));
  groupAuditEntries(change, 'group.update', 'Group updated').forEach(audit);
  return toNetbirdGroup(change.group);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const group = await deleteGroup(db, actor, params.groupId);
  audit({ code: 'group.delete', activity: 'Group deleted', targetId: group.id, meta: { name: group.name } });
  return {};
});
