'use client';
// The events below the charts: GET /api/events/network-traffic with the page's filters and range,
// 25 a page, newest first.
import { useState } from 'react';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { filterParams, formatBytes, type Filters } from './query';
import { protocolName } from '@/lib/domain/traffic/ip-protocols';
import { useQuery } from './useQuery';
import type { NetbirdTrafficPage as TrafficPage } from '@/lib/dialects/netbird/traffic';

const PAGE_SIZE = 25;

export function TrafficEventsTable({ filters, from, to }: { filters: Filters; from: string; to: string }) {
  // The page number starts again at 1 when the filters or range change: the parent keys this
  // component by them.
  const [page, setPage] = useState(1);
  const params = filterParams(filters);
  params.set('start_date', from);
  params.set('end_date', to);
  params.set('page', String(page));
  params.set('page_size', String(PAGE_SIZE));
  const { data, error, loading } = useQuery<TrafficPage>(`/api/events/network-traffic?${params}`);
  return (
    <section aria-labelledby="traffic-events-title">
      <h2 id="traffic-events-title">Events</h2>
      <ErrorAlert message={error} />
      <TablePanel
        rows={data?.data ?? null}
        loading={loading ? 'Loading…' : ''}
        busy={loading}
        headers={['Window start (UTC)', 'Source', 'Destination', 'User?', 'Protocol', 'Direction?', 'In / out', 'Events?']}
        empty="No events match these filters in this range. Widen the range or clear the filters."
      >
        {data?.data.map((e) => (
          <tr key={e.id} data-testid="traffic-row">
            <td className="mono">{e.window_start.replace('T', ' ').slice(0, 19)}</td>
            <td>
              {e.source.name}
              <div className="mono muted">{e.source.address}</div>
            </td>
            <td>
              {e.destination.name}
              <div className="mono muted">{e.destination.address}</div>
            </td>
            <td className="hide-narrow">{e.user.email}</td>
            <td>{protocolName(e.protocol)}</td>
            <td className="hide-narrow">{e.direction.toLowerCase().replace('direction_', '')}</td>
            <td className="mono">
              {formatBytes(e.rx_bytes)} / {formatBytes(e.tx_bytes)}
            </td>
            <td className="hide-narrow">{e.events.map((s) => s.type.replace('TYPE_', '').toLowerCase()).join(', ')}</td>
          </tr>
        ))}
      </TablePanel>
      {data && data.total_records > 0 && (
        <nav className="row pager" aria-label="Event pages">
          <button type="button" disabled={page <= 1 || loading} onClick={() => setPage(page - 1)}>
            ← Newer
          </button>
          <span data-testid="traffic-page">
            Page {data.page} of {data.total_pages} ({data.total_records.toLocaleString('en')} events)
          </span>
          <button type="button" disabled={page >= data.total_pages || loading} onClick={() => setPage(page + 1)}>
            Older →
          </button>
        </nav>
      )}
    </section>
  );
}
