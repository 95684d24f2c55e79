import { netbird } from '@/lib/http/dialects/netbird';
import { toNetbirdToken } from '@/lib/dialects/netbird/users';
import { deleteToken, getToken } from '@/lib/domain/users/tokens';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird }, async ({ db, actor, params }) =>
  toNetbirdToken(await getToken(db, actor, params.userId, params.tokenId)),
);

export const DELETE = route({ dialect: netbird, permission: 'self' }, async ({ db, actor, params }) => {
  await deleteToken(db, actor, params.userId, params.tokenId);
  return {};
});
