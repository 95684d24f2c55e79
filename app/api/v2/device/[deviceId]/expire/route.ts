// Expires the device's login now: its agent is refused until it logs in again.
import { expireDevice } from '@/lib/domain/peers/devices';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { done } from '@/lib/http/tailscale';

export const POST = route({ dialect: tailscale }, async ({ db, actor, params }) => {
  await expireDevice(db, actor, params.deviceId);
  return done();
});
