import { netbird } from '@/lib/http/dialects/netbird';
import { peerRequest, toNetbirdPeer } from '@/lib/dialects/netbird/peers';
import type { Tx } from '@/lib/db/client';
import type { Peer } from '@/lib/generated/sqlite/client';
import { loadGroupIndex } from '@/lib/domain/groups/membership-index';
import { deletePeer, getPeer, updatePeer } from '@/lib/domain/peers/peers';
import type { ActivityCode } from '@/lib/domain/audit';
import { route } from '@/lib/http/route';

async function shape(db: Tx, peer: Peer) {
  const [index, account] = await Promise.all([loadGroupIndex(db, peer.accountId, [peer.id]), db.account.findUniqueOrThrow({ where: { id: peer.accountId } })]);
  return toNetbirdPeer(peer, account, index.groupsOf(peer.id));
}

export const GET = route({ dialect: netbird }, async ({ db, actor, params }) => shape(db, await getPeer(db, actor, params.peerId)));

export const PUT = route({ dialect: netbird, body: peerRequest }, async ({ db, actor, params, body, audit }) => {
  const c = await updatePeer(db, actor, params.peerId, {
    name: body.name,
    sshEnabled: body.ssh_enabled,
    loginExpirationEnabled: body.login_expiration_enabled,
    inactivityExpirationEnabled: body.inactivity_expiration_enabled,
    approvalRequired: body.approval_required,
    ip: body.ip,
  });
  const p = c.peer;
  const meta = { name: p.name, ip: p.ip };
  const ev = (code: ActivityCode, activity: string) => audit({ code, activity, targetId: p.id, meta });
  if (c.renamed) ev('peer.rename', 'Peer renamed');
  if (c.sshChanged) ev(p.sshEnabled ? 'peer.ssh.enable' : 'peer.ssh.disable', p.sshEnabled ? 'Peer SSH server enabled' : 'Peer SSH server disabled');
  if (c.loginExpirationChanged) ev(p.loginExpirationEnabled ? 'peer.login.expiration.enable' : 'peer.login.expiration.disable', 'Peer login expiration changed');
  if (c.inactivityExpirationChanged) ev(p.inactivityExpirationEnabled ? 'peer.inactivity.expiration.enable' : 'peer.inactivity.expiration.disable', 'Peer inactivity expiration changed');
  if (c.approved) ev('peer.approve', 'Peer approved');
  if (c.approvalRevoked) ev('peer.approval.revoke', 'Peer approval revoked');
  if (c.ipChanged) ev('peer.ip.update', 'Peer IP address changed');
  return shape(db, p);
});

export const DELETE = route({ dialect: netbird }, async ({ db, actor, params, audit }) => {
  const p = await deletePeer(db, actor, params.peerId);
  audit({ code: 'user.peer.delete', activity: 'Peer deleted', targetId: p.id, meta: { name: p.name, ip: p.ip } });
  return {};
});
