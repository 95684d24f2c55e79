import { getRoutes, setRoutes } from '@/lib/dialects/tailscale/handlers/device-actions';

export const GET = getRoutes;
export const POST = setRoutes;
