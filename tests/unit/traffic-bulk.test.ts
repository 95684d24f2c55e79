// The bulk traffic path writes rows the ORM reads and filters as its own (SQLite), all or none.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBulkTraffic, insertTrafficEvents } from '@/lib/domain/traffic/bulk-insert';
import { createDb, type Db } from '@/lib/db/client';
import type { DbConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import { flowEventRow } from '@/lib/domain/traffic/ingest';
import { searchRollUp } from '@/lib/domain/traffic/search-rollup';

let db: Db;
let cfg: DbConfig;
let accountId = '';

beforeAll(async () => {
  cfg = { provider: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'meshdeck-bulk-')), 'd.db') };
  await migrate(cfg, join(import.meta.dirname, '../..'));
  db = await createDb(cfg);
  const { account } = await createAccountWithOwner(db, { name: 'b', domain: 'bulk.test', ownerEmail: 'o@bulk.test', ownerName: 'O', ownerPassword: 'bulk-password-1' });
  accountId = account.id;
});

afterAll(async () => {
  await closeBulkTraffic();
  await db.$disconnect();
});

const row = (i: number, flowId = `f${i}`) =>
  flowEventRow(
    { id: 'peer', accountId },
    { flow_id: flowId, source: { address: `100.64.0.1:${40_000 + i}` }, window_start: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(), window_end: new Date(Date.UTC(2025, 0, 1, 0, 0, i + 1)).toISOString(), rx_bytes: 2 ** 40 + i },
    i,
    new Date('2025-06-01T12:00:00.123Z'),
  );

describe('insertTrafficEvents on SQLite', () => {
  it('stores rows that Prisma reads back exactly, and filters by date', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(i));
    await insertTrafficEvents(rows, cfg);
    expect(await db.trafficEvent.count({ where: { accountId } })).toBe(2000);
    const back = await db.trafficEvent.findFirstOrThrow({ where: { accountId, flowId: rows[7].flowId } });
    // The bulk path adds the event's day and search group (the number of the group whose key
    // digests the row's own fields).
    const group = searchRollUp([rows[7]]).eventGroups[0];
    expect(group).toMatch(/^[\w-]{22}$/);
    const { id: groupId } = await db.trafficSearchGroup.findUniqueOrThrow({ where: { accountId_groupKey: { accountId, groupKey: group! } } });
    expect(back).toEqual({ ...rows[7], id: expect.any(Number), searchGroupId: groupId, windowDay: Math.floor(rows[7].windowHour! / 24) });
    const window = await db.trafficEvent.findMany({
      where: { accountId, windowStart: { gte: new Date('2025-01-01T00:00:10Z'), lte: new Date('2025-01-01T00:00:12Z') } },
      orderBy: { windowStart: 'asc' },
    });
    expect(window.map((r) => r.flowId)).toEqual(['f10', 'f11', 'f12']);
  });

  it('stores nothing when one row fails', async () => {
    const before = await db.trafficEvent.count();
    const rows = [row(1, 'ok-1'), row(2, 'ok-2')];
    (rows[1] as { flowId: unknown }).flowId = null; // violates NOT NULL
    await expect(insertTrafficEvents(rows, cfg)).rejects.toThrow();
    expect(await db.trafficEvent.count()).toBe(before);
  });
});

describe('flowEventRow sub-event times', () => {
  it('stores every accepted form as the canonical ISO text', () => {
    const stored = (timestamp: string) =>
      JSON.parse(flowEventRow({ id: 'peer', accountId: 'a' }, { flow_id: 'f', window_start: '2025-03-20T16:23:58Z', window_end: '2025-03-20T16:23:58Z', events: [{ type: 'TYPE_START', timestamp }] }, 0, new Date()).events)[0].timestamp;
    expect(stored('2025-03-20T16:23:58.125Z')).toBe('2025-03-20T16:23:58.125Z');
    expect(stored('2025-03-20T18:23:58.125397+02:00')).toBe('2025-03-20T16:23:58.125Z');
    expect(stored('2025-03-20T16:23:58Z')).toBe('2025-03-20T16:23:58.000Z');
    expect(stored('2025-03-20t16:23:58.125z')).toBe('2025-03-20T16:23:58.125Z');
    expect(stored('2025-03-20T16:23:58.1Z')).toBe('2025-03-20T16:23:58.100Z');
    expect(stored('2025-03-20T16:23:58.12345Z')).toBe('2025-03-20T16:23:58.123Z');
    expect(() => stored('2025-02-30T16:23:58.125Z')).toThrow(/timestamp/);
  });
});
