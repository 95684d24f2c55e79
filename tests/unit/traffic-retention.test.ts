// Traffic retention on SQLite: events and rollups before the cutoff are deleted (in bounded
// batches), the recent ones and other accounts' recent ones stay; unset keeps everything.
// PostgreSQL drops partitions instead: tests/resilience/traffic-partitions-pg.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import type { DbConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import { closeBulkTraffic, insertTrafficEvents } from '@/lib/domain/traffic/bulk-insert';
import { flowEventRow } from '@/lib/domain/traffic/ingest';
import { retentionCutoff, retentionDays, runTrafficRetention, SQLITE_DELETE_BATCH } from '@/lib/domain/traffic/retention';

const DAY = 86_400_000;
const NOW = new Date('2026-12-07T15:30:00.000Z');
let db: Db;
let cfg: DbConfig;
const accounts: string[] = [];

/** `n` events of `accountId` on the UTC day `daysAgo` before NOW's, spread over its hours. */
const day = (accountId: string, daysAgo: number, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const start = new Date(Date.UTC(2026, 11, 7 - daysAgo, i % 24, 0, i % 60));
    return flowEventRow(
      { id: 'peer', accountId },
      { flow_id: `d${daysAgo}-${i}`, source: { address: '100.64.0.1:40000' }, window_start: start.toISOString(), window_end: new Date(start.getTime() + 1000).toISOString(), rx_bytes: 10 },
      i,
      NOW,
    );
  });

beforeAll(async () => {
  cfg = { provider: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'meshdeck-retention-')), 'd.db') };
  await migrate(cfg, join(import.meta.dirname, '../..'));
  db = await createDb(cfg);
  for (const name of ['r1', 'r2']) {
    const { account } = await createAccountWithOwner(db, { name, domain: `${name}.test`, ownerEmail: `o@${name}.test`, ownerName: 'O', ownerPassword: 'retention-password-1' });
    accounts.push(account.id);
  }
});

afterAll(async () => {
  await closeBulkTraffic();
  await db.$disconnect();
});

describe('retention setting', () => {
  it('keeps everything unless a whole positive number of days is given (a typo deletes nothing)', () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(retentionDays({}, warn)).toBeNull();
    expect(retentionDays({ MESHDECK_TRAFFIC_RETENTION_DAYS: '' }, warn)).toBeNull();
    expect(retentionDays({ MESHDECK_TRAFFIC_RETENTION_DAYS: '0' }, warn)).toBeNull();
    expect(retentionDays({ MESHDECK_TRAFFIC_RETENTION_DAYS: ' 90 ' }, warn)).toBe(90);
    expect(warnings).toEqual([]);
    for (const bad of ['90d', '-3', '1.5', 'ninety']) expect(retentionDays({ MESHDECK_TRAFFIC_RETENTION_DAYS: bad }, warn)).toBeNull();
    expect(warnings).toHaveLength(4);
  });

  it('counts whole UTC days: today and `days` full days before it stay', () => {
    expect(retentionCutoff(NOW, 3)?.toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(retentionCutoff(NOW, null)).toBeNull();
  });
});

describe('runTrafficRetention on SQLite', () => {
  it('deletes events and rollups older than the retention in batches, keeps the rest', async () => {
    const [a, b] = accounts;
    // More old events than one batch holds, so the delete takes several statements.
    const old = SQLITE_DELETE_BATCH * 2 + 100;
    await insertTrafficEvents([...day(a, 10, old / 2), ...day(a, 4, old / 2), ...day(a, 3, 50), ...day(a, 0, 30), ...day(b, 5, 20), ...day(b, 1, 10)], cfg);
    const count = (accountId: string) => db.trafficEvent.count({ where: { accountId } });
    /** The days before NOW's the account's hourly sums are on. */
    const rollupDays = async (accountId: string) =>
      new Set((await db.trafficRollup.findMany({ where: { accountId }, select: { bucketStart: true } })).map((r) => Math.floor(NOW.getTime() / DAY) - Math.floor(r.bucketStart.getTime() / DAY)));
    expect(await count(a)).toBe(old + 80);
    expect([...(await rollupDays(a))].sort((x, y) => x - y)).toEqual([0, 3, 4, 10]);

    // Unset: nothing goes.
    expect(await runTrafficRetention(db, { provider: 'sqlite', days: null, now: NOW })).toMatchObject({ deletedEvents: 0, deletedRollups: 0 });
    expect(await count(a)).toBe(old + 80);

    let pauses = 0;
    const pass = await runTrafficRetention(db, { provider: 'sqlite', days: 3, now: NOW, yieldBetween: async () => void pauses++ });
    expect(pass.partitions).toBeNull();
    expect(pass.deletedEvents).toBe(old + 20);
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(pass.deletedRollups).toBeGreaterThan(0);

    // Kept from 2026-12-04T00:00Z: day 3 (Dec 4) and today stay, days 4, 5 and 10 are gone.
    expect(await count(a)).toBe(80);
    expect(await count(b)).toBe(10);
    const cutoff = new Date('2026-12-04T00:00:00.000Z');
    expect(await db.trafficEvent.count({ where: { windowStart: { lt: cutoff } } })).toBe(0);
    expect(await db.trafficEvent.count({ where: { accountId: a, windowStart: { gte: cutoff } } })).toBe(80);
    // The charts' sums cover the same days as the events.
    for (const table of [db.trafficRollup, db.trafficTotal, db.trafficSearchRollup, db.trafficPortSum] as unknown as { count(q: object): Promise<number> }[]) {
      expect(await table.count({ where: { bucketStart: { lt: cutoff } } })).toBe(0);
    }
    expect(await db.trafficTotal.count({ where: { accountId: a, bucketStart: { gte: cutoff } } })).toBeGreaterThan(0);
    expect([...(await rollupDays(a))].sort()).toEqual([0, 3]);
    expect(await db.trafficRollup.aggregate({ where: { accountId: a }, _sum: { flows: true } })).toEqual({ _sum: { flows: 80 } });

    // A second pass finds nothing more.
    expect(await runTrafficRetention(db, { provider: 'sqlite', days: 3, now: NOW })).toMatchObject({ deletedEvents: 0, deletedRollups: 0 });
  });
});
