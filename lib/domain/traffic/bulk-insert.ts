// Fast bulk insert of traffic flow records, bypassing the ORM: agents report up to 10,000 events
// per request and the ORM's one-statement-per-row path is an order of magnitude slower.
// - SQLite: a second better-sqlite3 connection to the same file (WAL lets it write beside the
//   Prisma connection; busy_timeout makes it wait for a concurrent writer), one prepared statement,
//   all rows in one transaction.
// - PostgreSQL: a small pg pool of its own, one INSERT ... SELECT FROM unnest(arrays) per chunk,
//   all chunks in one transaction.
// Each batch also adds its hourly sums to TrafficRollup and TrafficTotal (lib/domain/traffic/rollup.ts)
// and TrafficSearchRollup, TrafficSearchGroup and TrafficPortSum (lib/domain/traffic/search-rollup.ts)
// in the same transaction, one upsert per distinct key (a report of 10,000 events has a few dozen to
// a few thousand), and sets each event's search group number (the groups are written first).
// Values are written exactly as Prisma writes them (SQLite DateTime: ISO text with "+00:00";
// PostgreSQL: UTC wall-clock in TIMESTAMP(3)), so Prisma reads and filters them as its own.
import type BetterSqlite3 from 'better-sqlite3';
import type { Pool } from 'pg';
import type { TrafficEvent } from '../../db/models';
import { rollUp, totalsOf, type RollupRow, type TotalRow } from './rollup';
import { BIGINT_SUMS, groupRef, INT_SUMS, searchRollUp, type PortSumRow, type SearchGroupRow, type SearchRollupRow } from './search-rollup';

/** A row to store; the database numbers it, and the bulk path sets its day and search group. */
export type NewTrafficEvent = Omit<TrafficEvent, 'id' | 'searchGroupId' | 'windowDay'>;
import { dbConfig, type DbConfig } from '../../db/config';

type Kind = 'text' | 'int' | 'bigint' | 'time';

const COLUMNS: [keyof NewTrafficEvent, Kind][] = [
  ['accountId', 'text'], ['flowId', 'text'], ['reporterId', 'text'], ['receiveTimestamp', 'time'],
  ['srcId', 'text'], ['srcType', 'text'], ['srcName', 'text'], ['srcAddress', 'text'], ['srcDnsLabel', 'text'],
  ['srcOs', 'text'], ['srcCountry', 'text'], ['srcCity', 'text'],
  ['dstId', 'text'], ['dstType', 'text'], ['dstName', 'text'], ['dstAddress', 'text'], ['dstDnsLabel', 'text'],
  ['dstOs', 'text'], ['dstCountry', 'text'], ['dstCity', 'text'],
  ['userId', 'text'], ['userEmail', 'text'], ['userName', 'text'], ['policyId', 'text'], ['policyName', 'text'],
  ['icmpType', 'int'], ['icmpCode', 'int'], ['protocol', 'int'], ['direction', 'text'], ['connectionType', 'text'],
  ['rxBytes', 'bigint'], ['rxPackets', 'bigint'], ['txBytes', 'bigint'], ['txPackets', 'bigint'],
  ['numStarts', 'int'], ['numEnds', 'int'], ['numDrops', 'int'],
  ['windowStart', 'time'], ['windowEnd', 'time'], ['events', 'text'], ['eventTypes', 'text'], ['searchText', 'text'],
  ['srcPort', 'int'], ['windowHour', 'int'],
];
/** The columns written: the rows' own, then windowDay and searchGroupId (set here). */
const COLUMN_LIST = [...COLUMNS.map(([c]) => `"${c}"`), '"windowDay"', '"searchGroupId"'].join(', ');
const windowDay = (row: NewTrafficEvent) => (row.windowHour === null ? null : Math.floor(row.windowHour / 24));
/** Per event, its group's number: `ids` maps each group's groupRef() to it. */
function eventGroupIds(rows: NewTrafficEvent[], keys: (string | null)[], ids: Map<string, number>): (number | null)[] {
  return keys.map((k, i) => {
    if (k === null) return null;
    const id = ids.get(groupRef(rows[i].accountId, k));
    if (id === undefined) throw new Error(`search group ${k} was not stored`);
    return id;
  });
}
const PG_CHUNK = 5_000;

