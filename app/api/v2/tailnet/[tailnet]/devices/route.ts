// The tailnet's devices (meshdeck peers); regular users see only the devices they added, as in the
// NetBird API.
import { resolveTailnet } from '@/lib/domain/accounts/tailnet';
import { listPeers } from '@/lib/domain/peers/peers';
import { ownerEmails } from '@/lib/domain/users/owner-emails';
import { deviceFilters, fieldsQuery, toTailscaleDevice } from '@/lib/dialects/tailscale/devices';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { route } from '@/lib/http/route';
import { tailnetParam } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, query: fieldsQuery }, async ({ db, actor, params, query, url }) => {
  const account = await resolveTailnet(db, actor, tailnetParam(params));
  const peers = await listPeers(db, actor);
  const emails = await ownerEmails(db, actor.accountId, peers);
  // Filters apply to the `all` shape, whatever `fields` asks for; without filters skip that work.
  const filtering = [...url.searchParams.keys()].some((k) => k !== 'fields');
  const matches = deviceFilters(url.searchParams);
  const devices = (filtering ? peers.filter((p) => matches(toTailscaleDevice(p, account, emails.get(p.userId) ?? '', 'all'))) : peers).map((p) =>
    toTailscaleDevice(p, account, emails.get(p.userId) ?? '', query.fields),
  );
  return { devices };
});
