import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdToken } from '@/lib/dialects/netbird/users';
import { deleteToken, getToken } from '@/lib/domain/users/tokens';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird }, async ({ db, actor, params }) =>
  toNetbirdToken(await getToken(db, actor, params.userId, params.tokenId)),
);

export const DELETE = route({ dialect: netbird, permission: 'self' }, async ({ db, actor, params, audit }) => {
  const token = await deleteToken(db, actor, params.userId, params.tokenId);
  audit({ code: 'personal.access.token.delete', activity: 'Personal access token deleted', targetId: token.id, meta: { name: token.name, user_id: token.userId } });
  return {};
});
