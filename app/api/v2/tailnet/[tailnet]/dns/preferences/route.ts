import { getPreferences, postPreferences } from '@/lib/dialects/tailscale/handlers/dns';

export const GET = getPreferences;
export const POST = postPreferences;
