import { getUser } from '@/lib/dialects/tailscale/handlers/users';

export const GET = getUser;
