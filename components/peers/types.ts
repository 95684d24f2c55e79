// The peer table's URL state: every filter, the sort and the page live in the query string, which is
// passed to GET /api/console/peers as it is. The shapes the pages read are lib/dialects/console/peers.ts's.
import type { OwnerColumns } from '@/lib/dialects/console/peers';
import type { NetbirdPeer } from '@/lib/dialects/netbird/peers';

/** A row of GET /api/console/peers: NetBird's peer shape and the owner's columns, as the route joins them. */
export type ConsolePeer = NetbirdPeer & OwnerColumns;
/** GET /api/console/peers: one page of the table. */
export interface ConsolePeerPage {
  total: number;
  items: ConsolePeer[];
}

/** Query-string keys the table keeps (and the API accepts). */
export const FILTER_KEYS = ['q', 'os', 'version', 'group', 'user', 'connected', 'approval', 'loginExpiration', 'outdated', 'posture', 'seen', 'lastSeenAfter', 'lastSeenBefore'] as const;
export const STATE_KEYS = [...FILTER_KEYS, 'sort', 'offset', 'limit'] as const;
const HOUR = 3_600_000;
export const SEEN = [
  { value: '1h', label: 'in the last hour', ms: HOUR, after: true },
  { value: '24h', label: 'in the last 24 hours', ms: 24 * HOUR, after: true },
  { value: '7d', label: 'in the last 7 days', ms: 168 * HOUR, after: true },
  { value: 'stale24h', label: 'not for 24 hours or more', ms: 24 * HOUR, after: false },
  { value: 'stale7d', label: 'not for 7 days or more', ms: 168 * HOUR, after: false },
];
export const PAGE_SIZES = [50, 100, 250, 500, 1000];
export const DEFAULT_LIMIT = 100;

export function apiQuery(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const k of STATE_KEYS) {
    const v = params.get(k);
    if (v) out.set(k, v);
  }
  if (!out.has('limit')) out.set('limit', String(DEFAULT_LIMIT));
  // `seen` is relative ("24h"), so a bookmarked URL keeps meaning the same thing; the API takes times.
  const seen = SEEN.find((s) => s.value === out.get('seen'));
  out.delete('seen');
  if (seen) out.set(seen.after ? 'lastSeenAfter' : 'lastSeenBefore', new Date(Date.now() - seen.ms).toISOString());
  return out.toString();
}

export const when = (iso: string) => new Date(iso).toLocaleString();
