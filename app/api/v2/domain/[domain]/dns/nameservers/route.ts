// Legacy path of /api/v2/tailnet/{tailnet}/dns/nameservers.
import { getNameservers, postNameservers } from '@/lib/dialects/tailscale/handlers/dns';

export const GET = getNameservers;
export const POST = postNameservers;
