import { setName } from '@/lib/dialects/tailscale/handlers/device-actions';

export const POST = setName;
