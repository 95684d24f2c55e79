// The traffic charts' numbers (GET /api/console/traffic/summary): bytes in/out and flows per time
// bucket, flows and bytes by protocol, and the top peers and users, for a range and the same
// filters as GET /api/events/network-traffic. Four plans, cheapest first, for buckets of an hour or
// more: without filters, the hourly one-dimension totals (TrafficTotal); with filters other than
// `type` and `search`, the hourly rollups (TrafficRollup); with those, the hourly sums that also
// keep the searchable text without the source port, with sums per sub-event type (TrafficSearchRollup), plus,
// for a search that can match inside a source port, the events of the ports it can match that the
// sums did not count (found through the (account, hour, source port) index). Buckets under an hour,
// and a search that can match inside most source ports (one digit), read the events table, which is
// exact but scans every event in the range.
// All aggregation happens in the database (a few GROUP BY queries), never by loading events.
import { dbConfig } from '../db/config';
import type { Tx } from '../db/client';
import type { Actor } from './actor';
import { ValidationError } from './errors';
import { protocolName } from './ip-protocols';
import { parseTimestamp } from './timestamps';
import { MAX_PORT, portsMatching, searchKey } from './traffic-search';
import { TYPE_SUMS } from './traffic-search-rollup';
import { trafficWhere, type TrafficFilter } from './traffic-query';
import { bucketStarts, chartRange, DAY, floorTo, ROLLUP_MS, type ChartRange } from './traffic-rollup';

export type SummaryFilter = Omit<TrafficFilter, 'page' | 'pageSize' | 'startDate' | 'endDate'>;

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

/** A SQL condition with its parameters, for either database. */
class Sql {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  constructor(private readonly pg: boolean) {}
  param(v: unknown): string {
    this.params.push(v);
    return this.pg ? `$${this.params.length}` : '?';
  }
  /** A timestamp as the column stores it (see lib/db/bulk-traffic.ts). */
  time(d: Date): string {
    return this.pg ? `${this.param(d.toISOString().replace('T', ' ').replace('Z', ''))}::timestamp` : this.param(d.toISOString().replace('Z', '+00:00'));
  }
  and(condition: string) {
    this.parts.push(condition);
  }
  /** A copy with one more fixed clause (one without parameters). */
  with(clause: string): Sql {
    const copy = new Sql(this.pg);
    copy.parts.push(...this.parts, clause);
    copy.params.push(...this.params);
    return copy;
  }
}

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
/** Events of some source ports that the search sums did not count (see portsWhere). */
const PORT_EVENTS: Plan = { ...sums('TrafficEvent', 'windowHour'), flows: '' };
/** The search rollups' sums over the events that had a sub-event of one type. */
const typeSums = (type: string): Plan => {
  const c = TYPE_SUMS[type as keyof typeof TYPE_SUMS];
  return { ...SEARCH_ROLLUPS, rx: c.rx, tx: c.tx, flows: c.flows };
};
const FILTER_KEYS = ['userId', 'reporterId', 'sourceId', 'destinationId', 'protocol', 'connectionType', 'direction', 'type', 'search'] as const;

/** The filters other than time and `search`, for any plan. */
function filtersOf(sql: Sql, f: SummaryFilter) {
  const columns: [keyof SummaryFilter, string][] = [
    ['userId', 'userId'], ['reporterId', 'reporterId'], ['sourceId', 'srcId'], ['destinationId', 'dstId'],
    ['connectionType', 'connectionType'], ['direction', 'direction'],
  ];
  for (const [key, column] of columns) if (f[key]) sql.and(`"${column}" = ${sql.param(f[key])}`);
  if (f.protocol !== undefined) sql.and(`"protocol" = ${sql.param(f.protocol)}`);
}

/** The `type` filter on the events table (the search rollups keep sums per type instead). */
function eventTypeOf(sql: Sql, f: SummaryFilter) {
  if (f.type) sql.and(`"eventTypes" LIKE ${sql.param(`%,${f.type},%`)}`);
}

