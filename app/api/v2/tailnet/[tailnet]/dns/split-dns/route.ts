import { getSplitDns, patchSplitDns, putSplitDns } from '@/lib/dialects/tailscale/handlers/dns';

export const GET = getSplitDns;
export const PATCH = patchSplitDns;
export const PUT = putSplitDns;
