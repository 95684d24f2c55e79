// One device (a meshdeck peer): read and delete. Regular users reach only the devices they added.
import { deletePeer, getPeer } from '@/lib/domain/peers/peers';
import { ownerEmails } from '@/lib/domain/users/owner-emails';
import { fieldsQuery, toTailscaleDevice } from '@/lib/dialects/tailscale/devices';
import { tailscale } from '@/lib/http/dialects/tailscale';
import { accountById } from '@/lib/domain/accounts/accounts';
import { route } from '@/lib/http/route';
import { done } from '@/lib/http/tailscale';

export const GET = route({ dialect: tailscale, query: fieldsQuery }, async ({ db, actor, params, query }) => {
  const peer = await getPeer(db, actor, params.deviceId);
  const account = await accountById(db, actor.accountId);
  const emails = await ownerEmails(db, actor.accountId, [peer]);
  return toTailscaleDevice(peer, account, emails.get(peer.userId) ?? '', query.fields);
});

export const DELETE = route({ dialect: tailscale }, async ({ db, actor, params }) => {
  await deletePeer(db, actor, params.deviceId);
  return done();
});
