// The peer activity entries are written once (lib/domain/peers/activity.ts) and shared by the
// NetBird peer edit, the Tailscale device actions and the console's bulk actions.
import { describe, expect, it } from 'vitest';
import type { Peer } from '@/lib/db/models';
import { peerActivity, peerChangeEntries } from '@/lib/domain/peers/activity';

const peer = { id: 'p1', name: 'laptop', ip: '100.64.0.7', sshEnabled: true, loginExpirationEnabled: false, inactivityExpirationEnabled: true } as Peer;
const none = { peer, renamed: false, sshChanged: false, loginExpirationChanged: false, inactivityExpirationChanged: false, approved: false, approvalRevoked: false, ipChanged: false };

describe('peer activity entries', () => {
  it('records nothing for an edit that changed nothing', () => {
    expect(peerChangeEntries(none)).toEqual([]);
  });

  it('records one entry per change, in a fixed order, naming the peer by name and address', () => {
    const all = { ...none, renamed: true, sshChanged: true, loginExpirationChanged: true, inactivityExpirationChanged: true, approved: true, ipChanged: true };
    const entries = peerChangeEntries(all);
    expect(entries.map((e) => e.code)).toEqual([
      'peer.rename',
      'peer.ssh.enable',
      'peer.login.expiration.disable',
      'peer.inactivity.expiration.enable',
      'peer.approve',
      'peer.ip.update',
    ]);
    for (const e of entries) expect(e).toMatchObject({ targetId: 'p1', meta: { name: 'laptop', ip: '100.64.0.7' } });
  });

  it('gives group, route and tag entries their lists', () => {
    expect(peerActivity.groupsAdded(peer, ['ops'])).toEqual({ code: 'peer.group.add', activity: 'Group added to peer', targetId: 'p1', meta: { name: 'laptop', ip: '100.64.0.7', groups: ['ops'] } });
    expect(peerActivity.routesEnabled(peer, ['10.0.0.0/24']).meta).toEqual({ name: 'laptop', routes: ['10.0.0.0/24'] });
    expect(peerActivity.tagsChanged(peer, ['tag:web']).meta).toEqual({ name: 'laptop', tags: ['tag:web'] });
    expect(peerActivity.deleted(peer)).toMatchObject({ code: 'user.peer.delete', activity: 'Peer deleted' });
  });
});
