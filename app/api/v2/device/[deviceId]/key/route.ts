import { setKeyExpiry } from '@/lib/dialects/tailscale/handlers/device-actions';

export const POST = setKeyExpiry;
