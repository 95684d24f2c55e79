// The audit entries of what happens to a peer, written once: the NetBird peer edit, the Tailscale
// device actions and the console's bulk actions all record these same shapes (NetBird's activity
// codes; meta names the peer by name and address).
import type { Peer } from '../../db/models';
import type { ActivityCode, AuditEntry } from '../audit';

type Named = Pick<Peer, 'id' | 'name' | 'ip'>;

const entry = (p: Named, code: ActivityCode, activity: string, meta: Record<string, unknown> = {}): AuditEntry => ({
  code,
  activity,
  targetId: p.id,
  meta: { name: p.name, ip: p.ip, ...meta },
});

export const peerActivity = {
  renamed: (p: Named) => entry(p, 'peer.rename', 'Peer renamed'),
  ssh: (p: Named, on: boolean) => entry(p, on ? 'peer.ssh.enable' : 'peer.ssh.disable', on ? 'Peer SSH server enabled' : 'Peer SSH server disabled'),
  loginExpiration: (p: Named, on: boolean) => entry(p, on ? 'peer.login.expiration.enable' : 'peer.login.expiration.disable', 'Peer login expiration changed'),
  inactivityExpiration: (p: Named, on: boolean) =>
    entry(p, on ? 'peer.inactivity.expiration.enable' : 'peer.inactivity.expiration.disable', 'Peer inactivity expiration changed'),
  approved: (p: Named) => entry(p, 'peer.approve', 'Peer approved'),
  approvalRevoked: (p: Named) => entry(p, 'peer.approval.revoke', 'Peer approval revoked'),
  ipChanged: (p: Named) => entry(p, 'peer.ip.update', 'Peer IP address changed'),
  groupsAdded: (p: Named, groups: string[]) => entry(p, 'peer.group.add', 'Group added to peer', { groups }),
  groupsRemoved: (p: Named, groups: string[]) => entry(p, 'peer.group.delete', 'Group removed from peer', { groups }),
  loginExpired: (p: Named) => entry(p, 'peer.login.expire', 'Peer login expired'),
  deleted: (p: Named) => entry(p, 'user.peer.delete', 'Peer deleted'),
  /** Tailscale's subnet routes and tags: meta names the peer and the new list (no address). */
  routesEnabled: (p: Named, routes: string[]): AuditEntry => ({ code: 'peer.routes.update', activity: 'Device subnet routes enabled', targetId: p.id, meta: { name: p.name, routes } }),
  tagsChanged: (p: Named, tags: string[]): AuditEntry => ({ code: 'peer.tags.update', activity: 'Device tags changed', targetId: p.id, meta: { name: p.name, tags } }),
};

/** What an edit of a peer's settings changed, in the order the entries are recorded. */
export interface PeerSettingsChange {
  peer: Peer;
  renamed: boolean;
  sshChanged: boolean;
  loginExpirationChanged: boolean;
  inactivityExpirationChanged: boolean;
  approved: boolean;
  approvalRevoked: boolean;
  ipChanged: boolean;
}

export function peerChangeEntries(c: PeerSettingsChange): AuditEntry[] {
  const p = c.peer;
  const out: AuditEntry[] = [];
  if (c.renamed) out.push(peerActivity.renamed(p));
  if (c.sshChanged) out.push(peerActivity.ssh(p, p.sshEnabled));
  if (c.loginExpirationChanged) out.push(peerActivity.loginExpiration(p, p.loginExpirationEnabled));
  if (c.inactivityExpirationChanged) out.push(peerActivity.inactivityExpiration(p, p.inactivityExpirationEnabled));
  if (c.approved) out.push(peerActivity.approved(p));
  if (c.approvalRevoked) out.push(peerActivity.approvalRevoked(p));
  if (c.ipChanged) out.push(peerActivity.ipChanged(p));
  return out;
}
