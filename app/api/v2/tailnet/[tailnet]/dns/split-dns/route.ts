// The tailnet's split DNS: PUT replaces the whole map, PATCH changes only the domains it names.
// Reading needs owner, admin or auditor; changing owner or admin.
import { getTailnetDns, updateSplitDns } from '@/lib/domain/dns/tailnet-dns';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { splitDnsRequest } from '@/lib/dialects/tailscale/dns';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { tailnetParam } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return (await getTailnetDns(db, actor)).splitDns;
});

export const PATCH = route({ dialect: tailscale, body: splitDnsRequest }, async ({ db, actor, params, body }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return (await updateSplitDns(db, actor, body, false)).splitDns;
});

export const PUT = route({ dialect: tailscale, body: splitDnsRequest }, async ({ db, actor, params, body }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return (await updateSplitDns(db, actor, body, true)).splitDns;
});
