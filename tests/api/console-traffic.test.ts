// GET /api/console/traffic/summary (the console's traffic charts): flows reported through
// POST /api/agent/flows, then every figure compared with sums over the raw events in the database,
// for several ranges and filters (totals, rollups, search rollups and events plans), also after the
// migration that filled the search rollups from stored events; roles, tenancy and bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { dbConfig } from '@/lib/db/config';
import { trafficSummary } from '@/lib/domain/traffic/summary';
import type { TrafficEvent } from '@/lib/db/models';
import { flow, newPeer, postFlows, type TestPeer } from '../support/events-helpers';
import { actorOf, newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';

let acct: Awaited<ReturnType<typeof newAccount>>;
let peers: TestPeer[];
const USERS = [
  { id: 'u-ann', email: 'ann@t.test', name: 'Ann' },
  { id: 'u-bo', email: 'bo@t.test', name: 'Bo' },
];
const BASE = Date.UTC(2025, 2, 10); // 2025-03-10T00:00Z

beforeAll(async () => {
  acct = await newAccount();
  // Flows keep only their reporting peer's own user: alpha is Ann's, beta Bo's, gamma nobody's
  // (so of the users reported below, some are kept and the rest dropped).
  const db = await testDb();
  for (const u of USERS) await db.user.create({ data: { ...u, accountId: acct.account.id, role: 'user', status: 'active' } });
  peers = [
    await newPeer(acct.account.id, { name: 'alpha', userId: USERS[0].id }),
    await newPeer(acct.account.id, { name: 'beta', userId: USERS[1].id }),
    await newPeer(acct.account.id, { name: 'gamma' }),
  ];
  // 3 reporters × 240 events over 3 days (every 18 minutes), varied in every filtered dimension;
  // source port 4000, or for every third event 40000 + 17 × i.
  for (const [pi, p] of peers.entries()) {
    const events = Array.from({ length: 240 }, (_, i) => {
      const other = peers[(pi + 1 + (i % 2)) % 3];
      const e = flow({
        flowId: `${p.name}-${i}`,
        src: { id: p.id, type: 'PEER', name: p.name, address: `${p.ip}:${i % 3 ? 4000 : 40_000 + 17 * i}` },
        dst: i % 5 === 0 ? { id: 'res-wiki', type: 'HOST_RESOURCE', name: 'wiki.internal', address: '10.0.0.8:443' } : { id: other.id, type: 'PEER', name: other.name, address: `${other.ip}:22` },
        user: i % 3 === 2 ? undefined : USERS[(i + pi) % 2],
        protocol: [6, 17, 1][(i + pi) % 3],
        direction: i % 2 ? 'INGRESS' : 'EGRESS',
        types: i % 4 === 0 ? ['TYPE_START', 'TYPE_END'] : ['TYPE_START'],
        start: new Date(BASE + i * 18 * 60_000 + pi * 1000).toISOString(),
      });
      return { ...e, rx_bytes: 1000 * (pi + 1) + i, tx_bytes: 37 * i + pi };
    });
    // Two reports per peer, so the second adds to hours the first created.
    expect((await postFlows(p.token, { events: events.slice(0, 130) })).status).toBe(202);
    expect((await postFlows(p.token, { events: events.slice(130) })).status).toBe(202);
  }
});

type Filter = Partial<Record<'user_id' | 'reporter_id' | 'source_id' | 'destination_id' | 'protocol' | 'direction' | 'connection_type' | 'type' | 'search', string>>;

function matches(e: TrafficEvent, f: Filter): boolean {
  return (
    (!f.user_id || e.userId === f.user_id) &&
    (!f.reporter_id || e.reporterId === f.reporter_id) &&
    (!f.source_id || e.srcId === f.source_id) &&
    (!f.destination_id || e.dstId === f.destination_id) &&
    (!f.protocol || e.protocol === Number(f.protocol)) &&
    (!f.direction || e.direction === f.direction) &&
    (!f.connection_type || e.connectionType === f.connection_type) &&
    (!f.type || e.eventTypes.includes(`,${f.type},`)) &&
    (!f.search || e.searchText.includes(f.search.toLowerCase()))
  );
}

/** What the summary must say, computed from the raw rows. */
async function expected(from: number, to: number, bucket: number, f: Filter) {
  const rows = (await (await testDb()).trafficEvent.findMany({ where: { accountId: acct.account.id } })).filter(
    (e) => e.windowStart.getTime() >= from && e.windowStart.getTime() < to && matches(e, f),
  );
  const series = [];
  for (let t = from; t < to; t += bucket * 1000) {
    const inBucket = rows.filter((e) => e.windowStart.getTime() >= t && e.windowStart.getTime() < t + bucket * 1000);
    series.push({ t: new Date(t).toISOString(), rx_bytes: inBucket.reduce((s, e) => s + Number(e.rxBytes), 0), tx_bytes: inBucket.reduce((s, e) => s + Number(e.txBytes), 0), flows: inBucket.length });
  }
  const group = (key: (e: TrafficEvent) => string | number) => {
    const m = new Map<string | number, { flows: number; bytes: number }>();
    for (const e of rows) {
      const g = m.get(key(e)) ?? { flows: 0, bytes: 0 };
      g.flows++;
      g.bytes += Number(e.rxBytes) + Number(e.txBytes);
      m.set(key(e), g);
    }
    return m;
  };
  const protocols = Object.fromEntries([...group((e) => e.protocol)].map(([k, v]) => [k, v]));
  const byPeer = Object.fromEntries([...group((e) => e.reporterId)].map(([k, v]) => [k, v]));
  const byUser = Object.fromEntries([...group((e) => e.userId)].filter(([k]) => k !== '').map(([k, v]) => [k, v]));
  return {
    totals: { rx_bytes: series.reduce((s, p) => s + p.rx_bytes, 0), tx_bytes: series.reduce((s, p) => s + p.tx_bytes, 0), flows: rows.length },
    series,
    protocols,
    byPeer,
    byUser,
  };
}

const summaryPath = (from: number, to: number, f: Filter, bucket?: number) =>
  `/api/console/traffic/summary?${new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(bucket ? { bucket: String(bucket) } : {}), ...f })}`;

describe('GET /api/console/traffic/summary', () => {
  const H = 3_600_000;
  const cases: [string, number, number, number | undefined, Filter, 'rollups' | 'events'][] = [
    ['3 days by the hour, no filter', BASE, BASE + 72 * H, 3600, {}, 'rollups'],
    ['3 days, chosen bucket (1 h)', BASE, BASE + 72 * H, undefined, {}, 'rollups'],
    ['a day in 6-hour buckets, one user', BASE + 24 * H, BASE + 48 * H, 21600, { user_id: 'u-ann' }, 'rollups'],
    ['3 days by day, protocol + direction', BASE, BASE + 72 * H, 86400, { protocol: '17', direction: 'INGRESS' }, 'rollups'],
    ['routed connections', BASE, BASE + 72 * H, 3600, { connection_type: 'ROUTED' }, 'rollups'],
    ['source and destination peers', BASE, BASE + 72 * H, 10800, { source_id: '@1', destination_id: '@2' }, 'rollups'],
    ['an event type', BASE, BASE + 72 * H, 3600, { type: 'TYPE_END' }, 'rollups'],
    ['a search', BASE, BASE + 72 * H, 3600, { search: 'WIKI.internal' }, 'rollups'],
    ['a search for an address', BASE, BASE + 72 * H, 21600, { search: '10.0.0.8', direction: 'EGRESS' }, 'rollups'],
    ['a search, a type and a user', BASE, BASE + 72 * H, 86400, { search: 'ann@', type: 'TYPE_START', user_id: 'u-ann' }, 'rollups'],
    ['a search for a source port (sums and that port’s events)', BASE, BASE + 72 * H, 3600, { search: '4000' }, 'rollups'],
    ['a search for a destination port', BASE, BASE + 72 * H, 10800, { search: '22', type: 'TYPE_END' }, 'rollups'],
    ['a search across address and port', BASE, BASE + 72 * H, 3600, { search: '8:44' }, 'rollups'],
    ['a search across a source address and its port', BASE, BASE + 72 * H, 3600, { search: ':4000', user_id: 'u-bo' }, 'rollups'],
    ['a search inside most source ports (sums by port digit)', BASE, BASE + 72 * H, 3600, { search: '0' }, 'rollups'],
    ['one digit, a type and a peer', BASE, BASE + 72 * H, 10800, { search: '7', type: 'TYPE_START', reporter_id: '@1' }, 'rollups'],
    ['an address and ":" (sums by port digit)', BASE, BASE + 72 * H, 3600, { search: '#0:' }, 'rollups'],
    ['an address, ":" and one digit', BASE, BASE + 72 * H, 21600, { search: '#1:4', protocol: '6' }, 'rollups'],
    ['":" and one digit', BASE, BASE + 72 * H, 3600, { search: ':4' }, 'rollups'],
    ['two hours by the minute (events table)', BASE + 5 * H, BASE + 7 * H, undefined, { reporter_id: '@0' }, 'events'],
  ];
  for (const [what, from, to, bucket, rawFilter, source] of cases) {
    it(`equals the raw events' sums: ${what}`, async () => {
      // "@1": peer 1's id; "#1:4": peer 1's address, then ":4".
      const value = (v: string) => (v.startsWith('@') ? peers[Number(v.slice(1))].id : v.startsWith('#') ? peers[Number(v[1])].ip + v.slice(2) : v);
      const f = Object.fromEntries(Object.entries(rawFilter).map(([k, v]) => [k, value(v)])) as Filter;
      const r = await netbird(acct.token)('GET', summaryPath(from, to, f, bucket));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const b = r.body;
      expect(b.source).toBe(source);
      expect(Boolean(b.note)).toBe(source === 'events');
      expect([b.from, b.to]).toEqual([new Date(from).toISOString(), new Date(to).toISOString()]);
      const want = await expected(from, to, b.bucket, f);
      expect(want.totals.flows).toBeGreaterThan(0);
      expect(b.totals).toEqual(want.totals);
      expect(b.series).toEqual(want.series);
      expect(Object.fromEntries(b.protocols.map((p: any) => [p.protocol, { flows: p.flows, bytes: p.bytes }]))).toEqual(want.protocols);
      expect(Object.fromEntries(b.top_peers.map((p: any) => [p.id, { flows: p.flows, bytes: p.bytes }]))).toEqual(want.byPeer);
      expect(Object.fromEntries(b.top_users.map((u: any) => [u.id, { flows: u.flows, bytes: u.bytes }]))).toEqual(want.byUser);
    });
  }

  it('answers from search sums the migration made of events stored before it', async () => {
    // The migration's INSERT, run in a transaction that is rolled back: this account's search sums
    // are replaced by what the migration computes from its events, and the charts must not change.
    const provider = dbConfig({ DATABASE_URL: inject('databaseUrl') || undefined }).provider;
    const dir = provider === 'sqlite' ? 'prisma/migrations' : 'prisma/postgresql/migrations';
    const sql = readFileSync(join(import.meta.dirname, '../..', dir, '20261206110058_traffic_search_groups/migration.sql'), 'utf8');
    // SQLite fills the redefined table before renaming it; the statement is the same otherwise.
    const at = sql.search(/INSERT INTO "(new_)?TrafficSearchRollup"/);
    const insert = sql.slice(at, sql.indexOf(';', at)).replace('"new_TrafficSearchRollup"', '"TrafficSearchRollup"');
    const db = await testDb();
    const actor = actorOf(acct.owner);
    const range = { from: new Date(BASE).toISOString(), to: new Date(BASE + 72 * H).toISOString(), bucket: 3600 };
    const filters = [{ search: 'wiki' }, { search: 'beta', type: 'TYPE_END' }, { type: 'TYPE_START', protocol: 17 }, { search: '4000' }, { search: ':4000' }, { search: '7' }, { search: `${peers[0].ip}:` }];
    const before = await Promise.all(filters.map((f) => trafficSummary(db, actor, { ...range, ...f })));
    const rollback = new Error('rollback');
    await expect(
      db.$transaction(async (tx) => {
        // Before the migration there are no groups or sums by port digit; it forgets the events' ports.
        await tx.trafficSearchRollup.deleteMany({ where: { accountId: acct.account.id } });
        await tx.trafficPortSum.deleteMany({ where: { accountId: acct.account.id } });
        await tx.trafficSearchGroup.deleteMany({ where: { accountId: acct.account.id } });
        await tx.trafficEvent.updateMany({ where: { accountId: acct.account.id }, data: { srcPort: null, searchGroupId: null, windowDay: null } });
        await tx.$executeRawUnsafe(insert.trim());
        const rows = await tx.trafficSearchRollup.findMany({ where: { accountId: acct.account.id } });
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => r.groupKey.startsWith('migrated:'))).toBe(true);
        for (const [i, f] of filters.entries()) {
          const after = await trafficSummary(tx, actor, { ...range, ...f });
          expect(after.source).toBe('rollups');
          expect(after.totals.flows).toBeGreaterThan(0);
          expect(after).toEqual(before[i]);
        }
        throw rollback;
      }, { timeout: 60_000 }),
    ).rejects.toBe(rollback);
  });

  it('names peers, users and protocols, biggest talker first', async () => {
    const r = await netbird(acct.token)('GET', summaryPath(BASE, BASE + 72 * H, {}, 3600));
    expect(r.body.top_peers.map((p: any) => p.name)).toEqual(['gamma', 'beta', 'alpha']);
    expect(r.body.top_users.map((u: any) => u.email).sort()).toEqual(['ann@t.test', 'bo@t.test']);
    expect(r.body.protocols.map((p: any) => p.name).sort()).toEqual(['ICMP', 'TCP', 'UDP']);
    expect(r.body.series).toHaveLength(72);
  });

  it('defaults to the last 24 hours', async () => {
    const r = await netbird(acct.token)('GET', '/api/console/traffic/summary');
    expect(r.status).toBe(200);
    expect(Date.parse(r.body.to) - Date.parse(r.body.from)).toBeGreaterThanOrEqual(24 * H);
    expect(r.body).toMatchObject({ bucket: 3600, source: 'rollups', totals: { flows: 0 } });
  });

  it('lets owners, admins and auditors read it; not regular users or strangers', async () => {
    const path = summaryPath(BASE, BASE + 72 * H, {}, 86400);
    for (const role of ['admin', 'auditor'] as const) {
      const u = await newUser(acct.account.id, role);
      expect((await netbird(u.token)('GET', path)).body.totals.flows).toBe(720);
    }
    const regular = await newUser(acct.account.id, 'user');
    expect((await netbird(regular.token)('GET', path)).status).toBe(403);
    expect((await netbird('')('GET', path, undefined, { Authorization: '' })).status).toBe(401);
  });

  it('shows another account nothing of this one’s traffic, even with its peer ids', async () => {
    const other = await newAccount();
    const call = netbird(other.token);
    expect((await call('GET', summaryPath(BASE, BASE + 72 * H, {}, 86400))).body.totals).toEqual({ rx_bytes: 0, tx_bytes: 0, flows: 0 });
    const r = await call('GET', summaryPath(BASE, BASE + 72 * H, { reporter_id: peers[0].id }, 3600));
    expect(r.body.totals.flows).toBe(0);
    expect(r.body.top_peers).toEqual([]);
  });

  const bad: [string, string, number][] = [
    ['a bucket that is not a number', 'bucket=abc', 400],
    ['a protocol that is not a number', 'protocol=tcp', 400],
    ['a date that is not a date', 'from=yesterday', 422],
    ['an end before the start', 'from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z', 422],
    ['a range over 400 days', 'from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z', 422],
    ['a bucket size not offered', 'bucket=7', 422],
    ['too many points', 'from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z&bucket=60', 422],
    ['an unknown direction', 'direction=UP', 422],
    ['an unknown event type', 'type=TYPE_BOOM', 422],
    ['a protocol over 255', 'protocol=300', 422],
  ];
  for (const [what, query, status] of bad) {
    it(`answers ${status} to ${what}`, async () => {
      const r = await netbird(acct.token)('GET', `/api/console/traffic/summary?${query}`);
      expect(r.status).toBe(status);
      expect(r.body.message.length).toBeGreaterThan(5);
    });
  }
});
