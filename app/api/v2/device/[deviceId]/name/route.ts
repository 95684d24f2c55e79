// Renames a device (its machine name, or its full MagicDNS name; empty = the OS hostname).
import { renameDevice } from '@/lib/domain/peers/devices';
import { nameRequest } from '@/lib/dialects/tailscale/devices';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { done } from '@/lib/http/tailscale';

export const POST = route({ dialect: tailscale, body: nameRequest }, async ({ db, actor, params, body }) => {
  await renameDevice(db, actor, params.deviceId, body.name);
  return done();
});
