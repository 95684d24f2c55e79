import { getSearchPaths, postSearchPaths } from '@/lib/dialects/tailscale/handlers/dns';

export const GET = getSearchPaths;
export const POST = postSearchPaths;
