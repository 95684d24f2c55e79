import { listUsers } from '@/lib/dialects/tailscale/handlers/users';

export const GET = listUsers;
