// The traffic page's state as query strings: one set of filters (the names of
// GET /api/events/network-traffic) shared by the charts' summary request and the events table.
export const FILTER_KEYS = ['reporter_id', 'source_id', 'destination_id', 'user_id', 'protocol', 'direction', 'connection_type', 'type', 'search'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export type RangeChoice = '1h' | '24h' | '7d' | 'custom';
export interface Range {
  choice: RangeChoice;
  /** Only for `custom`: ISO date-times. */
  from?: string;
  to?: string;
}

const PRESETS: Record<Exclude<RangeChoice, 'custom'>, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };

/** The range as absolute times; presets end now. */
export function resolveRange(r: Range, now = Date.now()): { from: string; to: string } {
  if (r.choice === 'custom') return { from: r.from ?? new Date(now - PRESETS['24h']).toISOString(), to: r.to ?? new Date(now).toISOString() };
  return { from: new Date(now - PRESETS[r.choice]).toISOString(), to: new Date(now).toISOString() };
}

export function filterParams(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) p.set(k, f[k]!);
  return p;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** Axis label of a bucket start, in UTC: the time of day for short buckets, else the date. */
export function bucketLabel(iso: string, bucketSeconds: number): string {
  return bucketSeconds < 86_400 ? iso.slice(11, 16) : iso.slice(5, 10);
}
