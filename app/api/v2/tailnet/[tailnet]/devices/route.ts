import { listDevices } from '@/lib/dialects/tailscale/handlers/devices';

export const GET = listDevices;
