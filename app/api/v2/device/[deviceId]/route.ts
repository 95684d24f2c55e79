import { deleteDevice, getDevice } from '@/lib/dialects/tailscale/handlers/devices';

export const GET = getDevice;
export const DELETE = deleteDevice;
