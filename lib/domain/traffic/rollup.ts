// Hourly traffic rollups and the time-bucket arithmetic of the traffic charts. Pure functions: the
// bulk path (lib/domain/traffic/bulk-insert.ts) stores what rollUp() returns in the events' transaction, and
// lib/domain/traffic/summary.ts reads the rollups with the buckets chosen here.
import type { TrafficEvent, TrafficRollup, TrafficTotal } from '../../db/models';
import { ValidationError } from '../errors';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** The rollups' granularity: one row per key and UTC hour. */
export const ROLLUP_MS = HOUR;
/** Chart bucket sizes offered, smallest first. */
export const BUCKETS_MS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, DAY] as const;
/** The server picks the smallest bucket giving at most this many points. */
export const TARGET_POINTS = 180;
/** Longer ranges get buckets of an hour or more, so they are read from the rollups. */
export const FINE_RANGE_MS = 6 * HOUR;
/** A requested bucket may not produce more points than this. */
export const MAX_POINTS = 1500;
/** Longest range a chart may cover. */
export const MAX_RANGE_MS = 400 * DAY;

export type RollupRow = TrafficRollup;
export type TotalRow = TrafficTotal;
/** The dimensions of TrafficTotal rows. */
export const TOTAL_DIMS = ['all', 'protocol', 'peer', 'user'] as const;
type EventFields = Pick<
  TrafficEvent,
  'accountId' | 'windowStart' | 'reporterId' | 'srcId' | 'dstId' | 'userId' | 'userEmail' | 'protocol' | 'direction' | 'connectionType' | 'rxBytes' | 'txBytes' | 'rxPackets' | 'txPackets'
>;

export const floorTo = (ms: number, bucketMs: number) => Math.floor(ms / bucketMs) * bucketMs;
export const ceilTo = (ms: number, bucketMs: number) => Math.ceil(ms / bucketMs) * bucketMs;

/**
 * Groups a report's events (up to 10,000) by a tuple of numbers and texts without building a text
 * key per event, which cost more than all the rest of the rollups: every distinct text gets a
 * number, the tuple's numbers are mixed into one 32-bit hash, and a group is found by that hash and
 * then compared number by number. Use: start(), num()/text() for each part, then find() or put().
 */
export class Groups<G> {
  private readonly ids = new Map<string, number>();
  private readonly byHash = new Map<number, { tuple: Int32Array; group: G }[]>();
  private readonly all: G[] = [];
  private readonly tuple: Int32Array;
  private at = 0;
  private hash = 0;
  constructor(parts: number) {
    this.tuple = new Int32Array(parts);
  }
  start(): this {
    this.at = 0;
    this.hash = 0x811c9dc5;
    return this;
  }
  /** A number part (a 32-bit integer: hours since 1970, a protocol). */
  num(n: number): this {
    this.tuple[this.at++] = n;
    const h = Math.imul(this.hash ^ n, 0x5bd1e995);
    this.hash = h ^ (h >>> 15);
    return this;
  }
  text(s: string): this {
    let n = this.ids.get(s);
    if (n === undefined) this.ids.set(s, (n = this.ids.size));
    return this.num(n);
  }
  /** The group of the tuple just built, if there is one. */
  find(): G | undefined {
    const list = this.byHash.get(this.hash);
    if (!list) return undefined;
    next: for (const entry of list) {
      for (let i = 0; i < this.at; i++) if (entry.tuple[i] !== this.tuple[i]) continue next;
      return entry.group;
    }
    return undefined;
  }
  /** Makes `group` the group of the tuple just built (after find() found none). */
  put(group: G): void {
    const entry = { tuple: this.tuple.slice(0, this.at), group };
    const list = this.byHash.get(this.hash);
    if (list) list.push(entry);
    else this.byHash.set(this.hash, [entry]);
    this.all.push(group);
  }
  /** Every group, in the order they were first put. */
  groups(): G[] {
    return this.all;
  }
}

/** The TrafficRollup key columns of an event in an hour (hours since 1970); the search rollups share them. */
export function rollupKey(r: Pick<EventFields, 'accountId' | 'reporterId' | 'srcId' | 'dstId' | 'userId' | 'protocol' | 'direction' | 'connectionType'>, hour: number) {
  return {
    accountId: r.accountId,
    bucketStart: new Date(hour * ROLLUP_MS),
    reporterId: r.reporterId,
    srcId: r.srcId,
    dstId: r.dstId,
    userId: r.userId,
    protocol: r.protocol,
    direction: r.direction,
    connectionType: r.connectionType,
  };
}

