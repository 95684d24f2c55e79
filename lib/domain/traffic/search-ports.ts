// What a chart `search` adds through source ports: the events its search sums (TrafficSearchRollup)
// did not count, because the sums leave the source port out of the text (see
// lib/domain/traffic/search.ts for why the result stays exact). Parts of the one statement
// lib/domain/traffic/summary.ts builds.
import type { Actor } from '../actor';
import { portsMatching, searchKey } from './search';
import { ROLLUP_MS, type ChartRange } from './rollup';
import { contains, eventTypeOf, filtersOf, PART_COLUMNS, Sql, type SummaryFilter } from './sql';

/** The summed columns a part reads (a summary plan's). */
interface SumColumns {
  rx: string;
  tx: string;
  flows: string;
}

/**
 * The group-level test for what a search key adds through source ports (see
 * lib/domain/traffic/search.ts): the group's text W lacks the key, and for a key with ":" (s + ":"
 * + digits), W ends with s. `text` is W's column.
 */
function missedBy(sql: Sql, pg: boolean, key: string, text: string) {
  sql.and(`NOT ${contains(pg, text, sql.param(key))}`);
  const colon = key.lastIndexOf(':');
  if (colon >= 0) {
    const suffix = key.slice(0, colon);
    // Lengths in the database's characters (JavaScript counts UTF-16 units).
    if (suffix) sql.and(pg ? `right(${text}, char_length(${sql.param(suffix)})) = ${sql.param(suffix)}` : `substr(${text}, -length(${sql.param(suffix)})) = ${sql.param(suffix)}`);
  }
}

// On PostgreSQL a search's groups are matched through an expression (`+ 0`, `|| ''`): it
// estimates a suffix test to keep one group, loops over the groups and reads the whole range of
// the index once per group (14 groups for `100.64.1.5:`: 0.8 s); compared as an expression, the
// range is read once and joined to the groups by hash (0.12–0.17 s).

/**
 * The events the search sums miss, when the key can match inside a few source ports: events of
 * those ports whose group's text W lacks the key (and, for a key with ":", ends with what precedes
 * it), read from the (account, day, port, hour, group, bytes) index alone, day by day and port by
 * port (or run of ports). That the event's whole text then holds the key follows from the port
 * choice (lib/domain/traffic/search.ts), so the events are tested by their group's number only;
 * the groups (with the other filters) are picked from TrafficSearchGroup. Events stored before they
 * had a group have no srcPort: the sums hold their full text.
 * Returns the CTE "p" of the events (hour, group, bytes) and two parts for the statement's "x":
 * p's sums by hour (for the series: no reporter) and by group, labelled by the group's reporter,
 * user and protocol (for the breakdowns: no hour). Grouping p once by hour, reporter, user and
 * protocol instead made tens of thousands of groups out of 100,000 events (twice as slow).
 */
