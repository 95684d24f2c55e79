// Sets the device's IPv4 address (inside the tailnet's range and free).
import { setDeviceIp } from '@/lib/domain/peers/devices';
import { ipRequest } from '@/lib/dialects/tailscale/devices';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { done } from '@/lib/http/tailscale';

export const POST = route({ dialect: tailscale, body: ipRequest }, async ({ db, actor, params, body }) => {
  await setDeviceIp(db, actor, params.deviceId, body.ipv4);
  return done();
});
