import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdSetupKey, updateSetupKeyRequest } from '@/lib/dialects/netbird/setup-keys';
import { deleteSetupKey, getSetupKey, updateSetupKey } from '@/lib/domain/peers/setup-keys';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdSetupKey(await getSetupKey(db, actor, params.keyId)),
);

export const PUT = route({ dialect: netbird, body: updateSetupKeyRequest }, async ({ db, actor, params, body, audit }) => {
  const r = await updateSetupKey(db, actor, params.keyId, { revoked: body.revoked, autoGroups: body.auto_groups });
  const meta = { name: r.key.name };
  if (r.revokedNow) audit({ code: 'setupkey.revoke', activity: 'Setup key revoked', targetId: r.key.id, meta });
  for (const g of r.groupsAdded) audit({ code: 'setupkey.group.add', activity: 'Group added to setup key', targetId: r.key.id, meta: { ...meta, group: g } });
  for (const g of r.groupsRemoved) audit({ code: 'setupkey.group.delete', activity: 'Group removed from setup key', targetId: r.key.id, meta: { ...meta, group: g } });
  if (!r.revokedNow && !r.groupsAdded.length && !r.groupsRemoved.length) audit({ code: 'setupkey.update', activity: 'Setup key updated', targetId: r.key.id, meta });
  return toNetbirdSetupKey(r.key);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const key = await deleteSetupKey(db, actor, params.keyId);
  audit({ code: 'setupkey.delete', activity: 'Setup key deleted', targetId: key.id, meta: { name: key.name } });
  return {};
});
