// On PostgreSQL "TrafficEvent" is partitioned by UTC day: an upgrade moves the stored events into
// partitions, inserts land in their day's partition (or, for a day without one, in the DEFAULT
// partition, never failing), the leader's pass creates days ahead and moves strays out of DEFAULT,
// and retention drops whole partitions (the tables are gone; the kept ones are the same tables).
// Uses DATABASE_URL when it points at PostgreSQL; otherwise starts a private cluster and stops it.
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import type { DbConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import { closeBulkTraffic, insertTrafficEvents } from '@/lib/domain/traffic/bulk-insert';
import { flowEventRow } from '@/lib/domain/traffic/ingest';
import { DAY_MS, PARTITION_DAYS_AHEAD, dayOf, partitionName } from '@/lib/domain/traffic/partitions';
import { runTrafficRetention } from '@/lib/domain/traffic/retention';
import { postgresServer, type PostgresServer } from '../support/postgres';
import { startServer, type RunningServer } from '../support/server';
import { createTempDb } from '../support/temp-db';

const ROOT = join(import.meta.dirname, '../..');
const MIGRATION = '20261207180000_traffic_event_partitions';
let pg: PostgresServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  pg = postgresServer();
});

afterAll(async () => {
  await closeBulkTraffic();
  for (const c of cleanups.reverse()) await c();
  pg?.stop();
});

async function database(root = ROOT): Promise<{ cfg: DbConfig; db: Db; accountId: string }> {
  const temp = await createTempDb('meshdeck-part-', pg.url);
  cleanups.push(() => temp.drop());
  const cfg: DbConfig = { provider: 'postgresql', url: temp.databaseUrl };
  await migrate(cfg, root);
  const db = await createDb(cfg);
  cleanups.push(() => db.$disconnect());
  const { account } = await createAccountWithOwner(db, { name: 'p', domain: 'part.test', ownerEmail: 'o@part.test', ownerName: 'O', ownerPassword: 'partition-password-1' });
  return { cfg, db, accountId: account.id };
}

/** `n` events at `start` (+1 s each). */
const events = (accountId: string, start: Date, n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => {
    const at = new Date(start.getTime() + i * 1000);
    return flowEventRow({ id: 'peer', accountId }, { flow_id: `${tag}-${i}`, window_start: at.toISOString(), window_end: new Date(at.getTime() + 1000).toISOString(), rx_bytes: 5 }, i, new Date());
  });

const today = () => dayOf(new Date());
const daysAgo = (n: number, hour = 12) => new Date(today().getTime() - n * DAY_MS + hour * 3_600_000);

async function partitions(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c.relname AS "name" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"TrafficEvent"'::regclass ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Where each flow's row is stored: flowId prefix → partition names. */
async function placement(db: Db): Promise<Record<string, string[]>> {
  const rows = await db.$queryRawUnsafe<{ tag: string; part: string }[]>(
    `SELECT DISTINCT split_part("flowId", '-', 1) AS "tag", tableoid::regclass::text AS "part" FROM "TrafficEvent" ORDER BY 1, 2`,
  );
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.tag] ??= []).push(r.part.replaceAll('"', ''));
  return out;
}

