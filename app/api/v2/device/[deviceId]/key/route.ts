// Turns the device's key expiry (its login expiration) off or back on.
import { setDeviceKeyExpiry } from '@/lib/domain/peers/devices';
import { keyRequest } from '@/lib/dialects/tailscale/devices';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { done } from '@/lib/http/tailscale';

export const POST = route({ dialect: tailscale, body: keyRequest }, async ({ db, actor, params, body }) => {
  await setDeviceKeyExpiry(db, actor, params.deviceId, body.keyExpiryDisabled);
  return done();
});
