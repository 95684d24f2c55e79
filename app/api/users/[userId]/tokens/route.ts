import { netbird } from '@/lib/http/dialects/netbird';
import { tokenRequest, toNetbirdToken } from '@/lib/dialects/netbird/users';
import { createToken, listTokens } from '@/lib/domain/users/tokens';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird }, async ({ db, actor, params }) =>
  (await listTokens(db, actor, params.userId)).map(toNetbirdToken),
);

export const POST = route({ dialect: netbird, permission: 'self', body: tokenRequest }, async ({ db, actor, params, body }) => {
  const { plain, token } = await createToken(db, actor, params.userId, { name: body.name, expiresInDays: body.expires_in });
  return { plain_token: plain, personal_access_token: toNetbirdToken(token) };
});
