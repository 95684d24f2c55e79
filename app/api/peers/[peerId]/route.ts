import { netbird } from '@/lib/http/dialects/netbird';
import { peerRequest, toNetbirdPeer } from '@/lib/dialects/netbird/peers';
import type { Tx } from '@/lib/db/client';
import type { Peer } from '@/lib/db/models';
import { loadGroupIndex } from '@/lib/domain/groups/membership-index';
import { deletePeer, getPeer, updatePeer } from '@/lib/domain/peers/peers';
import { accountById } from '@/lib/domain/accounts/accounts';
import { route } from '@/lib/http/route';

async function shape(db: Tx, peer: Peer) {
  const [index, account] = await Promise.all([loadGroupIndex(db, peer.accountId, [peer.id]), accountById(db, peer.accountId)]);
  return toNetbirdPeer(peer, account, index.groupsOf(peer.id));
}

export const GET = route({ dialect: netbird }, async ({ db, actor, params }) => shape(db, await getPeer(db, actor, params.peerId)));

export const PUT = route({ dialect: netbird, body: peerRequest }, async ({ db, actor, params, body }) => {
  const c = await updatePeer(db, actor, params.peerId, {
    name: body.name,
    sshEnabled: body.ssh_enabled,
    loginExpirationEnabled: body.login_expiration_enabled,
    inactivityExpirationEnabled: body.inactivity_expiration_enabled,
    approvalRequired: body.approval_required,
    ip: body.ip,
  });
  return shape(db, c.peer);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params }) => {
  await deletePeer(db, actor, params.peerId);
  return {};
});
