// One auth key; deleting it revokes it (Tailscale still answers it, marked invalid).
import { revokeAuthKey } from '@/lib/domain/peers/auth-keys';
import { getSetupKey } from '@/lib/domain/peers/setup-keys';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { toTailscaleKey } from '@/lib/dialects/tailscale/keys';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { done, tailnetParam } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return toTailscaleKey(await getSetupKey(db, actor, params.keyId));
});

export const DELETE = route({ dialect: tailscale }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  await revokeAuthKey(db, actor, params.keyId);
  return done();
});
