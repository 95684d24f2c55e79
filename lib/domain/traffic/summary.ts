// The traffic charts' numbers (GET /api/console/traffic/summary): bytes in/out and flows per time
// bucket, flows and bytes by protocol, and the top peers and users, for a range and the same
// filters as GET /api/events/network-traffic. Four plans, cheapest first, for buckets of an hour or
// more: without filters, the hourly one-dimension totals (TrafficTotal); with filters other than
// `type` and `search`, the hourly rollups (TrafficRollup); with those, the hourly sums that also
// keep the searchable text without the source port, with sums per sub-event type
// (TrafficSearchRollup), plus, for a search that can match inside a source port, what those sums
// did not count: the events of the few ports it can match (read from an index alone), or for a key
// that can match inside most ports (one digit, ":" and at most one digit) the groups' hourly sums
// by port digit (TrafficPortSum). Only buckets under an hour read the events table (exact, but it
// scans every event in the range).
// All aggregation happens in the database (a few GROUP BY queries), never by loading events.
// The SQL builder and the shared conditions: traffic-sql.ts; what a search adds through source
// ports: traffic-search-ports.ts.
import { dbConfig } from '../../db/config';
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { protocolName } from './ip-protocols';
import { parseTimestamp } from '../timestamps';
import { searchKey } from './search';
import { portDigitsPart, portEventsPart, portPlan } from './search-ports';
import { TYPE_SUMS } from './search-rollup';
import { trafficWhere } from './query';
import { contains, eventTypeOf, filtersOf, PART_COLUMNS, Sql, type SummaryFilter } from './sql';
import { bucketStarts, chartRange, DAY, floorTo, ROLLUP_MS, type ChartRange } from './rollup';

export type { SummaryFilter };

export interface SummaryInput extends SummaryFilter {
  from?: string;
  to?: string;
  /** Seconds; chosen from the range when absent. */
  bucket?: number;
}

export interface TrafficSummary {
  from: string;
  to: string;
  bucket: number;
  source: 'rollups' | 'events';
  note: string;
  totals: { rx_bytes: number; tx_bytes: number; flows: number };
  series: { t: string; rx_bytes: number; tx_bytes: number; flows: number }[];
  protocols: { protocol: number; name: string; flows: number; bytes: number }[];
  top_peers: { id: string; name: string; bytes: number; flows: number }[];
  top_users: { id: string; email: string; bytes: number; flows: number }[];
}

export const TOP_N = 10;

interface Plan {
  table: 'TrafficTotal' | 'TrafficRollup' | 'TrafficSearchRollup' | 'TrafficEvent';
  timeColumn: string;
  /** The summed columns; the search rollups have a set per sub-event type. */
  rx: string;
  tx: string;
  /** The flow-count column; '' on the events table, where each row is one flow (COUNT(*)). */
  flows: string;
}

const sums = (table: Plan['table'], timeColumn: string): Plan => ({ table, timeColumn, rx: 'rxBytes', tx: 'txBytes', flows: 'flows' });
const TOTALS = sums('TrafficTotal', 'bucketStart');
const ROLLUPS = sums('TrafficRollup', 'bucketStart');
const SEARCH_ROLLUPS = sums('TrafficSearchRollup', 'bucketStart');
const EVENTS: Plan = { ...sums('TrafficEvent', 'windowStart'), flows: '' };
/** The search rollups' sums over the events that had a sub-event of one type. */
const typeSums = (type: string): Plan => {
  const c = TYPE_SUMS[type as keyof typeof TYPE_SUMS];
  return { ...SEARCH_ROLLUPS, rx: c.rx, tx: c.tx, flows: c.flows };
};
const FILTER_KEYS = ['userId', 'reporterId', 'sourceId', 'destinationId', 'protocol', 'connectionType', 'direction', 'type', 'search'] as const;

