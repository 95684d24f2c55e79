'use client';
// The events below the charts: GET /api/events/network-traffic with the page's filters and range,
// 25 a page, newest first.
import { useState } from 'react';
import { ErrorAlert } from '../Feedback';
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
      <div className="panel table-wrap" aria-busy={loading}>
        {!data ? (
          <p className="empty">{loading ? 'Loading…' : ''}</p>
        ) : data.data.length === 0 ? (
          <p className="empty">No events match these filters in this range. Widen the range or clear the filters.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Window start (UTC)</th>
                <th scope="col">Source</th>
                <th scope="col">Destination</th>
                <th scope="col" className="hide-narrow">User</th>
                <th scope="col">Protocol</th>
                <th scope="col" className="hide-narrow">Direction</th>
                <th scope="col">In / out</th>
                <th scope="col" className="hide-narrow">Events</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((e) => (
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
            </tbody>
          </table>
        )}
      </div>
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
