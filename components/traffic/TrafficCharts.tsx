'use client';
// The traffic charts (Recharts): bytes in/out over time (stacked areas), flows by protocol, and the
// top peers and users by bytes. Each chart is a labelled figure with a text summary beside it, so
// the numbers are available without the picture.
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrafficSummary as Summary } from '@/lib/domain/traffic/summary';
import { bucketLabel, formatBytes } from './query';

const AXIS = { stroke: 'var(--muted)', tick: { fill: 'var(--muted)', fontSize: 12 } };
const TOOLTIP = { contentStyle: { background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }, labelStyle: { color: 'var(--text)' } };
const IN = '#2f8fd8';
const OUT = '#e0822f';

function Chart({ title, summary, children }: { title: string; summary: string; children: React.ReactNode }) {
  const id = `chart-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <figure className="panel chart" aria-labelledby={id} data-testid="traffic-chart">
      <figcaption id={id}>
        <h2>{title}</h2>
        <p className="chart-summary">{summary}</p>
      </figcaption>
      {children}
    </figure>
  );
}

export function TrafficCharts({ data }: { data: Summary }) {
  const series = data.series.map((p) => ({ ...p, label: bucketLabel(p.t, data.bucket) }));
  const peers = data.top_peers.map((p) => ({ name: p.name, bytes: p.bytes }));
  const users = data.top_users.map((u) => ({ name: u.email || u.id, bytes: u.bytes }));
  return (
    <div className="charts">
      <Chart
        title="Bytes over time"
        summary={`${formatBytes(data.totals.rx_bytes)} in, ${formatBytes(data.totals.tx_bytes)} out in ${data.series.length} buckets of ${data.bucket >= 3600 ? `${data.bucket / 3600} h` : `${data.bucket / 60} min`} (UTC).`}
      >
        <AreaChart responsive className="chart-plot over-time" data={series} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="label" {...AXIS} minTickGap={24} />
          <YAxis {...AXIS} tickFormatter={formatBytes} width={72} />
          <Tooltip {...TOOLTIP} formatter={(v) => formatBytes(Number(v))} />
          <Legend />
          <Area type="monotone" dataKey="rx_bytes" name="Bytes in" stackId="bytes" stroke={IN} fill={IN} fillOpacity={0.35} isAnimationActive={false} />
          <Area type="monotone" dataKey="tx_bytes" name="Bytes out" stackId="bytes" stroke={OUT} fill={OUT} fillOpacity={0.35} isAnimationActive={false} />
        </AreaChart>
      </Chart>
      <Chart title="Flows by protocol" summary={data.protocols.map((p) => `${p.name}: ${p.flows.toLocaleString('en')}`).join(', ') || 'No flows.'}>
        <BarChart responsive className="chart-plot by-protocol" data={data.protocols} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="name" {...AXIS} />
          <YAxis {...AXIS} width={72} />
          <Tooltip {...TOOLTIP} />
          <Bar dataKey="flows" name="Flows" fill={IN} isAnimationActive={false} />
        </BarChart>
      </Chart>
      <TopChart title="Top peers" rows={peers} />
      <TopChart title="Top users" rows={users} />
    </div>
  );
}

function TopChart({ title, rows }: { title: string; rows: { name: string; bytes: number }[] }) {
  return (
    <Chart title={title} summary={rows.length ? rows.slice(0, 3).map((r) => `${r.name} ${formatBytes(r.bytes)}`).join(', ') + (rows.length > 3 ? ', …' : '') : 'None in this range.'}>
      <BarChart responsive layout="vertical" className="chart-plot" style={{ height: Math.max(120, rows.length * 26 + 40) }} data={rows} margin={{ top: 4, right: 16, left: 8, bottom: 0 }}>
        <XAxis type="number" {...AXIS} tickFormatter={formatBytes} />
        <YAxis type="category" dataKey="name" {...AXIS} width={150} />
        <Tooltip {...TOOLTIP} formatter={(v) => formatBytes(Number(v))} />
        <Bar dataKey="bytes" name="Bytes" fill={OUT} isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}
