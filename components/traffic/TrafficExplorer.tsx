'use client';
// The traffic page: range and filters on top, the charts (from the server's aggregate summary,
// never from downloaded events), then the paged events table with the same range and filters.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../Feedback';
import { useResource } from '../useResource';
import type { TrafficSummary as Summary } from '@/lib/domain/traffic/summary';
import type { NetbirdPeerListItem } from '@/lib/dialects/netbird/peers';
import type { NetbirdUser } from '@/lib/dialects/netbird/users';
import { filterParams, formatBytes, resolveRange, type Filters, type Range } from './query';
import { TrafficCharts } from './TrafficCharts';
import { TrafficEventsTable } from './TrafficEventsTable';
import { RangePicker, TrafficFilters } from './TrafficFilters';
import { useQuery } from './useQuery';

/** `initial`: filters from the page's URL (the dashboard's top talkers link here with one). */
export function TrafficExplorer({ initial = {} }: { initial?: Filters }) {
  const [range, setRange] = useState<Range>({ choice: '24h' });
  const [filters, setFilters] = useState<Filters>(initial);
  const [formError, setFormError] = useState<string | null>(null);
  // Presets end "now" as of the last change, so a re-render does not move the window.
  const [refreshed, setRefreshed] = useState(() => Date.now());
  const { from, to } = useMemo(() => resolveRange(range, refreshed), [range, refreshed]);
  const options = useResource(async () => {
    const [peers, users] = await Promise.all([api<NetbirdPeerListItem[]>('/api/peers'), api<NetbirdUser[]>('/api/users')]);
    return {
      peers: peers.map((p) => ({ id: p.id, label: p.name })).sort((a, b) => a.label.localeCompare(b.label)),
      users: users.map((u) => ({ id: u.id, label: u.email || u.name })).sort((a, b) => a.label.localeCompare(b.label)),
    };
  });
  const params = filterParams(filters);
  params.set('from', from);
  params.set('to', to);
  const summary = useQuery<Summary>(`/api/console/traffic/summary?${params}`);
  const data = summary.data;

  return (
    <>
      <div className="panel row traffic-bar">
        <RangePicker
          range={range}
          onError={setFormError}
          onChange={(r) => {
            setRefreshed(Date.now());
            setRange(r);
          }}
        />
        <div className="field fit">
          <button type="button" onClick={() => setRefreshed(Date.now())}>
            Refresh
          </button>
        </div>
      </div>
      <ErrorAlert message={formError ?? options.error} />
      <TrafficFilters filters={filters} peers={options.data?.peers ?? []} users={options.data?.users ?? []} onChange={setFilters} />
      <ErrorAlert message={summary.error} />
      <div aria-live="polite" aria-busy={summary.loading}>
        {!data ? (
          <p className="empty">{summary.loading ? 'Loading charts…' : ''}</p>
        ) : (
          <>
            <div className="cards" data-testid="traffic-totals">
              <div className="card">
                <div className="num">{data.totals.flows.toLocaleString('en')}</div>
                <div className="label">flows</div>
              </div>
              <div className="card">
                <div className="num">{formatBytes(data.totals.rx_bytes)}</div>
                <div className="label">bytes in</div>
              </div>
              <div className="card">
                <div className="num">{formatBytes(data.totals.tx_bytes)}</div>
                <div className="label">bytes out</div>
              </div>
            </div>
            {data.note && <p className="note" data-testid="traffic-note">{data.note}</p>}
            {data.totals.flows === 0 ? (
              <p className="panel empty">
                No traffic in this range{params.size > 2 ? ' with these filters' : ''}. Peers report flows with <code>POST /api/agent/flows</code>; to see sample data, run{' '}
                <code>npm run demo</code>.
              </p>
            ) : (
              <TrafficCharts data={data} />
            )}
          </>
        )}
      </div>
      <TrafficEventsTable key={`${filterParams(filters)}|${from}|${to}`} filters={filters} from={from} to={to} />
    </>
  );
}
