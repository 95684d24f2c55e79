// The tailnet's global DNS nameservers. Reading needs owner, admin or auditor; changing owner or admin.
import { getTailnetDns, setNameservers } from '@/lib/domain/dns/tailnet-dns';
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { nameserversRequest } from '@/lib/dialects/tailscale/dns';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { tailnetParam } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { dns: (await getTailnetDns(db, actor)).nameservers };
});

export const POST = route({ dialect: tailscale, body: nameserversRequest }, async ({ db, actor, params, body }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  const dns = await setNameservers(db, actor, body.dns);
  return { dns: dns.nameservers, magicDNS: dns.magicDns };
});
