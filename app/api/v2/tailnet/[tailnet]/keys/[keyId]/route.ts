import { deleteKey, getKey } from '@/lib/dialects/tailscale/handlers/keys';

export const GET = getKey;
export const DELETE = deleteKey;
