import { netbird } from '@/lib/http/dialects/netbird';
import { createSetupKeyRequest, toNetbirdSetupKey } from '@/lib/dialects/netbird/setup-keys';
import { createSetupKey, listSetupKeys } from '@/lib/domain/peers/setup-keys';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) =>
  (await listSetupKeys(db, actor)).map((k) => toNetbirdSetupKey(k)),
);

export const POST = route({ dialect: netbird, body: createSetupKeyRequest }, async ({ db, actor, body }) => {
  const { plain, key } = await createSetupKey(db, actor, {
    name: body.name,
    type: body.type,
    expiresIn: body.expires_in,
    autoGroups: body.auto_groups,
    usageLimit: body.usage_limit,
    ephemeral: body.ephemeral,
    allowExtraDnsLabels: body.allow_extra_dns_labels,
  });
  return toNetbirdSetupKey(key, plain);
});
