import { createKey, listKeys } from '@/lib/dialects/tailscale/handlers/keys';

export const GET = listKeys;
export const POST = createKey;
