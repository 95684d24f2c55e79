import { expire } from '@/lib/dialects/tailscale/handlers/device-actions';

export const POST = expire;
