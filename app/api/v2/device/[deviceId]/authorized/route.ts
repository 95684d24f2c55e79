// Authorizes a device (approves the peer) or takes its authorization back.
import { authorizeDevice } from '@/lib/domain/peers/devices';
import { authorizedRequest } from '@/lib/dialects/tailscale/devices';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { done } from '@/lib/http/tailscale';

export const POST = route({ dialect: tailscale, body: authorizedRequest }, async ({ db, actor, params, body }) => {
  await authorizeDevice(db, actor, params.deviceId, body.authorized);
  return done();
});
