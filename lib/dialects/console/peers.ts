// Wire shapes of the console's peer endpoints (meshdeck's own, under /api/console/peers): the paged
// query, the bulk request, and what a row adds to NetBird's Peer (the route puts them together):
// the owning user's name and email.
import { z } from 'zod';
import { BULK_ACTIONS } from '../../domain/peers/bulk';
import { PEER_SORT_FIELDS, type peerFilterOptions, type PeerQuery, type PeerSortField } from '../../domain/peers/table-query';

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
  loginExpiration: z.enum(['enabled', 'disabled', 'expired', 'soon']).optional(),
  outdated: flag.optional(),
  posture: z.enum(['failing']).optional(),
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
    outdated: q.outdated === undefined ? undefined : q.outdated === 'true',
    postureFailing: q.posture === 'failing' || undefined,
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

/** The row's owner columns, next to NetBird's peer fields. */
export function ownerColumns(owner: { name: string; email: string } | undefined) {
  return { user_name: owner?.name ?? '', user_email: owner?.email ?? '' };
}

/** The owner columns the console's peer rows add to NetBird's peer shape (the route joins them). */
export type OwnerColumns = ReturnType<typeof ownerColumns>;
/** GET /api/console/peers/options (lib/domain/peers/table-query.ts's peerFilterOptions). */
export type PeerFilterOptions = Awaited<ReturnType<typeof peerFilterOptions>>;
