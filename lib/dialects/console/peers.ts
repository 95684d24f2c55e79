// Wire shapes of the console's peer endpoints (meshdeck's own, under /api/console/peers): the paged
// query, the bulk request, and the row shape — NetBird's Peer plus the owning user's name and email.
import { z } from 'zod';
import type { Peer } from '../../generated/sqlite/client';
import type { GroupIndex } from '../../domain/groups/membership-index';
import { BULK_ACTIONS } from '../../domain/peers/bulk';
import { PEER_SORT_FIELDS, type peerFilterOptions, type PeerQuery, type PeerSortField } from '../../domain/peers/table-query';
import { toNetbirdPeer, type AccountView } from '../netbird/peers';

const SORT = new RegExp(`^(${PEER_SORT_FIELDS.join('|')}):(asc|desc)$`);
const flag = z.enum(['true', 'false']);

export const consolePeersQuery = z.object({
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  sort: z.string().regex(SORT, `sort must be <field>:<asc|desc> with field one of ${PEER_SORT_FIELDS.join(', ')}`).optional(),
  q: z.string().max(255).optional(),
  name: z.string().max(255).optional(),
  ip: z.string().max(64).optional(),
  dns_label: z.string().max(255).optional(),
  os: z.string().max(64).optional(),
  version: z.string().max(64).optional(),
  group: z.string().max(64).optional(),
  user: z.string().max(64).optional(),
  connected: flag.optional(),
  approval: z.enum(['pending', 'approved']).optional(),
  loginExpiration: z.enum(['enabled', 'disabled', 'expired']).optional(),
  lastSeenBefore: z.string().optional(),
  lastSeenAfter: z.string().optional(),
});

export function peerQueryFrom(q: z.infer<typeof consolePeersQuery>): PeerQuery {
  const [field, dir] = (q.sort ?? 'name:asc').split(':');
  return {
    offset: q.offset,
    limit: q.limit,
    sort: { field: field as PeerSortField, desc: dir === 'desc' },
    q: q.q,
    name: q.name,
    ip: q.ip,
    dnsLabel: q.dns_label,
    os: q.os,
    version: q.version,
    groupId: q.group || undefined,
    userId: q.user || undefined,
    connected: q.connected === undefined ? undefined : q.connected === 'true',
    approval: q.approval,
    loginExpiration: q.loginExpiration,
    lastSeenBefore: q.lastSeenBefore,
    lastSeenAfter: q.lastSeenAfter,
  };
}

export const bulkPeersRequest = z.object({
  ids: z.array(z.string()),
  action: z.enum(BULK_ACTIONS),
  groups: z.array(z.string()).optional(),
  enabled: z.boolean().optional(),
});

export function toConsolePeer(peer: Peer, account: AccountView, index: GroupIndex, owners: Map<string, { name: string; email: string }>, now = Date.now()) {
  const owner = owners.get(peer.userId);
  return { ...toNetbirdPeer(peer, account, index.groupsOf(peer.id), now), user_name: owner?.name ?? '', user_email: owner?.email ?? '' };
}

export type ConsolePeer = ReturnType<typeof toConsolePeer>;
/** GET /api/console/peers: one page of the table. */
export interface ConsolePeerPage {
  total: number;
  items: ConsolePeer[];
}
/** GET /api/console/peers/options (lib/domain/peers/table-query.ts's peerFilterOptions). */
export type PeerFilterOptions = Awaited<ReturnType<typeof peerFilterOptions>>;