// searchText and the key are both lower-cased with LIKE's wildcards mapped away (searchKey), so a
// plain substring test says the same as LIKE '%key%' and skips LIKE's per-row case folding.
const contains = (pg: boolean, text: string, key: string) => (pg ? `strpos(${text}, ${key}) > 0` : `instr(${text}, ${key}) > 0`);

function whereOf(plan: Plan, actor: Actor, f: SummaryFilter, range: ChartRange, pg: boolean): Sql {
  const sql = new Sql(pg);
  sql.and(`"accountId" = ${sql.param(actor.accountId)}`);
  sql.and(`"${plan.timeColumn}" >= ${sql.time(range.from)}`);
  sql.and(`"${plan.timeColumn}" < ${sql.time(range.to)}`);
  filtersOf(sql, f);
  if (plan.table === 'TrafficEvent') eventTypeOf(sql, f);
  else if (f.type) sql.and(`"${plan.flows}" > 0`);
  if (f.search?.trim()) sql.and(contains(pg, '"searchText"', sql.param(searchKey(f.search.trim()))));
  return sql;
}

/**
 * The events the search sums miss: their source port is one of `ports`, and the key is in their
 * full text but not in that text without ":" and the port (what their search-sum group holds; see
 * lib/domain/traffic-search.ts). Events stored before srcPort was kept have none: the sums hold
 * their full text. Hours are listed, so the index is read at each (hour, port) pair rather than
 * across every event of the range.
 */
