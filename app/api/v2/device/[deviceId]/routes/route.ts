// The device's subnet routes: those it advertises and those enabled (each must be advertised).
import { setDeviceRoutes } from '@/lib/domain/peers/devices';
import { getPeer } from '@/lib/domain/peers/peers';
import { deviceRoutes, setRoutesRequest } from '@/lib/dialects/tailscale/devices';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: tailscale }, async ({ db, actor, params }) => deviceRoutes(await getPeer(db, actor, params.deviceId)));

export const POST = route({ dialect: tailscale, body: setRoutesRequest }, async ({ db, actor, params, body }) =>
  deviceRoutes((await setDeviceRoutes(db, actor, params.deviceId, body.routes)).peer),
);
