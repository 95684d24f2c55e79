import { setIp } from '@/lib/dialects/tailscale/handlers/device-actions';

export const POST = setIp;