/** Sums events by rollup key (hour, reporter, source, destination, user, protocol, direction, connection type). */
export function rollUp(rows: readonly EventFields[]): RollupRow[] {
  const groups = new Groups<RollupRow>(9);
  for (const r of rows) {
    const hour = Math.floor(r.windowStart.getTime() / ROLLUP_MS);
    groups.start().num(hour).num(r.protocol).text(r.accountId).text(r.reporterId).text(r.srcId).text(r.dstId).text(r.userId).text(r.direction).text(r.connectionType);
    const sum = groups.find();
    if (sum) {
      sum.rxBytes += r.rxBytes;
      sum.txBytes += r.txBytes;
      sum.rxPackets += r.rxPackets;
      sum.txPackets += r.txPackets;
      sum.flows += 1;
      if (r.userEmail) sum.userEmail = r.userEmail;
      continue;
    }
    groups.put({
      ...rollupKey(r, hour),
      userEmail: r.userEmail,
      rxBytes: r.rxBytes,
      txBytes: r.txBytes,
      rxPackets: r.rxPackets,
      txPackets: r.txPackets,
      flows: 1,
    });
  }
  return groups.groups();
}

/**
 * The one-dimension hourly totals of rollup rows: overall, per protocol, per reporting peer and per
 * user (flows without a user are left out of `user`).
 */
export function totalsOf(rollups: readonly RollupRow[]): TotalRow[] {
  const byKey = new Map<string, TotalRow>();
  const add = (r: RollupRow, dim: (typeof TOTAL_DIMS)[number], value: string, label = '') => {
    const key = `${r.accountId}\u0001${dim}\u0001${r.bucketStart.getTime()}\u0001${value}`;
    const sum = byKey.get(key);
    if (!sum) {
      byKey.set(key, { accountId: r.accountId, dim, bucketStart: r.bucketStart, value, label, rxBytes: r.rxBytes, txBytes: r.txBytes, flows: r.flows });
      return;
    }
    sum.rxBytes += r.rxBytes;
    sum.txBytes += r.txBytes;
    sum.flows += r.flows;
    if (label) sum.label = label;
  };
  for (const r of rollups) {
    add(r, 'all', '');
    add(r, 'protocol', String(r.protocol));
    add(r, 'peer', r.reporterId);
    if (r.userId) add(r, 'user', r.userId, r.userEmail);
  }
  return [...byKey.values()];
}

/**
 * The bucket the server picks for a range: the smallest of BUCKETS_MS giving ≤ TARGET_POINTS
 * points, and at least an hour for ranges over FINE_RANGE_MS (finer ones scan the events table).
 */
export function chooseBucket(rangeMs: number): number {
  const smallest = rangeMs > FINE_RANGE_MS ? ROLLUP_MS : MINUTE;
  return BUCKETS_MS.find((b) => b >= smallest && rangeMs / b <= TARGET_POINTS) ?? DAY;
}

export interface ChartRange {
  from: Date;
  to: Date;
  bucketMs: number;
}

/**
 * Checks a chart request and widens [from, to) outwards to whole buckets, so every bucket is
 * complete (and, for buckets of an hour or more, made of whole rollup hours).
 */
export function chartRange(from: Date, to: Date, bucketMs?: number): ChartRange {
  if (to.getTime() <= from.getTime()) throw new ValidationError('to must be after from');
  const range = to.getTime() - from.getTime();
  if (range > MAX_RANGE_MS) throw new ValidationError(`the range may span at most ${MAX_RANGE_MS / DAY} days`);
  const bucket = bucketMs ?? chooseBucket(range);
  if (!(BUCKETS_MS as readonly number[]).includes(bucket)) {
    throw new ValidationError(`bucket must be one of ${BUCKETS_MS.map((b) => b / 1000).join(', ')} (seconds)`);
  }
  const start = floorTo(from.getTime(), bucket);
  const end = ceilTo(to.getTime(), bucket);
  if ((end - start) / bucket > MAX_POINTS) throw new ValidationError(`bucket too small for this range (more than ${MAX_POINTS} points)`);
  return { from: new Date(start), to: new Date(end), bucketMs: bucket };
}

/** Every bucket start of a range, oldest first (charts show empty buckets as zero). */
export function bucketStarts(r: ChartRange): number[] {
  const out: number[] = [];
  for (let t = r.from.getTime(); t < r.to.getTime(); t += r.bucketMs) out.push(t);
  return out;
}
