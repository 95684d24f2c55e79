import { setTags } from '@/lib/dialects/tailscale/handlers/device-actions';

export const POST = setTags;
