// Legacy path of GET /api/v2/tailnet/{tailnet}/devices.
import { listDevices } from '@/lib/dialects/tailscale/handlers/devices';

export const GET = listDevices;
