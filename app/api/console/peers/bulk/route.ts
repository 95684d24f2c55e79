import { bulkPeersRequest } from '@/lib/dialects/console/peers';
import { netbird } from '@/lib/http/dialects/netbird';
import { bulkPeers } from '@/lib/domain/peers/bulk';
import type { AuditEntry } from '@/lib/domain/audit';
import { route } from '@/lib/http/route';

const EVENTS: Record<string, (on: boolean) => Pick<AuditEntry, 'code' | 'activity'>> = {
  'add-groups': () => ({ code: 'peer.group.add', activity: 'Group added to peer' }),
  'remove-groups': () => ({ code: 'peer.group.delete', activity: 'Group removed from peer' }),
  approve: () => ({ code: 'peer.approve', activity: 'Peer approved' }),
  'login-expiration': (on: boolean) => ({ code: on ? 'peer.login.expiration.enable' : 'peer.login.expiration.disable', activity: 'Peer login expiration changed' }),
  delete: () => ({ code: 'user.peer.delete', activity: 'Peer deleted' }),
};

// Bulk actions on selected peers, all in the route's one transaction, one audit event per changed peer.
export const POST = route({ dialect: netbird, body: bulkPeersRequest }, async ({ db, actor, body, audit }) => {
  const outcomes = await bulkPeers(db, actor, body);
  const event = EVENTS[body.action](body.enabled === true);
  for (const o of outcomes) {
    if (!o.changed) continue;
    audit({ ...event, targetId: o.peer.id, meta: { name: o.peer.name, ip: o.peer.ip, ...(o.groups ? { groups: o.groups } : {}) } });
  }
  return { action: body.action, selected: outcomes.length, changed: outcomes.filter((o) => o.changed).length };
});
