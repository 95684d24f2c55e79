// Devices: list (modern and legacy paths), read and delete one. A device is a meshdeck peer;
// regular users see only the devices they added, as in the NetBird API.
import { resolveTailnet } from '../../../domain/accounts/tailnet';
import { deletePeer, getPeer, listPeers } from '../../../domain/peers/peers';
import { route } from '../../../http/route';
import { tailscale } from '../../../http/dialects/tailscale';
import { deviceFilters, fieldsQuery, toTailscaleDevice } from '../devices';
import { ownerEmails } from '../../../domain/users/owner-emails';
import { done, tailnetParam } from '../../../http/tailscale';

export const listDevices = route({ dialect: tailscale, query: fieldsQuery }, async ({ db, actor, params, query, url }) => {
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

export const getDevice = route({ dialect: tailscale, query: fieldsQuery }, async ({ db, actor, params, query }) => {
  const peer = await getPeer(db, actor, params.deviceId);
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId } });
  const emails = await ownerEmails(db, actor.accountId, [peer]);
  return toTailscaleDevice(peer, account, emails.get(peer.userId) ?? '', query.fields);
});

export const deleteDevice = route({ dialect: tailscale }, async ({ db, actor, params, audit }) => {
  const p = await deletePeer(db, actor, params.deviceId);
  audit({ code: 'user.peer.delete', activity: 'Peer deleted', targetId: p.id, meta: { name: p.name, ip: p.ip } });
  return done();
});