export function portEventsPart(sql: Sql, actor: Actor, f: SummaryFilter, range: ChartRange, pg: boolean, key: string, ports: number[]): { cte: string; parts: string[] } {
  const hours: number[] = [];
  for (let t = range.from.getTime(); t < range.to.getTime(); t += ROLLUP_MS) hours.push(t / ROLLUP_MS);
  const days = [...new Set(hours.map((h) => Math.floor(h / 24)))];
  let from: string;
  const where = new Sql(pg, sql);
  if (pg) {
    // PostgreSQL reads the index at each (day, port) pair of the two arrays; given lists of runs
    // to join, its planner scans every event of the account instead.
    from = `"TrafficEvent" AS e`;
    where.and(`e."accountId" = ${where.param(actor.accountId)}`);
    where.and(`e."windowDay" = ANY(${where.param(days)}::int[])`);
    where.and(`e."srcPort" = ANY(${where.param(ports)}::int[])`);
  } else {
    // SQLite: one range read per day and run of consecutive ports (fewer seeks than one per port),
    // each run passed as first port × 65536 + last port.
    const runs: number[] = [];
    for (let i = 0; i < ports.length; ) {
      let j = i;
      while (j + 1 < ports.length && ports[j + 1] === ports[j] + 1) j++;
      runs.push(ports[i] * 65_536 + ports[j]);
      i = j + 1;
    }
    from = `json_each(${sql.param(JSON.stringify(days))}) AS d CROSS JOIN json_each(${sql.param(JSON.stringify(runs))}) AS r CROSS JOIN "TrafficEvent" AS e`;
    where.and(`e."accountId" = ${where.param(actor.accountId)}`);
    where.and(`e."windowDay" = d.value`);
    where.and(`e."srcPort" BETWEEN r.value / 65536 AND r.value % 65536`);
  }
  where.and(`e."windowHour" BETWEEN ${where.param(hours[0])} AND ${where.param(hours[hours.length - 1])}`);
  eventTypeOf(where, f, 'e.');
  const groups = new Sql(pg, sql);
  groups.and(`"accountId" = ${groups.param(actor.accountId)}`);
  filtersOf(groups, f);
  missedBy(groups, pg, key, '"searchText"');
  where.and(`${pg ? 'e."searchGroupId" + 0' : 'e."searchGroupId"'} IN (SELECT "id" FROM "TrafficSearchGroup" WHERE ${groups.parts.join(' AND ')})`);
  const hour = pg ? `(TIMESTAMP '1970-01-01' + "h" * INTERVAL '1 hour')` : `strftime('%Y-%m-%dT%H:00:00.000+00:00', "h" * 3600, 'unixepoch')`;
  const byGroup = `SELECT "gid", SUM("rx") AS "rx", SUM("tx") AS "tx", COUNT(*) AS "n" FROM p GROUP BY "gid"`;
  return {
    cte: `p AS MATERIALIZED (SELECT e."windowHour" AS "h", e."searchGroupId" AS "gid", e."rxBytes" AS "rx", e."txBytes" AS "tx" FROM ${from} WHERE ${where.parts.join(' AND ')})`,
    parts: [
      `SELECT ${hour} AS "g", NULL AS "peer", NULL AS "user", NULL AS "proto", NULL AS "label", SUM("rx") AS "rx", SUM("tx") AS "tx", COUNT(*) AS "n" FROM p GROUP BY "h"`,
      `SELECT NULL AS "g", s."reporterId" AS "peer", s."userId" AS "user", s."protocol" AS "proto", s."userEmail" AS "label", t."rx", t."tx", t."n" FROM (${byGroup}) AS t JOIN "TrafficSearchGroup" AS s ON s."id" = t."gid"`,
    ],
  };
}

/**
 * What the search sums miss for a key that can match inside most source ports (one digit, or ":"
 * and at most one digit): the groups' hourly sums by port digit (TrafficPortSum) whose group's text
 * lacks the key, in key order (so grouped without a sort); the groups are picked, with the other
 * filters, from TrafficSearchGroup.
 */
export function portDigitsPart(sql: Sql, plan: SumColumns, actor: Actor, f: SummaryFilter, range: ChartRange, pg: boolean, key: string, digits: string[]): string {
  // (Conditions are added in the order they are written: SQLite numbers "?" by position.)
  const where = new Sql(pg, sql);
  where.and(`"accountId" = ${where.param(actor.accountId)}`);
  where.and(`"digit" IN (${digits.map((d) => where.param(d)).join(', ')})`);
  where.and(`"bucketStart" >= ${where.time(range.from)}`);
  where.and(`"bucketStart" < ${where.time(range.to)}`);
  if (f.type) where.and(`"${plan.flows}" > 0`);
  const groups = new Sql(pg, sql);
  groups.and(`"accountId" = ${groups.param(actor.accountId)}`);
  filtersOf(groups, f);
  missedBy(groups, pg, key, '"searchText"');
  where.and(`${pg ? `"groupKey" || ''` : '"groupKey"'} IN (SELECT "groupKey" FROM "TrafficSearchGroup" WHERE ${groups.parts.join(' AND ')})`);
  return `SELECT ${PART_COLUMNS('"bucketStart"', '', `"${plan.rx}"`, `"${plan.tx}"`, `SUM("${plan.flows}")`)} FROM "TrafficPortSum" WHERE ${where.parts.join(' AND ')} GROUP BY "bucketStart", "reporterId", "userId", "protocol"`;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * How a search reaches the events its search sums miss (see lib/domain/traffic/search.ts): none;
 * the events of a few source ports; or, for a key that can match inside most ports (one digit, or
 * ":" and at most one digit), the groups' hourly sums by port digit ("^d": the port starts with d).
 */
export function portPlan(f: SummaryFilter): { ports: number[] } | { digits: string[] } | null {
  const search = f.search?.trim();
  if (!search) return null;
  const key = searchKey(search);
  if (/^\d$/.test(key)) return { digits: [key] };
  const tail = key.slice(key.lastIndexOf(':') + 1);
  if (key.includes(':') && /^\d?$/.test(tail)) return { digits: tail ? [`^${tail}`] : DIGITS.map((d) => `^${d}`) };
  const ports = portsMatching(key);
  return ports.length ? { ports } : null;
}
