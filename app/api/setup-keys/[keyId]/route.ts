import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdSetupKey, updateSetupKeyRequest } from '@/lib/dialects/netbird/setup-keys';
import { deleteSetupKey, getSetupKey, updateSetupKey } from '@/lib/domain/peers/setup-keys';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor, params }) =>
  toNetbirdSetupKey(await getSetupKey(db, actor, params.keyId)),
);

export const PUT = route({ dialect: netbird, body: updateSetupKeyRequest }, async ({ db, actor, params, body }) =>
  toNetbirdSetupKey((await updateSetupKey(db, actor, params.keyId, { revoked: body.revoked, autoGroups: body.auto_groups })).key),
);

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deleteSetupKey(db, actor, params.keyId);
  return {};
});
