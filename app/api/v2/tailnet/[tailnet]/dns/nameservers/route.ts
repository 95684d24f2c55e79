import { getNameservers, postNameservers } from '@/lib/dialects/tailscale/handlers/dns';

export const GET = getNameservers;
export const POST = postNameservers;
