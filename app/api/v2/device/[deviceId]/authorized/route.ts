import { setAuthorized } from '@/lib/dialects/tailscale/handlers/device-actions';

export const POST = setAuthorized;