const ROLLUP_KEY: (keyof RollupRow)[] = ['accountId', 'bucketStart', 'reporterId', 'srcId', 'dstId', 'userId', 'protocol', 'direction', 'connectionType'];
const ROLLUP_SUMS: (keyof RollupRow)[] = ['rxBytes', 'txBytes', 'rxPackets', 'txPackets', 'flows'];
const ROLLUP_COLUMNS: [keyof RollupRow, Kind][] = [
  ['accountId', 'text'], ['bucketStart', 'time'], ['reporterId', 'text'], ['srcId', 'text'], ['dstId', 'text'], ['userId', 'text'],
  ['protocol', 'int'], ['direction', 'text'], ['connectionType', 'text'], ['userEmail', 'text'],
  ['rxBytes', 'bigint'], ['txBytes', 'bigint'], ['rxPackets', 'bigint'], ['txPackets', 'bigint'], ['flows', 'int'],
];
const TOTAL_COLUMNS: [keyof TotalRow, Kind][] = [
  ['accountId', 'text'], ['dim', 'text'], ['bucketStart', 'time'], ['value', 'text'], ['label', 'text'],
  ['rxBytes', 'bigint'], ['txBytes', 'bigint'], ['flows', 'int'],
];
/** The summed columns TrafficSearchRollup and TrafficPortSum share (per sub-event type too). */
const SUMS = [...BIGINT_SUMS, ...INT_SUMS];
const SUM_COLUMNS = [...BIGINT_SUMS.map((c): [typeof c, Kind] => [c, 'bigint']), ...INT_SUMS.map((c): [typeof c, Kind] => [c, 'int'])];
const SEARCH_ROLLUP_COLUMNS: [keyof SearchRollupRow, Kind][] = [
  ['accountId', 'text'], ['bucketStart', 'time'], ['groupKey', 'text'], ['reporterId', 'text'], ['srcId', 'text'], ['dstId', 'text'],
  ['userId', 'text'], ['protocol', 'int'], ['direction', 'text'], ['connectionType', 'text'], ['searchText', 'text'], ['userEmail', 'text'],
  ...SUM_COLUMNS,
];
const GROUP_COLUMNS: [keyof SearchGroupRow, Kind][] = [
  ['accountId', 'text'], ['groupKey', 'text'], ['reporterId', 'text'], ['srcId', 'text'], ['dstId', 'text'], ['userId', 'text'],
  ['protocol', 'int'], ['direction', 'text'], ['connectionType', 'text'], ['searchText', 'text'], ['userEmail', 'text'],
];
const PORT_SUM_COLUMNS: [keyof PortSumRow, Kind][] = [
  ['accountId', 'text'], ['digit', 'text'], ['bucketStart', 'time'], ['reporterId', 'text'], ['userId', 'text'], ['protocol', 'int'],
  ['groupKey', 'text'], ['userEmail', 'text'],
  ...SUM_COLUMNS,
];
const quoted = (cols: readonly string[]) => cols.map((c) => `"${c}"`).join(', ');
/** Adds to an existing key's sums; the label, if any, keeps the latest non-empty value. */
const conflict = (table: string, key: readonly string[], sums: readonly string[], label?: string) =>
  `ON CONFLICT (${quoted(key)}) DO UPDATE SET ` +
  sums.map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`).join(', ') +
  (label ? `, "${label}" = CASE WHEN excluded."${label}" <> '' THEN excluded."${label}" ELSE "${table}"."${label}" END` : '');
const ROLLUP_CONFLICT = conflict('TrafficRollup', ROLLUP_KEY, ROLLUP_SUMS, 'userEmail');
const TOTAL_CONFLICT = conflict('TrafficTotal', ['accountId', 'dim', 'bucketStart', 'value'], ['rxBytes', 'txBytes', 'flows'], 'label');
// The group key digests every other column, the email included, so only the sums change.
const SEARCH_ROLLUP_CONFLICT = conflict('TrafficSearchRollup', ['accountId', 'bucketStart', 'reporterId', 'userId', 'protocol', 'groupKey'], SUMS);
// A group's columns never change (its key digests them).
const GROUP_CONFLICT = 'ON CONFLICT ("accountId", "groupKey") DO NOTHING';
const PORT_SUM_CONFLICT = conflict('TrafficPortSum', ['accountId', 'digit', 'bucketStart', 'reporterId', 'userId', 'protocol', 'groupKey'], SUMS);

interface SqliteWriter {
  insertAll(rows: NewTrafficEvent[]): void;
  close(): void;
}

// Next.js bundles each route separately; globals keep one connection (pool) per process.
const holder = globalThis as unknown as {
  __meshdeckTrafficSqlite?: Map<string, SqliteWriter>;
  __meshdeckTrafficPg?: Map<string, Pool>;
};

/**
 * Copies a row's fields into the positional parameter array. Generated once from COLUMNS (constant
 * names, no input involved) so each field is a plain property read: reading 43 fields by a
 * computed key per row was a fifth of a 10,000-row report's cost.
 */
function columnFiller(): (row: NewTrafficEvent, out: unknown[], time: (d: Date) => string) => void {
  const body = COLUMNS.map(([name, kind], i) => (kind === 'time' ? `out[${i}] = time(row.${name});` : `out[${i}] = row.${name};`)).join('\n');
  return new Function('row', 'out', 'time', body) as never;
}

/** Rows per multi-row upsert: a report may have thousands of search groups, and a statement per
 * row cost about as much again as the rows' own writes. */
const SQLITE_UPSERT_ROWS = 64;

/** Upserts rows in statements of up to SQLITE_UPSERT_ROWS rows each. */
function upsertMany<T>(db: BetterSqlite3.Database, table: string, columns: [keyof T, Kind][], onConflict: string) {
  const statements = new Map<number, BetterSqlite3.Statement>();
  const statement = (n: number) => {
    let s = statements.get(n);
    if (!s) {
      const row = `(${columns.map(() => '?').join(', ')})`;
      s = db.prepare(`INSERT INTO "${table}" (${quoted(columns.map(([c]) => String(c)))}) VALUES ${Array.from({ length: n }, () => row).join(', ')} ${onConflict}`);
      statements.set(n, s);
    }
    return s;
  };
  return (rows: T[], time: (d: Date) => string) => {
    for (let i = 0; i < rows.length; i += SQLITE_UPSERT_ROWS) {
      const chunk = rows.slice(i, i + SQLITE_UPSERT_ROWS);
      const values: unknown[] = [];
      for (const row of chunk) for (const [name, kind] of columns) values.push(kind === 'time' ? time(row[name] as Date) : row[name]);
      statement(chunk.length).run(values);
    }
  };
}

async function sqliteWriter(file: string): Promise<SqliteWriter> {
  holder.__meshdeckTrafficSqlite ??= new Map();
  const cached = holder.__meshdeckTrafficSqlite.get(file);
  if (cached) return cached;
  const { default: Database } = await import('better-sqlite3');
  const db: BetterSqlite3.Database = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  // A larger page cache keeps the indexes' hot pages in memory across reports (allocated as used).
  db.pragma('cache_size = -32768');
  // WAL with NORMAL sync cannot corrupt the database; a power cut may lose the last reports,
  // which is acceptable for traffic telemetry and halves the commit cost of a 10,000-row batch.
  db.pragma('synchronous = NORMAL');
  // Checkpoint the WAL in larger steps (about four reports) rather than after every report.
  db.pragma('wal_autocheckpoint = 10000');
  const insert = db.prepare(`INSERT INTO "TrafficEvent" (${COLUMN_LIST}) VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?)`);
  const groupId = db.prepare(`SELECT "id" FROM "TrafficSearchGroup" WHERE "accountId" = ? AND "groupKey" = ?`).pluck();
  const upsertRollups = upsertMany<RollupRow>(db, 'TrafficRollup', ROLLUP_COLUMNS, ROLLUP_CONFLICT);
  const upsertTotals = upsertMany<TotalRow>(db, 'TrafficTotal', TOTAL_COLUMNS, TOTAL_CONFLICT);
  const upsertSearchRollups = upsertMany<SearchRollupRow>(db, 'TrafficSearchRollup', SEARCH_ROLLUP_COLUMNS, SEARCH_ROLLUP_CONFLICT);
  const insertGroups = upsertMany<SearchGroupRow>(db, 'TrafficSearchGroup', GROUP_COLUMNS, GROUP_CONFLICT);
  const upsertPortSums = upsertMany<PortSumRow>(db, 'TrafficPortSum', PORT_SUM_COLUMNS, PORT_SUM_CONFLICT);
  const values = new Array<unknown>(COLUMNS.length + 2);
  const fill = columnFiller();
  const insertAll = db.transaction((rows: NewTrafficEvent[]) => {
    // Events of a report share timestamps (receive time, window edges): format each once.
    const iso = new Map<number, string>();
    const text = (d: Date) => {
      const t = d.getTime();
      let s = iso.get(t);
      if (s === undefined) iso.set(t, (s = d.toISOString().replace('Z', '+00:00')));
      return s;
    };
    const search = searchRollUp(rows);
    insertGroups(search.groups, text);
    const ids = new Map(search.groups.map((g) => [groupRef(g.accountId, g.groupKey), groupId.get(g.accountId, g.groupKey) as number]));
    const groupIds = eventGroupIds(rows, search.eventGroups, ids);
    for (let i = 0; i < rows.length; i++) {
      fill(rows[i], values, text);
      values[COLUMNS.length] = windowDay(rows[i]);
      values[COLUMNS.length + 1] = groupIds[i];
      insert.run(values);
    }
    const rollups = rollUp(rows);
    upsertRollups(rollups, text);
    upsertTotals(totalsOf(rollups), text);
    upsertSearchRollups(search.sums, text);
    upsertPortSums(search.portSums, text);
  });
  // IMMEDIATE: take the write lock up front (waiting up to busy_timeout), never midway.
  const writer = { insertAll: (rows: NewTrafficEvent[]) => insertAll.immediate(rows), close: () => db.close() };
  holder.__meshdeckTrafficSqlite.set(file, writer);
  return writer;
}

async function pgPool(url: string): Promise<Pool> {
  holder.__meshdeckTrafficPg ??= new Map();
  const cached = holder.__meshdeckTrafficPg.get(url);
  if (cached) return cached;
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  holder.__meshdeckTrafficPg.set(url, pool);
  return pool;
}

const PG_TYPES: Record<Kind, string> = { text: 'text[]', int: 'integer[]', bigint: 'bigint[]', time: 'timestamp(3)[]' };
const pgUnnest = (columns: [string, Kind][]) => columns.map(([, kind], i) => `$${i + 1}::${PG_TYPES[kind]}`).join(', ');
const PG_INSERT = `INSERT INTO "TrafficEvent" (${COLUMN_LIST}) SELECT * FROM unnest(${pgUnnest([...COLUMNS, ['windowDay', 'int'], ['searchGroupId', 'int']])})`;
// rollUp() returns each key once, as one INSERT ... ON CONFLICT statement requires.
const PG_UPSERT_ROLLUPS = `INSERT INTO "TrafficRollup" (${quoted(ROLLUP_COLUMNS.map(([c]) => c))}) SELECT * FROM unnest(${pgUnnest(ROLLUP_COLUMNS)}) ${ROLLUP_CONFLICT}`;
const PG_UPSERT_SEARCH_ROLLUPS = `INSERT INTO "TrafficSearchRollup" (${quoted(SEARCH_ROLLUP_COLUMNS.map(([c]) => c))}) SELECT * FROM unnest(${pgUnnest(SEARCH_ROLLUP_COLUMNS)}) ${SEARCH_ROLLUP_CONFLICT}`;
const PG_INSERT_GROUPS = `INSERT INTO "TrafficSearchGroup" (${quoted(GROUP_COLUMNS.map(([c]) => c))}) SELECT * FROM unnest(${pgUnnest(GROUP_COLUMNS)}) ${GROUP_CONFLICT}`;
// After the insert (a concurrent report's new group is seen once it commits: the insert waits for it).
const PG_GROUP_IDS = `SELECT "id", "accountId", "groupKey" FROM "TrafficSearchGroup" WHERE ("accountId", "groupKey") IN (SELECT * FROM unnest($1::text[], $2::text[]))`;
const PG_UPSERT_PORT_SUMS = `INSERT INTO "TrafficPortSum" (${quoted(PORT_SUM_COLUMNS.map(([c]) => c))}) SELECT * FROM unnest(${pgUnnest(PORT_SUM_COLUMNS)}) ${PORT_SUM_CONFLICT}`;
const PG_UPSERT_TOTALS = `INSERT INTO "TrafficTotal" (${quoted(TOTAL_COLUMNS.map(([c]) => c))}) SELECT * FROM unnest(${pgUnnest(TOTAL_COLUMNS)}) ${TOTAL_CONFLICT}`;

function pgArrays<T>(columns: [keyof T, Kind][], rows: T[]): unknown[][] {
  return columns.map(([name, kind]) =>
    rows.map((row) => {
      const v = row[name];
      if (kind === 'time') return (v as Date).toISOString().replace('T', ' ').replace('Z', '');
      if (kind === 'bigint') return String(v);
      return v;
    }),
  );
}

async function insertPg(url: string, rows: NewTrafficEvent[]) {
  const client = await (await pgPool(url)).connect();
  /** One statement per PG_CHUNK rows, each column sent as one array. */
  const inChunks = async <T>(sql: string, columns: [keyof T, Kind][], all: T[], extra: unknown[][] = []) => {
    for (let i = 0; i < all.length; i += PG_CHUNK) {
      const arrays = pgArrays(columns, all.slice(i, i + PG_CHUNK));
      await client.query(sql, [...arrays, ...extra.map((e) => e.slice(i, i + PG_CHUNK))]);
    }
  };
  try {
    await client.query('BEGIN');
    const search = searchRollUp(rows);
    await inChunks(PG_INSERT_GROUPS, GROUP_COLUMNS, search.groups);
    const ids = new Map<string, number>();
    for (let i = 0; i < search.groups.length; i += PG_CHUNK) {
      const chunk = search.groups.slice(i, i + PG_CHUNK);
      const found = await client.query<{ id: number; accountId: string; groupKey: string }>(PG_GROUP_IDS, [chunk.map((g) => g.accountId), chunk.map((g) => g.groupKey)]);
      for (const g of found.rows) ids.set(groupRef(g.accountId, g.groupKey), g.id);
    }
    await inChunks(PG_INSERT, COLUMNS, rows, [rows.map(windowDay), eventGroupIds(rows, search.eventGroups, ids)]);
    const rollups = rollUp(rows);
    await inChunks(PG_UPSERT_ROLLUPS, ROLLUP_COLUMNS, rollups);
    await inChunks(PG_UPSERT_TOTALS, TOTAL_COLUMNS, totalsOf(rollups));
    await inChunks(PG_UPSERT_SEARCH_ROLLUPS, SEARCH_ROLLUP_COLUMNS, search.sums);
    await inChunks(PG_UPSERT_PORT_SUMS, PORT_SUM_COLUMNS, search.portSums);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Inserts all rows in one transaction (all or none). */
export async function insertTrafficEvents(rows: NewTrafficEvent[], cfg: DbConfig = dbConfig()): Promise<void> {
  if (!rows.length) return;
  if (cfg.provider === 'sqlite') (await sqliteWriter(cfg.file)).insertAll(rows);
  else await insertPg(cfg.url, rows);
}

/** Closes the bulk connections (tests and benchmarks; the server keeps them for its lifetime). */
export async function closeBulkTraffic(): Promise<void> {
  for (const pool of holder.__meshdeckTrafficPg?.values() ?? []) await pool.end();
  holder.__meshdeckTrafficPg?.clear();
  for (const writer of holder.__meshdeckTrafficSqlite?.values() ?? []) writer.close();
  holder.__meshdeckTrafficSqlite?.clear();
}
