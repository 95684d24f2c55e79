// The pieces the traffic charts' statements are built from (lib/domain/traffic/summary.ts and
// lib/domain/traffic/search-ports.ts): a parameter list for either database, and the conditions
// and columns every plan shares.
import type { TrafficFilter } from './query';

export type SummaryFilter = Omit<TrafficFilter, 'page' | 'pageSize' | 'startDate' | 'endDate'>;

/** A SQL condition with its parameters, for either database. */
export class Sql {
  readonly parts: string[] = [];
  readonly params: unknown[];
  /** `shared`: number parameters in one list with another builder's (parts of one statement). */
  constructor(private readonly pg: boolean, shared?: Sql) {
    this.params = shared ? shared.params : [];
  }
  param(v: unknown): string {
    this.params.push(v);
    return this.pg ? `$${this.params.length}` : '?';
  }
  /** A timestamp as the column stores it (see lib/domain/traffic/bulk-insert.ts). */
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

/** The filters other than time and `search`, for any plan; `at` names the table holding them. */
export function filtersOf(sql: Sql, f: SummaryFilter, at = '') {
  const columns: [keyof SummaryFilter, string][] = [
    ['userId', 'userId'], ['reporterId', 'reporterId'], ['sourceId', 'srcId'], ['destinationId', 'dstId'],
    ['connectionType', 'connectionType'], ['direction', 'direction'],
  ];
  for (const [key, column] of columns) if (f[key]) sql.and(`${at}"${column}" = ${sql.param(f[key])}`);
  if (f.protocol !== undefined) sql.and(`${at}"protocol" = ${sql.param(f.protocol)}`);
}

/** The `type` filter on the events table (the search rollups keep sums per type instead). */
export function eventTypeOf(sql: Sql, f: SummaryFilter, at = '') {
  if (f.type) sql.and(`${at}"eventTypes" LIKE ${sql.param(`%,${f.type},%`)}`);
}

// searchText and the key are both lower-cased with LIKE's wildcards mapped away (searchKey), so a
// plain substring test says the same as LIKE '%key%' and skips LIKE's per-row case folding.
export const contains = (pg: boolean, text: string, key: string) => (pg ? `strpos(${text}, ${key}) > 0` : `instr(${text}, ${key}) > 0`);

/** The columns every part of a chart query selects, grouped by hour (or bucket), reporter, user and protocol. */
export const PART_COLUMNS = (g: string, at: string, rx: string, tx: string, n: string) =>
  `${g} AS "g", ${at}"reporterId" AS "peer", ${at}"userId" AS "user", ${at}"protocol" AS "proto", MAX(${at}"userEmail") AS "label", ` +
  `SUM(${rx}) AS "rx", SUM(${tx}) AS "tx", ${n} AS "n"`;
