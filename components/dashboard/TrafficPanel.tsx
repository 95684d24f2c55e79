'use client';
// The last 24 h of traffic as a small chart (hourly bytes), with the top talkers beside it, each a
// link to the traffic page filtered to that peer or user.
import Link from 'next/link';
import { Area, AreaChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConsoleDashboard } from '@/lib/dialects/console/dashboard';
import { bucketLabel, formatBytes } from '../traffic/query';

const AXIS = { stroke: 'var(--muted)', tick: { fill: 'var(--muted)', fontSize: 11 } };
const TOOLTIP = { contentStyle: { background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }, labelStyle: { color: 'var(--text)' } };

export function TrafficPanel({ traffic }: { traffic: NonNullable<ConsoleDashboard['traffic']> }) {
  const series = traffic.series.map((p) => ({ label: bucketLabel(p.t, 3600), bytes: p.bytes }));
  const total = traffic.totals.rx_bytes + traffic.totals.tx_bytes;
  return (
    <section aria-labelledby="dash-traffic">
      <h2 id="dash-traffic">
        Traffic, last 24 h <Link href="/app/traffic" className="small">(explore)</Link>
      </h2>
      <div className="panel dash-traffic">
        <figure className="dash-chart" aria-labelledby="dash-traffic-summary">
          <p id="dash-traffic-summary" className="chart-summary mt-0" data-testid="dash-traffic-total">
            {formatBytes(total)} in {traffic.totals.flows.toLocaleString('en')} flows (hourly, UTC).
          </p>
          <AreaChart responsive className="chart-plot dash-plot" data={series} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
            <XAxis dataKey="label" {...AXIS} minTickGap={32} />
            <YAxis {...AXIS} tickFormatter={formatBytes} width={64} />
            <Tooltip {...TOOLTIP} formatter={(v) => formatBytes(Number(v))} />
            <Area type="monotone" dataKey="bytes" name="Bytes" stroke="#2f8fd8" fill="#2f8fd8" fillOpacity={0.35} isAnimationActive={false} />
          </AreaChart>
        </figure>
        <div className="dash-talkers">
          <Talkers title="Top peers" rows={traffic.top_peers.map((p) => ({ key: p.id, label: p.name, bytes: p.bytes, href: `/app/traffic?reporter_id=${encodeURIComponent(p.id)}` }))} />
          <Talkers title="Top users" rows={traffic.top_users.map((u) => ({ key: u.id, label: u.email || u.id, bytes: u.bytes, href: `/app/traffic?user_id=${encodeURIComponent(u.id)}` }))} />
        </div>
      </div>
    </section>
  );
}

function Talkers({ title, rows }: { title: string; rows: { key: string; label: string; bytes: number; href: string }[] }) {
  return (
    <div>
      <h3 className="mt-0">{title}</h3>
      {rows.length ? (
        <ol className="dash-talker-list" data-testid={`dash-${title.toLowerCase().replace(' ', '-')}`}>
          {rows.map((r) => (
            <li key={r.key}>
              <Link href={r.href}>{r.label}</Link> <span className="muted">{formatBytes(r.bytes)}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No traffic.</p>
      )}
    </div>
  );
}
