// Legacy path of /api/v2/tailnet/{tailnet}/dns/searchpaths.
import { getSearchPaths, postSearchPaths } from '@/lib/dialects/tailscale/handlers/dns';

export const GET = getSearchPaths;
export const POST = postSearchPaths;
