// Traffic flow ingest end to end: a peer's agent POSTs reports of 10,000 events to
// /api/agent/flows (JSON parse, schema and value checks, bulk insert in one transaction).
// Figures are events per second per report (median, and the rate at the 95th-percentile latency),
// and the same for the storage path alone (lib/domain/traffic/bulk-insert.ts, rows already checked).
import { randomBytes } from 'node:crypto';
import { closeBulkTraffic, insertTrafficEvents } from '../lib/domain/traffic/bulk-insert';
import type { DbConfig } from '../lib/db/config';
import { newId } from '../lib/domain/ids';
import { flowEventRow } from '../lib/domain/traffic/ingest';
import { hashSecret, newAccessToken } from '../lib/domain/secrets';
import type { Benchmark, BenchContext } from './context';
import { percentile, request } from './lib';

const BATCH = 10_000;

export function report(seq: number): string {
  const base = Date.UTC(2025, 0, 1) + seq * BATCH * 1000;
  const events = Array.from({ length: BATCH }, (_, i) => {
    const start = new Date(base + i * 1000).toISOString();
    return {
      flow_id: `${seq}-${i}-61092452-b17c-4b14-b7cf-a2158c549826`,
      source: { id: 'ch8i4ug6lnn4g9hqv7m0', type: 'PEER', name: `laptop-${i % 50}`, geo_location: { city_name: 'Berlin', country_code: 'DE' }, os: 'Linux', address: `100.64.0.${i % 250}:51820`, dns_label: 'laptop.meshdeck.internal' },
      destination: { id: 'ch8i4ug6lnn4g9hqv7n0', type: i % 3 ? 'PEER' : 'HOST_RESOURCE', name: 'db-server', geo_location: { city_name: '', country_code: '' }, os: null, address: '100.64.1.5:5432', dns_label: null },
      user: { id: 'user-1', email: 'alice@bench.example', name: 'Alice' },
      policy: { id: 'ch8i4ug6lnn4g9hqv7p0', name: 'All to All' },
      icmp: { type: 0, code: 0 },
      protocol: 6,
      direction: i % 2 ? 'INGRESS' : 'EGRESS',
      rx_bytes: 1234 + i,
      rx_packets: 5,
      tx_bytes: 4321,
      tx_packets: 7,
      window_start: start,
      window_end: start,
      events: [{ type: 'TYPE_START', timestamp: start }],
    };
  });
  return JSON.stringify({ events });
}

/** The benchmark database's location, asked from the database itself (the context has no config). */
export async function benchDbConfig(ctx: BenchContext): Promise<DbConfig | null> {
  const base = process.env.DATABASE_URL;
  if (base && /^postgres(ql)?:\/\//.test(base)) {
    const [{ db }] = await ctx.db.$queryRawUnsafe<{ db: string }[]>('SELECT current_database() AS db');
    const url = new URL(base);
    url.pathname = `/${db}`;
    return { provider: 'postgresql', url: url.toString() };
  }
  const files = await ctx.db.$queryRawUnsafe<{ name: string; file: string }[]>('PRAGMA database_list');
  const main = files.find((f) => f.name === 'main');
  return main?.file ? { provider: 'sqlite', file: main.file } : null;
}

function rate(name: string, seconds: number[], extra: string) {
  seconds.sort((a, b) => a - b);
  return { name, median: BATCH / percentile(seconds, 50), p95: BATCH / percentile(seconds, 95), unit: 'events/s', extra };
}

export const trafficIngest: Benchmark = {
  name: 'traffic-ingest',
  about: 'POST /api/agent/flows with reports of 10,000 events',
  async run(ctx) {
    const token = newAccessToken('nbpeer_');
    await ctx.db.peer.create({
      data: { id: newId(), accountId: ctx.accountId, name: 'bench-reporter', dnsLabel: 'bench-reporter', ip: '100.127.255.1', wgPubKey: randomBytes(32).toString('base64'), agentTokenHash: hashSecret(token) },
    });
    const reports = Math.max(3, Math.min(20, Math.round(ctx.requests / 200)));
    // Encoded once, as an agent sends bytes; the client's string encoding is not the server's cost.
    const bodies = Array.from({ length: reports + 2 }, (_, i) => Buffer.from(report(i)));
    const post = async (body: Uint8Array) => {
      const r = await request(`${ctx.baseUrl}/api/agent/flows`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body as unknown as BodyInit }, 202);
      await r.arrayBuffer();
    };
    for (const body of bodies.slice(0, 2)) await post(body); // warm-up
    const seconds: number[] = [];
    for (const body of bodies.slice(2)) {
      const t = performance.now();
      await post(body);
      seconds.push((performance.now() - t) / 1000);
    }
    const total = seconds.reduce((a, b) => a + b, 0);
    const figures = [
      rate(`POST /api/agent/flows (${BATCH.toLocaleString('en')} events)`, seconds, `${Math.round((reports * BATCH) / total)} events/s overall, ${reports} reports, median ${(percentile([...seconds].sort((a, b) => a - b), 50) * 1000).toFixed(0)} ms, ${(bodies[2].length / 1e6).toFixed(1)} MB each`),
    ];
    const cfg = await benchDbConfig(ctx);
    if (cfg) {
      const reporter = { id: 'bench-bulk', accountId: ctx.accountId };
      const stored: number[] = [];
      for (const [i, body] of bodies.entries()) {
        const rows = (JSON.parse(body.toString()).events as Parameters<typeof flowEventRow>[1][]).map((e, j) => flowEventRow(reporter, e, j, new Date()));
        const t = performance.now();
        await insertTrafficEvents(rows, cfg);
        if (i >= 2) stored.push((performance.now() - t) / 1000);
      }
      await closeBulkTraffic();
      figures.push(rate(`bulk insert only (${BATCH.toLocaleString('en')} rows)`, stored, `${cfg.provider}, one transaction per batch`));
    }
    return figures;
  },
};
