// The tailnet's DNS search paths. Reading needs owner, admin or auditor; changing owner or admin.
import { getTailnetDns, setSearchPaths } from '@/lib/domain/dns/tailnet-dns';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { searchPathsRequest } from '@/lib/dialects/tailscale/dns';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { tailnetParam } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { searchPaths: (await getTailnetDns(db, actor)).searchPaths };
});

export const POST = route({ dialect: tailscale, body: searchPathsRequest }, async ({ db, actor, params, body }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { searchPaths: (await setSearchPaths(db, actor, body.searchPaths)).searchPaths };
});
