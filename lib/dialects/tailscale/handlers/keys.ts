// Auth keys (= setup keys). Reading needs owner, admin or auditor, as NetBird's setup keys do;
// `?all=` is accepted, and every key of the account is listed since setup keys have no owner.
import { createAuthKey, listActiveAuthKeys, revokeAuthKey } from '../../../domain/peers/auth-keys';
import { getSetupKey } from '../../../domain/peers/setup-keys';
import { resolveTailnet } from '../../../domain/accounts/tailnet';
import { route } from '../../../http/route';
import { tailscale } from '../../../http/dialects/tailscale';
import { createKeyRequest, listKeysQuery, toTailscaleKey } from '../keys';
import { done, tailnetParam } from '../../../http/tailscale';

export const listKeys = route({ dialect: tailscale, permission: 'audit', query: listKeysQuery }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { keys: (await listActiveAuthKeys(db, actor)).map((k) => toTailscaleKey(k)) };
});

export const createKey = route({ dialect: tailscale, body: createKeyRequest }, async ({ db, actor, params, body, audit }) => {
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
  audit({ code: 'setupkey.add', activity: 'Setup key created', targetId: key.id, meta: { name: key.name, type: key.type } });
  return toTailscaleKey(key, plain);
});

export const getKey = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return toTailscaleKey(await getSetupKey(db, actor, params.keyId));
});

export const deleteKey = route({ dialect: tailscale }, async ({ db, actor, params, audit }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  const r = await revokeAuthKey(db, actor, params.keyId);
  if (r.revokedNow) audit({ code: 'setupkey.revoke', activity: 'Setup key revoked', targetId: r.key.id, meta: { name: r.key.name } });
  return done();
});
