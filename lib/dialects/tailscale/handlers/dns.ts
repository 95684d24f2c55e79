// A tailnet's DNS settings: nameservers, preferences (MagicDNS), search paths and split DNS.
// Reading needs owner, admin or auditor; changing owner or admin. Audit codes are meshdeck's own
// (`tailnet.dns.*`): NetBird has none for these settings.
import { getTailnetDns, setMagicDns, setNameservers, setSearchPaths, updateSplitDns } from '../../../domain/dns/tailnet-dns';
import { resolveTailnet } from '../../../domain/accounts/tailnet';
import { route } from '../../../http/route';
import { tailscale } from '../../../http/dialects/tailscale';
import { nameserversRequest, preferencesRequest, searchPathsRequest, splitDnsRequest } from '../dns';
import { tailnetParam } from '../../../http/tailscale';

export const getNameservers = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { dns: (await getTailnetDns(db, actor)).nameservers };
});

export const postNameservers = route({ dialect: tailscale, body: nameserversRequest }, async ({ db, actor, params, body, audit }) => {
  const account = await resolveTailnet(db, actor, tailnetParam(params));
  const dns = await setNameservers(db, actor, body.dns);
  audit({ code: 'tailnet.dns.nameservers.update', activity: 'Tailnet DNS nameservers changed', targetId: account.id, meta: { dns: dns.nameservers, magicDNS: dns.magicDns } });
  return { dns: dns.nameservers, magicDNS: dns.magicDns };
});

export const getPreferences = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { magicDNS: (await getTailnetDns(db, actor)).magicDns };
});

export const postPreferences = route({ dialect: tailscale, body: preferencesRequest }, async ({ db, actor, params, body, audit }) => {
  const account = await resolveTailnet(db, actor, tailnetParam(params));
  const dns = await setMagicDns(db, actor, body.magicDNS);
  audit({ code: 'tailnet.dns.preferences.update', activity: dns.magicDns ? 'MagicDNS enabled' : 'MagicDNS disabled', targetId: account.id, meta: { magicDNS: dns.magicDns } });
  return { magicDNS: dns.magicDns };
});

export const getSearchPaths = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return { searchPaths: (await getTailnetDns(db, actor)).searchPaths };
});

export const postSearchPaths = route({ dialect: tailscale, body: searchPathsRequest }, async ({ db, actor, params, body, audit }) => {
  const account = await resolveTailnet(db, actor, tailnetParam(params));
  const dns = await setSearchPaths(db, actor, body.searchPaths);
  audit({ code: 'tailnet.dns.searchpaths.update', activity: 'Tailnet DNS search paths changed', targetId: account.id, meta: { searchPaths: dns.searchPaths } });
  return { searchPaths: dns.searchPaths };
});

export const getSplitDns = route({ dialect: tailscale, permission: 'audit' }, async ({ db, actor, params }) => {
  await resolveTailnet(db, actor, tailnetParam(params));
  return (await getTailnetDns(db, actor)).splitDns;
});

function writeSplitDns(replace: boolean) {
  return route({ dialect: tailscale, body: splitDnsRequest }, async ({ db, actor, params, body, audit }) => {
    const account = await resolveTailnet(db, actor, tailnetParam(params));
    const dns = await updateSplitDns(db, actor, body, replace);
    audit({ code: 'tailnet.dns.splitdns.update', activity: 'Tailnet split DNS changed', targetId: account.id, meta: { splitDNS: dns.splitDns } });
    return dns.splitDns;
  });
}

export const patchSplitDns = writeSplitDns(false);
export const putSplitDns = writeSplitDns(true);