const exists = async (db: Db, table: string) => (await db.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass('"${table}"')::text AS "t"`))[0].t !== null;

describe('TrafficEvent partitioned by day on PostgreSQL', () => {
  it('the upgrade moves stored events into day partitions; Prisma still finds, updates and deletes rows by id', async () => {
    // The migrations up to the one before, events stored, then the partitioning migration.
    const dir = mkdtempSync(join(tmpdir(), 'meshdeck-part-mig-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(ROOT, 'prisma'), join(dir, 'prisma'), { recursive: true });
    const aside = join(dir, MIGRATION);
    renameSync(join(dir, 'prisma/postgresql/migrations', MIGRATION), aside);
    const { cfg, db, accountId } = await database(dir);
    expect(await partitions(db)).toEqual([]);
    await insertTrafficEvents([...events(accountId, daysAgo(40), 3, 'old'), ...events(accountId, daysAgo(2), 4, 'recent'), ...events(accountId, daysAgo(0, 1), 5, 'now')], cfg);
    const before = await db.trafficEvent.findMany({ orderBy: { id: 'asc' } });
    await closeBulkTraffic();

    renameSync(aside, join(dir, 'prisma/postgresql/migrations', MIGRATION));
    expect(await migrate(cfg, dir)).toEqual([MIGRATION]);
    expect(await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS "n" FROM pg_partitioned_table WHERE partrelid = '"TrafficEvent"'::regclass`)).toEqual([{ n: 1n }]);
    expect(await db.trafficEvent.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await placement(db)).toEqual({ now: [partitionName(today())], old: [partitionName(dayOf(daysAgo(40)))], recent: [partitionName(dayOf(daysAgo(2)))] });
    const parts = await partitions(db);
    for (let d = 0; d <= PARTITION_DAYS_AHEAD; d++) expect(parts).toContain(partitionName(new Date(today().getTime() + d * DAY_MS)));
    expect(parts).toContain('TrafficEvent_default');

    const one = before[4];
    expect(await db.trafficEvent.findUnique({ where: { id: one.id } })).toEqual(one);
    expect((await db.trafficEvent.update({ where: { id: one.id }, data: { rxBytes: 77n } })).rxBytes).toBe(77n);
    await db.trafficEvent.delete({ where: { id: one.id } });
    expect(await db.trafficEvent.count()).toBe(before.length - 1);
    // The sequence goes on after the moved rows, through Prisma too.
    const made = await db.trafficEvent.create({ data: { accountId, flowId: 'orm-1', reporterId: 'peer', windowStart: daysAgo(1), windowEnd: daysAgo(1) } });
    expect(made.id).toBeGreaterThan(before.at(-1)!.id);
    // The indexes are partitioned indexes on the parent, as the schema names them.
    const indexes = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT indexname AS "name" FROM pg_indexes WHERE tablename = 'TrafficEvent' ORDER BY 1`);
    expect(indexes.map((i) => i.name)).toEqual(['TrafficEvent_accountId_windowDay_srcPort_windowHour_searchG_idx', 'TrafficEvent_accountId_windowStart_idx', 'TrafficEvent_pkey']);
  });

  it('inserts land in their day, never fail for a day without a partition, and retention drops whole partitions', async () => {
    const { cfg, db, accountId } = await database();
    const far = { past: new Date('1999-03-04T05:06:07.000Z'), future: new Date(today().getTime() + 400 * DAY_MS) };
    await insertTrafficEvents(
      [
        ...events(accountId, daysAgo(0), 10, 'd0'),
        ...events(accountId, daysAgo(1), 10, 'd1'),
        ...events(accountId, daysAgo(3), 10, 'd3'),
        ...events(accountId, daysAgo(9), 10, 'd9'),
        ...events(accountId, new Date(today().getTime() + 2 * DAY_MS), 2, 'ahead'),
        ...events(accountId, far.past, 2, 'past'),
        ...events(accountId, far.future, 2, 'future'),
      ],
      cfg,
    );
    // A fresh database has today and the days ahead: the rest waits in DEFAULT.
    expect(await placement(db)).toEqual({
      ahead: [partitionName(new Date(today().getTime() + 2 * DAY_MS))],
      d0: [partitionName(today())],
      d1: ['TrafficEvent_default'],
      d3: ['TrafficEvent_default'],
      d9: ['TrafficEvent_default'],
      future: ['TrafficEvent_default'],
      past: ['TrafficEvent_default'],
    });

    // The leader's pass without a retention: strays of kept days move into partitions of their own;
    // a day far ahead waits (it would make a partition per wrong clock).
    const keep = await runTrafficRetention(db, { provider: 'postgresql', days: null });
    expect(keep.partitions).toMatchObject({ moved: 32, waiting: 2, dropped: [], expiredStrays: 0 });
    expect(keep.partitions!.created.sort()).toEqual([daysAgo(9), daysAgo(3), daysAgo(1), far.past].map((d) => partitionName(dayOf(d))).sort());
    const placed = await placement(db);
    expect(placed.d9).toEqual([partitionName(dayOf(daysAgo(9)))]);
    expect(placed.d1).toEqual([partitionName(dayOf(daysAgo(1)))]);
    expect(placed.past).toEqual([partitionName(dayOf(far.past))]);
    expect(placed.future).toEqual(['TrafficEvent_default']);
    expect(await db.trafficEvent.count()).toBe(46);

    // Retention of 2 days: the kept partitions are the same tables afterwards (no rewrite).
    const oid = async (t: string) => (await db.$queryRawUnsafe<{ oid: number }[]>(`SELECT '"${t}"'::regclass::oid::int AS "oid"`))[0].oid;
    const keptBefore = await oid(partitionName(dayOf(daysAgo(1))));
    const countBefore = (await partitions(db)).length;
    const rollupsOld = () => db.trafficRollup.count({ where: { bucketStart: { lt: new Date(today().getTime() - 2 * DAY_MS) } } });
    expect(await rollupsOld()).toBeGreaterThan(0);
    const pass = await runTrafficRetention(db, { provider: 'postgresql', days: 2 });
    const dropped = [daysAgo(9), daysAgo(3), far.past].map((d) => partitionName(dayOf(d))).sort();
    expect(pass.partitions!.dropped.sort()).toEqual(dropped);
    expect(pass.deletedEvents).toBe(0);
    expect(await partitions(db)).toHaveLength(countBefore - 3);
    for (const t of dropped) expect(await exists(db, t)).toBe(false);
    expect(await oid(partitionName(dayOf(daysAgo(1))))).toBe(keptBefore);
    expect(await db.trafficEvent.count()).toBe(46 - 22);
    expect(Object.keys(await placement(db)).sort()).toEqual(['ahead', 'd0', 'd1', 'future']);
    expect(await rollupsOld()).toBe(0);
    expect(await db.trafficRollup.count({ where: { accountId } })).toBeGreaterThan(0);

    // An event already older than the retention, arriving now, lands in DEFAULT and goes there.
    await insertTrafficEvents(events(accountId, daysAgo(30), 3, 'late'), cfg);
    expect((await placement(db)).late).toEqual(['TrafficEvent_default']);
    expect((await runTrafficRetention(db, { provider: 'postgresql', days: 2 })).partitions).toMatchObject({ expiredStrays: 3, created: [], dropped: [] });
    expect((await placement(db)).late).toBeUndefined();
  });

  it('creates the days ahead as the calendar moves on, once', async () => {
    const { db } = await database();
    const later = new Date(today().getTime() + 3 * DAY_MS + 3_600_000);
    const first = await runTrafficRetention(db, { provider: 'postgresql', days: null, now: later });
    expect(first.partitions!.created).toEqual([1, 2, 3].map((d) => partitionName(new Date(today().getTime() + (PARTITION_DAYS_AHEAD + d) * DAY_MS))));
    expect((await runTrafficRetention(db, { provider: 'postgresql', days: null, now: later })).partitions!.created).toEqual([]);
  });

  it('two servers on one database: only the leader runs the pass, and the next leader takes it over', async () => {
    const { cfg, db, accountId } = await database();
    await insertTrafficEvents([...events(accountId, daysAgo(9), 10, 'd9'), ...events(accountId, daysAgo(1), 4, 'd1')], cfg);
    const start = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meshdeck-part-srv-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const s = await startServer({ MESHDECK_DATA_DIR: dir, DATABASE_URL: cfg.provider === 'postgresql' ? cfg.url : '', MESHDECK_TRAFFIC_RETENTION_DAYS: '2', MESHDECK_ADMIN_EMAIL: 'owner@part.test', MESHDECK_ADMIN_PASSWORD: 'correct-horse-battery-staple' });
      cleanups.push(() => s.stop());
      return s;
    };
    const passes = (s: RunningServer) => s.output().match(/meshdeck: traffic retention.*/g) ?? [];
    const until = async (what: () => boolean, ms: number) => {
      for (const started = Date.now(); !what(); await new Promise((r) => setTimeout(r, 100))) if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    };
    const [a, b] = await Promise.all([start(), start()]);
    await until(() => passes(a).length + passes(b).length > 0, 20_000);
    // Both compete every 3 s: give the other two tries.
    await new Promise((r) => setTimeout(r, 7000));
    const [leader, other] = passes(a).length ? [a, b] : [b, a];
    expect(passes(other)).toEqual([]);
    expect(passes(leader)).toHaveLength(1);
    expect(passes(leader)[0]).toContain(`created partition(s) ${partitionName(dayOf(daysAgo(1)))}`);
    expect(passes(leader)[0]).toContain('moved 4 event(s) out of the default partition');
    expect(passes(leader)[0]).toContain('deleted 10 expired event(s) from the default partition');
    expect(await placement(db)).toEqual({ d1: [partitionName(dayOf(daysAgo(1)))] });

    await insertTrafficEvents(events(accountId, daysAgo(30), 3, 'late'), cfg);
    await leader.kill9();
    await until(() => passes(other).length > 0, 20_000);
    expect(passes(other)[0]).toContain('deleted 3 expired event(s) from the default partition');
    expect(await db.trafficEvent.count()).toBe(4);
  });
});
