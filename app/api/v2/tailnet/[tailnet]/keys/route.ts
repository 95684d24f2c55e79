// Auth keys (= setup keys). Reading needs owner, admin or auditor, as NetBird's setup keys do;
// `?all=` is accepted, and every key of the account is listed since setup keys have no owner.
import { createAuthKey, listActiveAuthKeys } from '@/lib/domain/peers/auth-keys';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { createKeyRequest, listKeysQuery, toTailscaleKey } from '@/lib/dialects/tailscale/keys';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { tailnetParam } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, permission: 'audit', query: listKeysQuery }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { keys: (await listActiveAuthKeys(db, actor)).map((k) => toTailscaleKey(k)) };
});

export const POST = route({ dialect: tailscale, body: createKeyRequest }, async ({ db, actor, params, body }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  const create = body.capabilities.devices.create ?? {};
  const { plain, key } = await createAuthKey(db, actor, {
    description: body.description,
    expirySeconds: body.expirySeconds,
    reusable: create.reusable,
    ephemeral: create.ephemeral,
    preauthorized: create.preauthorized,
    tags: create.tags,
  });
  return toTailscaleKey(key, plain);
});