function whereOf(plan: Plan, actor: Actor, f: SummaryFilter, range: ChartRange, pg: boolean, sql = new Sql(pg)): Sql {
  sql.and(`"accountId" = ${sql.param(actor.accountId)}`);
  sql.and(`"${plan.timeColumn}" >= ${sql.time(range.from)}`);
  sql.and(`"${plan.timeColumn}" < ${sql.time(range.to)}`);
  filtersOf(sql, f);
  if (plan.table === 'TrafficEvent') eventTypeOf(sql, f);
  else if (f.type) sql.and(`"${plan.flows}" > 0`);
  if (f.search?.trim()) sql.and(contains(pg, '"searchText"', sql.param(searchKey(f.search.trim()))));
  return sql;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

/** Bytes and flows per key, largest first (by bytes, then flows, then key: the rows' order varies). */
class Tally<K> {
  private readonly sums = new Map<K, { key: K; bytes: number; flows: number; label: string }>();
  add(key: K, bytes: number, flows: number, label = '') {
    const s = this.sums.get(key) ?? { key, bytes: 0, flows: 0, label };
    s.bytes += bytes;
    s.flows += flows;
    if (label) s.label = label;
    this.sums.set(key, s);
  }
  top(n = Infinity) {
    return [...this.sums.values()].sort((a, b) => b.bytes - a.bytes || b.flows - a.flows || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, n);
  }
}

/** Sums (as text: bytes exceed 32 bits) per group; `select` names the grouping columns. */
async function aggregate(db: Tx, plan: Plan, where: Sql, pg: boolean, select: string, groupBy: string): Promise<Row[]> {
  const text = (e: string) => (pg ? `(${e})::text` : `CAST(${e} AS TEXT)`);
  const sql =
    `SELECT ${select}, ${text(`SUM("${plan.rx}")`)} AS "rx", ${text(`SUM("${plan.tx}")`)} AS "tx", ${text(plan.flows ? `SUM("${plan.flows}")` : 'COUNT(*)')} AS "n" ` +
    `FROM "${plan.table}" WHERE ${where.parts.join(' AND ')} GROUP BY ${groupBy}`;
  return db.$queryRawUnsafe<Row[]>(sql, ...where.params);
}

function bucketExpr(plan: Plan, bucketMs: number, pg: boolean): string {
  const seconds = bucketMs / 1000;
  const epoch = pg ? `CAST(EXTRACT(EPOCH FROM "${plan.timeColumn}") AS BIGINT)` : `CAST(strftime('%s', "${plan.timeColumn}") AS INTEGER)`;
  return `(${epoch} / ${seconds}) * ${seconds}`;
}

function parseRangeEnd(name: string, v: string | undefined, fallback: Date): Date {
  if (v === undefined || v === '') return fallback;
  const d = parseTimestamp(v);
  if (!d) throw new ValidationError(`${name} must be an ISO 8601 date-time such as 2024-01-31T23:59:59Z`);
  return d;
}

/** Why a request is answered from the events table, or '' when hourly sums can answer it. */
export function eventsReason(bucketMs: number): string {
  return bucketMs < ROLLUP_MS ? 'Buckets shorter than an hour are computed from the events table.' : '';
}

/** `exact`: read the events table whatever the request (how tests check the other plans). */
export async function trafficSummary(db: Tx, actor: Actor, input: SummaryInput, now = new Date(), options: { exact?: boolean } = {}): Promise<TrafficSummary> {
  // The same checks (and messages) as the network-traffic listing; the condition itself is built below.
  trafficWhere(actor, input);
  if (input.bucket !== undefined && (!Number.isInteger(input.bucket) || input.bucket <= 0)) throw new ValidationError('bucket must be a positive number of seconds');
  const to = parseRangeEnd('to', input.to, now);
  const from = parseRangeEnd('from', input.from, new Date(to.getTime() - DAY));
  const range = chartRange(from, to, input.bucket === undefined ? undefined : input.bucket * 1000);
  const reason = options.exact ? 'Computed from the events table, as asked.' : eventsReason(range.bucketMs);
  const filtered = FILTER_KEYS.some((k) => input[k] !== undefined && input[k] !== '');
  const plan = reason ? EVENTS : input.type ? typeSums(input.type) : input.search?.trim() ? SEARCH_ROLLUPS : filtered ? ROLLUPS : TOTALS;
  const pg = dbConfig().provider === 'postgresql';

  // Rollups and totals: two scans of the range, one per time bucket, one for the protocol, peer and
  // user breakdowns. Unfiltered, both read the one-dimension totals (a few rows per hour); filtered,
  // the rollups grouped by reporter, user and protocol (about as many groups as the account has
  // peers). The events table and the search rollups (with what they miss of a search inside source
  // ports) are read once, in one statement (below): they are the larger tables.
  // Hourly rows are grouped by their stored hour, which is cheaper than converting every row's
  // time, and then added into the chart's buckets.
  const timeGroup = plan === EVENTS ? bucketExpr(plan, range.bucketMs, pg) : `"${plan.timeColumn}"`;
  const protocols = new Tally<number>();
  const peers = new Tally<string>();
  const users = new Tally<string>();
  /** One row grouped by reporter ("peer"), user and protocol ("proto") into the breakdowns. */
  const addBreakdown = (r: Row) => {
    const bytes = num(r.rx) + num(r.tx);
    protocols.add(num(r.proto), bytes, num(r.n));
    peers.add(String(r.peer), bytes, num(r.n));
    if (r.user !== '') users.add(String(r.user), bytes, num(r.n), String(r.label ?? ''));
  };
  let byTime: Row[];
  if (plan === EVENTS || plan.table === 'TrafficSearchRollup') {
    // One statement: each part grouped by hour (or bucket), reporter, user and protocol (a search's
    // port events by hour and, apart, by group), and from those the series and the breakdowns, so a
    // few hundred rows come back rather than every group. (SQLite numbers "?" by position: the
    // parameters are added in the order of the text, the port events' CTE first.)
    const params = new Sql(pg);
    const ports = plan === EVENTS ? null : portPlan(input);
    const key = searchKey(input.search?.trim() ?? '');
    const portEvents = ports && 'ports' in ports ? portEventsPart(params, actor, input, range, pg, key, ports.ports) : null;
    const w = whereOf(plan, actor, input, range, pg, new Sql(pg, params));
    const n = plan.flows ? `SUM("${plan.flows}")` : 'COUNT(*)';
    const parts = [`SELECT ${PART_COLUMNS(timeGroup, '', `"${plan.rx}"`, `"${plan.tx}"`, n)} FROM "${plan.table}" WHERE ${w.parts.join(' AND ')} GROUP BY ${timeGroup}, "reporterId", "userId", "protocol"`];
    if (portEvents) parts.push(...portEvents.parts);
    if (ports && 'digits' in ports) parts.push(portDigitsPart(params, plan, actor, input, range, pg, key, ports.digits));
    const text = (e: string) => (pg ? `(${e})::text` : `CAST(${e} AS TEXT)`);
    const totals = `${text('SUM("rx")')} AS "rx", ${text('SUM("tx")')} AS "tx", ${text('SUM("n")')} AS "n"`;
    // Rows of x without an hour count in the breakdowns only, rows without a reporter in the series only.
    const rows = await db.$queryRawUnsafe<Row[]>(
      `WITH ${portEvents ? `${portEvents.cte}, ` : ''}x AS MATERIALIZED (${parts.join(' UNION ALL ')}) ` +
        `SELECT 0 AS "kind", "g", NULL AS "peer", NULL AS "user", NULL AS "proto", NULL AS "label", ${totals} FROM x WHERE "g" IS NOT NULL GROUP BY "g" ` +
        `UNION ALL SELECT 1, NULL, "peer", "user", "proto", MAX("label"), ${totals} FROM x WHERE "peer" IS NOT NULL GROUP BY "peer", "user", "proto"`,
      ...params.params,
    );
    byTime = rows.filter((r) => num(r.kind) === 0);
    rows.filter((r) => num(r.kind) === 1).forEach(addBreakdown);
  } else {
    const where = whereOf(plan, actor, input, range, pg);
    byTime = await aggregate(db, plan, plan === TOTALS ? where.with(`"dim" = 'all'`) : where, pg, `${timeGroup} AS "g"`, timeGroup);
    if (plan === TOTALS) {
      for (const r of await aggregate(db, plan, where.with(`"dim" IN ('protocol', 'peer', 'user')`), pg, '"dim" AS "dim", "value" AS "value", MAX("label") AS "label"', '"dim", "value"')) {
        const bytes = num(r.rx) + num(r.tx);
        if (r.dim === 'protocol') protocols.add(num(r.value), bytes, num(r.n));
        else if (r.dim === 'peer') peers.add(String(r.value), bytes, num(r.n));
        else users.add(String(r.value), bytes, num(r.n), String(r.label ?? ''));
      }
    } else {
      (await aggregate(db, plan, where, pg, '"reporterId" AS "peer", "userId" AS "user", "protocol" AS "proto", MAX("userEmail") AS "label"', '"reporterId", "userId", "protocol"')).forEach(addBreakdown);
    }
  }

  const buckets = new Map<number, { rx: number; tx: number; n: number }>();
  for (const r of byTime) {
    const t = plan === EVENTS ? num(r.g) * 1000 : floorTo(new Date(r.g as string | Date).getTime(), range.bucketMs);
    const b = buckets.get(t) ?? { rx: 0, tx: 0, n: 0 };
    b.rx += num(r.rx);
    b.tx += num(r.tx);
    b.n += num(r.n);
    buckets.set(t, b);
  }
  const totals = { rx_bytes: 0, tx_bytes: 0, flows: 0 };
  const points = bucketStarts(range).map((t) => {
    const b = buckets.get(t);
    const point = { t: new Date(t).toISOString(), rx_bytes: b?.rx ?? 0, tx_bytes: b?.tx ?? 0, flows: b?.n ?? 0 };
    totals.rx_bytes += point.rx_bytes;
    totals.tx_bytes += point.tx_bytes;
    totals.flows += point.flows;
    return point;
  });
  const topPeers = peers.top(TOP_N).filter((p) => p.key !== '');
  const names = new Map(
    (await db.peer.findMany({ where: { accountId: actor.accountId, id: { in: topPeers.map((p) => p.key) } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]),
  );
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    bucket: range.bucketMs / 1000,
    source: reason ? 'events' : 'rollups',
    note: reason,
    totals,
    series: points,
    protocols: protocols.top().map((p) => ({ protocol: p.key, name: protocolName(p.key), flows: p.flows, bytes: p.bytes })),
    top_peers: topPeers.map((p) => ({ id: p.key, name: names.get(p.key) ?? p.key, bytes: p.bytes, flows: p.flows })),
    top_users: users.top(TOP_N).map((u) => ({ id: u.key, email: u.label, bytes: u.bytes, flows: u.flows })),
  };
}
