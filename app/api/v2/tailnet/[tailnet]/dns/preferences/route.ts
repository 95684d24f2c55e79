// The tailnet's DNS preferences (MagicDNS). Reading needs owner, admin or auditor; changing owner or admin.
import { getTailnetDns, setMagicDns } from '@/lib/domain/dns/tailnet-dns';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { preferencesRequest } from '@/lib/dialects/tailscale/dns';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { tailnetParam } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { magicDNS: (await getTailnetDns(db, actor)).magicDns };
});

export const POST = route({ dialect: tailscale, body: preferencesRequest }, async ({ db, actor, params, body }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { magicDNS: (await setMagicDns(db, actor, body.magicDNS)).magicDns };
});
