// Replaces a device's tags (each defined in the policy's tagOwners and owned by the caller).
import { setDeviceTags } from '@/lib/domain/peers/devices';
import { tagsRequest } from '@/lib/dialects/tailscale/devices';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { done } from '@/lib/http/tailscale';

export const POST = route({ dialect: tailscale, body: tagsRequest }, async ({ db, actor, params, body }) => {
  await setDeviceTags(db, actor, params.deviceId, body.tags);
  return done();
});