function portsWhere(actor: Actor, f: SummaryFilter, range: ChartRange, pg: boolean, key: string, ports: number[]): Sql {
  const sql = new Sql(pg);
  const hours: number[] = [];
  for (let t = range.from.getTime(); t < range.to.getTime(); t += ROLLUP_MS) hours.push(t / ROLLUP_MS);
  /** `column` is one of `values`, passed as one array parameter. */
  const oneOf = (column: string, values: number[]) =>
    pg ? `"${column}" = ANY(${sql.param(values)}::int[])` : `"${column}" IN (SELECT value FROM json_each(${sql.param(JSON.stringify(values))}))`;
  sql.and(`"accountId" = ${sql.param(actor.accountId)}`);
  sql.and(oneOf('windowHour', hours));
  sql.and(oneOf('srcPort', ports));
  filtersOf(sql, f);
  eventTypeOf(sql, f);
  const length = pg ? 'char_length' : 'length';
  // (PostgreSQL refuses a negative length; ingest writes searchText ending with ":" and the port.)
  const portless = `substr("searchText", 1, ${pg ? 'GREATEST' : 'max'}(${length}("searchText") - ${length}(CAST("srcPort" AS TEXT)) - 1, 0))`;
  sql.and(contains(pg, '"searchText"', sql.param(key)));
  sql.and(`NOT ${contains(pg, portless, sql.param(key))}`);
  return sql;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

/** Bytes and flows per key, largest first (by bytes, then flows). */
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
    return [...this.sums.values()].sort((a, b) => b.bytes - a.bytes || b.flows - a.flows).slice(0, n);
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

/**
 * Source ports are mostly picked from 32768–65535 (Linux uses 32768–60999, others 49152–65535);
 * a search whose ports cover more than this share of them would look up a large part of the range's
 * events one by one, which costs more than reading them in order.
 */
const MAX_EPHEMERAL_SHARE = 0.1;

/** The source ports a search can match inside, or 'most' when reading the events in order is cheaper. */
function searchPorts(f: SummaryFilter): number[] | 'most' {
  const search = f.search?.trim();
  if (!search) return [];
  const ports = portsMatching(searchKey(search));
  const ephemeral = ports.filter((p) => p >= 32_768).length;
  return ephemeral > MAX_EPHEMERAL_SHARE * (MAX_PORT + 1 - 32_768) ? 'most' : ports;
}

/** Why a request is answered from the events table, or '' when hourly sums can answer it. */
export function eventsReason(f: SummaryFilter, bucketMs: number, ports = searchPorts(f)): string {
  if (bucketMs < ROLLUP_MS) return 'Buckets shorter than an hour are computed from the events table.';
  if (ports === 'most') {
    return 'This search can match inside most source ports (numbers like it appear in many), so these figures were computed from the events table.';
  }
  return '';
}

/** `exact`: read the events table whatever the request (how tests check the other plans). */
export async function trafficSummary(db: Tx, actor: Actor, input: SummaryInput, now = new Date(), options: { exact?: boolean } = {}): Promise<TrafficSummary> {
  // The same checks (and messages) as the network-traffic listing; the condition itself is built below.
  trafficWhere(actor, input);
  if (input.bucket !== undefined && (!Number.isInteger(input.bucket) || input.bucket <= 0)) throw new ValidationError('bucket must be a positive number of seconds');
  const to = parseRangeEnd('to', input.to, now);
  const from = parseRangeEnd('from', input.from, new Date(to.getTime() - DAY));
  const range = chartRange(from, to, input.bucket === undefined ? undefined : input.bucket * 1000);
  const ports = searchPorts(input);
  const reason = options.exact ? 'Computed from the events table, as asked.' : eventsReason(input, range.bucketMs, ports);
  const filtered = FILTER_KEYS.some((k) => input[k] !== undefined && input[k] !== '');
  const plan = reason ? EVENTS : input.type ? typeSums(input.type) : input.search?.trim() ? SEARCH_ROLLUPS : filtered ? ROLLUPS : TOTALS;
  const pg = dbConfig().provider === 'postgresql';
  const where = whereOf(plan, actor, input, range, pg);

  // Rollups and totals: two scans of the range, one per time bucket, one for the protocol, peer and
  // user breakdowns. Unfiltered, both read the one-dimension totals (a few rows per hour); filtered,
  // the rollups grouped by reporter, user and protocol (about as many groups as the account has
  // peers). The events table and the search rollups are read once (below): their rows are tested
  // against a substring, and they are the larger tables.
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
    // One scan grouped by bucket, reporter, user and protocol gives both the series and the breakdowns.
    const breakdown = `"reporterId" AS "peer", "userId" AS "user", "protocol" AS "proto", MAX("userEmail") AS "label"`;
    const rows = await aggregate(db, plan, where, pg, `${timeGroup} AS "g", ${breakdown}`, `${timeGroup}, "reporterId", "userId", "protocol"`);
    if (plan.table === 'TrafficSearchRollup' && ports !== 'most' && ports.length) {
      const missed = portsWhere(actor, input, range, pg, searchKey(input.search!.trim()), ports);
      for (const r of await aggregate(db, PORT_EVENTS, missed, pg, `"windowHour" AS "h", ${breakdown}`, `"windowHour", "reporterId", "userId", "protocol"`)) {
        rows.push({ ...r, g: new Date(num(r.h) * ROLLUP_MS) });
      }
    }
    byTime = rows;
    rows.forEach(addBreakdown);
  } else byTime = await aggregate(db, plan, plan === TOTALS ? where.with(`"dim" = 'all'`) : where, pg, `${timeGroup} AS "g"`, timeGroup);
  if (plan === TOTALS) {
    for (const r of await aggregate(db, plan, where.with(`"dim" IN ('protocol', 'peer', 'user')`), pg, '"dim" AS "dim", "value" AS "value", MAX("label") AS "label"', '"dim", "value"')) {
      const bytes = num(r.rx) + num(r.tx);
      if (r.dim === 'protocol') protocols.add(num(r.value), bytes, num(r.n));
      else if (r.dim === 'peer') peers.add(String(r.value), bytes, num(r.n));
      else users.add(String(r.value), bytes, num(r.n), String(r.label ?? ''));
    }
  } else if (plan === ROLLUPS) {
    (await aggregate(db, plan, where, pg, '"reporterId" AS "peer", "userId" AS "user", "protocol" AS "proto", MAX("userEmail") AS "label"', '"reporterId", "userId", "protocol"')).forEach(addBreakdown);
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
