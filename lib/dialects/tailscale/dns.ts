// Tailscale wire shapes for a tailnet's DNS settings (nameservers, DnsPreferences, DnsSearchPaths,
// SplitDns) and their request bodies.
import { z } from 'zod';

export const nameserversRequest = z.object({ dns: z.array(z.string()) });
export const preferencesRequest = z.object({ magicDNS: z.boolean() });
export const searchPathsRequest = z.object({ searchPaths: z.array(z.string()) });
/** Domain → nameservers; null (or an empty list) clears that domain. */
export const splitDnsRequest = z.record(z.string(), z.array(z.string()).nullable());
