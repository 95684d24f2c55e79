// Traffic chart buckets, the hourly rollups the bulk path keeps, and the summary read from them:
// rollup sums equal sums over the raw events, and the rollup and events plans agree.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBulkTraffic, insertTrafficEvents } from '@/lib/domain/traffic/bulk-insert';
import { createDb, type Db } from '@/lib/db/client';
import type { DbConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import type { Actor } from '@/lib/domain/actor';
import { flowEventRow } from '@/lib/domain/traffic/ingest';
import { bucketStarts, chartRange, chooseBucket, DAY, HOUR, MINUTE, rollUp, totalsOf } from '@/lib/domain/traffic/rollup';
import { portDigits, searchRollUp } from '@/lib/domain/traffic/search-rollup';
import { portPlan } from '@/lib/domain/traffic/search-ports';
import { eventsReason, trafficSummary } from '@/lib/domain/traffic/summary';
import { portsMatching, searchKey } from '@/lib/domain/traffic/search';

describe('chart buckets', () => {
  it('picks the smallest bucket giving at most 180 points, an hour or more beyond 6 hours', () => {
    expect(chooseBucket(HOUR)).toBe(MINUTE);
    expect(chooseBucket(6 * HOUR)).toBe(5 * MINUTE);
    expect(chooseBucket(6 * HOUR + 1)).toBe(HOUR);
    expect(chooseBucket(24 * HOUR)).toBe(HOUR);
    expect(chooseBucket(7 * DAY)).toBe(HOUR);
    expect(chooseBucket(30 * DAY)).toBe(6 * HOUR);
    expect(chooseBucket(365 * DAY)).toBe(DAY);
  });

  it('widens a range outwards to whole buckets', () => {
    const r = chartRange(new Date('2025-01-01T10:20:00Z'), new Date('2025-01-01T13:05:00Z'), HOUR);
    expect(r.from.toISOString()).toBe('2025-01-01T10:00:00.000Z');
    expect(r.to.toISOString()).toBe('2025-01-01T14:00:00.000Z');
    expect(bucketStarts(r).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['10:00', '11:00', '12:00', '13:00']);
    const aligned = chartRange(new Date('2025-01-01T10:00:00Z'), new Date('2025-01-01T11:00:00Z'));
    expect([aligned.bucketMs, bucketStarts(aligned).length]).toEqual([MINUTE, 60]);
  });

  it('refuses empty, reversed, oversized and unknown-bucket ranges', () => {
    const t = new Date('2025-01-01T00:00:00Z');
    expect(() => chartRange(t, t)).toThrow('to must be after from');
    expect(() => chartRange(new Date(t.getTime() + 1), t)).toThrow('to must be after from');
    expect(() => chartRange(t, new Date(t.getTime() + 500 * DAY))).toThrow('at most 400 days');
    expect(() => chartRange(t, new Date(t.getTime() + HOUR), 7_000)).toThrow('bucket must be one of');
    expect(() => chartRange(t, new Date(t.getTime() + 30 * DAY), MINUTE)).toThrow('more than 1500 points');
  });

  it('says when the events table has to answer', () => {
    expect(eventsReason(HOUR)).toBe('');
    expect(eventsReason(DAY)).toBe('');
    expect(eventsReason(15 * MINUTE)).toMatch(/shorter than an hour/);
  });

  it('counts an event under its port’s first digit and the port digits its group’s text lacks', () => {
    expect(portDigits(40017, 'ann@x.test')).toEqual(['^4', '4', '0', '1', '7']);
    expect(portDigits(40017, '100.64.0.1')).toEqual(['^4', '7']);
    expect(portDigits(55555, '')).toEqual(['^5', '5']);
    expect(portDigits(0, 'host')).toEqual(['^0', '0']);
  });

  it('finds what a search misses in the sums: nothing, a few ports’ events, or the sums by port digit', () => {
    for (const search of [undefined, '', 'db', ' 10.0.0.8 ', 'x:y']) expect(portPlan({ search })).toBeNull();
    // Keys that can match inside a few source ports: those ports' events.
    expect(portPlan({ search: '443' })).toEqual({ ports: portsMatching('443') });
    for (const search of ['41', ':22', '10.0.0.1:4430']) expect(portPlan({ search })).toEqual({ ports: portsMatching(searchKey(search)) });
    // One digit, or ":" and at most one digit, can match inside most ports: the sums by digit.
    expect(portPlan({ search: '4' })).toEqual({ digits: ['4'] });
    expect(portPlan({ search: '0.8:4' })).toEqual({ digits: ['^4'] });
    expect(portPlan({ search: 'fd00::1' })).toEqual({ digits: ['^1'] });
    for (const search of [':', 'fd00::', 'Host-1:']) expect(portPlan({ search })).toEqual({ digits: ['^0', '^1', '^2', '^3', '^4', '^5', '^6', '^7', '^8', '^9'] });
  });
});

let db: Db;
let cfg: DbConfig;
let actor: Actor;

const PEERS = ['peer-a', 'peer-b', 'peer-c'];
const USERS = [
  { id: 'u1', email: 'one@x.test' },
  { id: 'u2', email: 'two@x.test' },
  { id: '', email: '' },
];

/** Event i: spread over two days, cycling through peers, users, protocols and directions. */
function event(i: number) {
  const start = new Date(Date.UTC(2025, 0, 1) + i * 97_000).toISOString();
  const user = USERS[i % 3];
  return flowEventRow(
    { id: PEERS[i % 3], accountId: actor.accountId },
    {
      flow_id: `f${i}`,
      // Source ports differ per flow, as agents' ephemeral ports do.
      source: { id: PEERS[i % 3], type: 'PEER', name: `src ${i % 5}`, address: `100.64.0.${(i % 3) + 1}:${40000 + i}` },
      destination: { id: `dst-${i % 4}`, type: i % 2 ? 'PEER' : 'HOST_RESOURCE', name: `dst ${i % 4}`, address: i % 6 === 5 ? `[fd00::${i % 4}]:443` : `10.0.0.${i % 4}:443` },
      user: { id: user.id, email: user.email, name: '' },
      protocol: [6, 17, 1][i % 3 === 0 ? 0 : i % 7 === 0 ? 2 : 1],
      direction: i % 2 ? 'INGRESS' : 'EGRESS',
      rx_bytes: 1000 + i,
      tx_bytes: 10 * i,
      window_start: start,
      window_end: start,
      events: [{ type: i % 4 ? 'TYPE_START' : 'TYPE_END', timestamp: start }],
    },
    i,
    new Date(),
  );
}

beforeAll(async () => {
  cfg = { provider: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'meshdeck-rollup-')), 'd.db') };
  await migrate(cfg, join(import.meta.dirname, '../..'));
  db = await createDb(cfg);
  const { account, owner } = await createAccountWithOwner(db, { name: 'r', domain: 'rollup.test', ownerEmail: 'o@rollup.test', ownerName: 'O', ownerPassword: 'rollup-password-1' });
  actor = { userId: owner.id, accountId: account.id, role: 'owner', name: 'O', email: owner.email, via: 'token' };
  await db.peer.create({ data: { id: 'peer-a', accountId: account.id, name: 'alpha', dnsLabel: 'alpha', ip: '100.64.0.1', wgPubKey: 'k1' } });
  // Three reports, so later batches add to hours earlier ones created.
  const rows = Array.from({ length: 1800 }, (_, i) => event(i));
  for (let i = 0; i < rows.length; i += 600) await insertTrafficEvents(rows.slice(i, i + 600), cfg);
});

afterAll(async () => {
  await closeBulkTraffic();
  await db.$disconnect();
});

describe('rollups kept by the bulk path', () => {
  it('sum to exactly the raw events per hour and key', async () => {
    const events = await db.trafficEvent.findMany({ where: { accountId: actor.accountId } });
    const expected = rollUp(events).sort((a, b) => JSON.stringify([a.bucketStart, a.reporterId, a.srcId, a.dstId, a.userId, a.protocol, a.direction]).localeCompare(JSON.stringify([b.bucketStart, b.reporterId, b.srcId, b.dstId, b.userId, b.protocol, b.direction])));
    const stored = await db.trafficRollup.findMany({ where: { accountId: actor.accountId } });
    expect(stored.length).toBe(expected.length);
    expect(stored.reduce((s, r) => s + r.flows, 0)).toBe(1800);
    expect(stored.reduce((s, r) => s + r.rxBytes, 0n)).toBe(events.reduce((s, r) => s + r.rxBytes, 0n));
    const key = (r: (typeof stored)[number]) => [r.bucketStart.toISOString(), r.reporterId, r.srcId, r.dstId, r.userId, r.protocol, r.direction, r.connectionType].join('|');
    const byKey = new Map(stored.map((r) => [key(r), r]));
    for (const e of expected) expect(byKey.get(key(e))).toEqual(e);
  });

  it('keep one-dimension hourly totals equal to the raw events', async () => {
    const events = await db.trafficEvent.findMany({ where: { accountId: actor.accountId } });
    const expected = totalsOf(rollUp(events));
    const stored = await db.trafficTotal.findMany({ where: { accountId: actor.accountId } });
    const key = (t: (typeof stored)[number]) => `${t.dim}|${t.bucketStart.toISOString()}|${t.value}`;
    expect(new Set(stored.map((t) => t.dim))).toEqual(new Set(['all', 'protocol', 'peer', 'user']));
    expect(stored.length).toBe(expected.length);
    const byKey = new Map(stored.map((t) => [key(t), t]));
    for (const t of expected) expect(byKey.get(key(t))).toEqual(t);
    // Each dimension adds up to the same total (users: only flows that have one).
    const flows = (dim: string) => stored.filter((t) => t.dim === dim).reduce((n, t) => n + t.flows, 0);
    expect([flows('all'), flows('protocol'), flows('peer'), flows('user')]).toEqual([1800, 1800, 1800, 1200]);
  });

  it('keep search sums equal to the raw events', async () => {
    const events = await db.trafficEvent.findMany({ where: { accountId: actor.accountId }, orderBy: { id: 'asc' } });
    const expected = searchRollUp(events);
    const stored = await db.trafficSearchRollup.findMany({ where: { accountId: actor.accountId } });
    expect(stored.length).toBe(expected.sums.length);
    expect(stored.reduce((n, r) => n + r.flows, 0)).toBe(1800);
    const byKey = new Map(stored.map((r) => [`${r.bucketStart.toISOString()}|${r.groupKey}`, r]));
    for (const e of expected.sums) expect(byKey.get(`${e.bucketStart.toISOString()}|${e.groupKey}`)).toEqual(e);
    // The groups once each, every event naming its group, and the sums by port digit.
    const groups = await db.trafficSearchGroup.findMany({ where: { accountId: actor.accountId } });
    expect(new Map(groups.map(({ id, ...g }) => [g.groupKey, g]))).toEqual(new Map(expected.groups.map((g) => [g.groupKey, g])));
    expect(new Set(groups.map((g) => g.groupKey))).toEqual(new Set(stored.map((r) => r.groupKey)));
    expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
    const keyOf = new Map(groups.map((g) => [g.id, g.groupKey]));
    expect(events.map((e) => (e.searchGroupId === null ? null : keyOf.get(e.searchGroupId)))).toEqual(expected.eventGroups);
    expect(events.every((e) => e.searchGroupId !== null)).toBe(true);
    expect(events.every((e) => e.windowHour !== null && e.windowDay === Math.floor(e.windowHour / 24))).toBe(true);
    const portSums = await db.trafficPortSum.findMany({ where: { accountId: actor.accountId } });
    const portKey = (r: (typeof portSums)[number]) => `${r.digit}|${r.bucketStart.toISOString()}|${r.groupKey}`;
    expect(portSums.length).toBe(expected.portSums.length);
    const portByKey = new Map(portSums.map((r) => [portKey(r), r]));
    for (const e of expected.portSums) expect(portByKey.get(portKey(e))).toEqual(e);
    // Every event is under its port's first digit once.
    expect(portSums.filter((r) => r.digit.startsWith('^')).reduce((n, r) => n + r.flows, 0)).toBe(1800);
    // The destination keeps its port, the source (last) does not.
    expect(stored.some((r) => /\n\[fd00::\d\]:443\n100\.64\.0\.\d$/.test(r.searchText))).toBe(true);
    expect(events.every((e) => e.srcPort === 40000 + Number(e.flowId.slice(1)) && e.searchText.endsWith(`:${e.srcPort}`))).toBe(true);
    expect(events.every((e) => e.windowHour === Math.floor(e.windowStart.getTime() / HOUR))).toBe(true);
  });

  it('group flows that differ only in their source ports, across reports', async () => {
    const { account } = await createAccountWithOwner(db, { name: 'g', domain: 'group.test', ownerEmail: 'o@group.test', ownerName: 'O', ownerPassword: 'group-password-1' });
    const flow = (i: number) =>
      flowEventRow(
        { id: 'reporter', accountId: account.id },
        {
          flow_id: `g${i}`,
          source: { id: 'reporter', type: 'PEER', name: 'Laptop', address: `100.64.0.9:${30000 + i}` },
          destination: { id: i % 2 ? 'db' : 'web', type: 'PEER', name: i % 2 ? 'db' : 'web', address: i % 2 ? '100.64.0.7:5432' : '[fd00::7]:443' },
          user: { id: 'u', email: 'Ann@X.test', name: 'Ann' },
          protocol: 6,
          direction: 'EGRESS',
          rx_bytes: i,
          tx_bytes: 1,
          window_start: '2025-02-01T10:15:00Z',
          window_end: '2025-02-01T10:15:00Z',
          events: [{ type: 'TYPE_START', timestamp: '2025-02-01T10:15:00Z' }],
        },
        i,
        new Date(),
      );
    await insertTrafficEvents(Array.from({ length: 100 }, (_, i) => flow(i)), cfg);
    await insertTrafficEvents(Array.from({ length: 100 }, (_, i) => flow(100 + i)), cfg);
    const stored = await db.trafficSearchRollup.findMany({ where: { accountId: account.id }, orderBy: { dstId: 'asc' } });
    expect(stored.map((r) => [r.dstId, r.flows, Number(r.rxBytes), r.searchText])).toEqual([
      ['db', 100, 10_000, 'ann@x.test\nlaptop\ndb\n100.64.0.7:5432\n100.64.0.9'],
      ['web', 100, 9_900, 'ann@x.test\nlaptop\nweb\n[fd00::7]:443\n100.64.0.9'],
    ]);
    expect(await db.trafficSearchGroup.count({ where: { accountId: account.id } })).toBe(2);
    // By port digit, across both reports: the db group's text has every digit but 8, so only 8 is
    // kept for it (besides the first digit); the web group's text lacks 2, 5 and 8.
    const portSums = await db.trafficPortSum.findMany({ where: { accountId: account.id } });
    const db_ = stored[0].groupKey;
    const web = stored[1].groupKey;
    const sum = (group: string, digit: string) => portSums.filter((r) => r.groupKey === group && r.digit === digit).map((r) => [r.flows, Number(r.rxBytes)])[0] ?? [0, 0];
    const expectDigit = (odd: number, digit: string) => {
      const i = Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 2 === odd && String(30000 + i).includes(digit));
      return [i.length, i.reduce((a, b) => a + b, 0)];
    };
    expect(new Set(portSums.filter((r) => r.groupKey === db_).map((r) => r.digit))).toEqual(new Set(['^3', '8']));
    expect(new Set(portSums.filter((r) => r.groupKey === web).map((r) => r.digit))).toEqual(new Set(['^3', '2', '5', '8']));
    expect(sum(db_, '^3')).toEqual([100, 10_000]);
    expect(sum(db_, '8')).toEqual(expectDigit(1, '8'));
    expect(sum(web, '2')).toEqual(expectDigit(0, '2'));
    expect(sum(web, '5')).toEqual(expectDigit(0, '5'));
    expect(sum(web, '8')).toEqual(expectDigit(0, '8'));
  });

  it('are written in the events’ transaction: a failing batch adds to neither', async () => {
    const sums = async () => [
      (await db.trafficRollup.aggregate({ where: { accountId: actor.accountId }, _sum: { flows: true } }))._sum.flows,
      (await db.trafficTotal.aggregate({ where: { accountId: actor.accountId }, _sum: { flows: true } }))._sum.flows,
      (await db.trafficSearchRollup.aggregate({ where: { accountId: actor.accountId }, _sum: { flows: true } }))._sum.flows,
      (await db.trafficPortSum.aggregate({ where: { accountId: actor.accountId }, _sum: { flows: true } }))._sum.flows,
      await db.trafficSearchGroup.count({ where: { accountId: actor.accountId } }),
    ];
    const before = await sums();
    const rows = [event(5000), event(5001)];
    (rows[1] as { flowId: unknown }).flowId = null;
    await expect(insertTrafficEvents(rows, cfg)).rejects.toThrow();
    expect(await sums()).toEqual(before);
  });
});

describe('trafficSummary', () => {
  const from = '2025-01-01T00:00:00Z';
  const to = '2025-01-03T00:00:00Z';

  it('answers from the rollups with the same numbers the events give', async () => {
    for (const filter of [{}, { userId: 'u1' }, { protocol: 17, direction: 'INGRESS' }, { reporterId: 'peer-a', connectionType: 'ROUTED' }, { destinationId: 'dst-2', sourceId: 'peer-c' }]) {
      const fromRollups = await trafficSummary(db, actor, { from, to, bucket: 3600, ...filter });
      const fromEvents = await trafficSummary(db, actor, { from, to, bucket: 3600, ...filter }, undefined, { exact: true });
      expect(fromRollups.source).toBe('rollups');
      expect(fromEvents.source).toBe('events');
      expect(fromRollups.totals.flows).toBeGreaterThan(0);
      const { note: _a, source: _b, ...r } = fromRollups;
      const { note: _c, source: _d, ...e } = fromEvents;
      expect(r).toEqual(e);
    }
  });

  it('answers type and search filters from the search sums with the events’ numbers', async () => {
    const filters = [
      { search: 'DST 2' }, { search: 'one@x' }, { search: '100.64.0.2' }, { search: '[fd00' }, { search: 'nothing matches' },
      { type: 'TYPE_END' }, { type: 'TYPE_START', search: 'src 3', userId: 'u2' }, { search: '10.0.0.1', protocol: 17, direction: 'INGRESS' },
      { search: 'src', reporterId: 'peer-b', connectionType: 'ROUTED', destinationId: 'dst-2' },
    ];
    for (const filter of filters) {
      const fromSums = await trafficSummary(db, actor, { from, to, bucket: 10800, ...filter });
      const fromEvents = await trafficSummary(db, actor, { from, to, bucket: 10800, ...filter }, undefined, { exact: true });
      expect([JSON.stringify(filter), fromSums.source]).toEqual([JSON.stringify(filter), 'rollups']);
      const { note: _a, source: _b, ...r } = fromSums;
      const { note: _c, source: _d, ...e } = fromEvents;
      expect(r).toEqual(e);
    }
    const inRange = (await db.trafficEvent.findMany({ where: { accountId: actor.accountId, windowStart: { gte: new Date(from), lt: new Date(to) } } }));
    expect((await trafficSummary(db, actor, { from, to, search: '10.0.0.3' })).totals.flows).toBe(inRange.filter((e) => e.dstAddress === '10.0.0.3:443').length);
  });

  it('answers a search that can match inside a source port from the sums and those ports’ events', async () => {
    // "40017" and "41" are inside source ports only; "1:40" spans a source address and its port;
    // "443" is in destination ports and in source ports such as 40443; "::1]" is IPv6.
    const inRange = await db.trafficEvent.findMany({ where: { accountId: actor.accountId, windowStart: { gte: new Date(from), lt: new Date(to) } } });
    const filters = [
      { search: '40017' }, { search: '41' }, { search: '1:40' }, { search: '443' }, { search: '::1]' }, { search: '100.64.0.2:4001' },
      { search: '0.1:40', type: 'TYPE_START', protocol: 17 }, { search: '443', reporterId: 'peer-b', direction: 'INGRESS' }, { search: 'x:1' },
    ];
    for (const filter of filters) {
      const want = inRange.filter((e) => e.searchText.includes(filter.search) && (!filter.type || e.eventTypes.includes(filter.type))).length;
      const fromSums = await trafficSummary(db, actor, { from, to, bucket: 3600, ...filter });
      const fromEvents = await trafficSummary(db, actor, { from, to, bucket: 3600, ...filter }, undefined, { exact: true });
      expect([JSON.stringify(filter), fromSums.source, fromSums.note]).toEqual([JSON.stringify(filter), 'rollups', '']);
      if (!filter.type && !filter.reporterId) expect([filter.search, fromSums.totals.flows]).toEqual([filter.search, want]);
      const { note: _a, source: _b, ...r } = fromSums;
      const { note: _c, source: _d, ...e } = fromEvents;
      expect(r).toEqual(e);
    }
    // The sums alone miss what only a source port holds.
    const sums = await db.trafficSearchRollup.findMany({ where: { accountId: actor.accountId } });
    expect(sums.some((r) => r.searchText.includes('40017'))).toBe(false);
    expect(inRange.some((e) => e.searchText.includes('40017'))).toBe(true);
  });

  it('answers a search that can match inside most source ports from the sums by port digit', async () => {
    const inRange = await db.trafficEvent.findMany({ where: { accountId: actor.accountId, windowStart: { gte: new Date(from), lt: new Date(to) } } });
    const filters = [
      { search: '4' }, { search: '9' }, { search: '0' }, { search: '1:' }, { search: '0.2:4' }, { search: ':' }, { search: '0.1:4' },
      { search: '7', type: 'TYPE_START' }, { search: '2:', protocol: 17 }, { search: '3', reporterId: 'peer-b', direction: 'INGRESS' },
    ];
    for (const filter of filters) {
      const want = inRange.filter((e) => e.searchText.includes(filter.search) && (!filter.type || e.eventTypes.includes(filter.type))).length;
      expect(want).toBeGreaterThan(0);
      const fromSums = await trafficSummary(db, actor, { from, to, bucket: 3600, ...filter });
      const fromEvents = await trafficSummary(db, actor, { from, to, bucket: 3600, ...filter }, undefined, { exact: true });
      expect([JSON.stringify(filter), fromSums.source, fromSums.note]).toEqual([JSON.stringify(filter), 'rollups', '']);
      if (!filter.type && !filter.reporterId && !filter.protocol) expect([filter.search, fromSums.totals.flows]).toEqual([filter.search, want]);
      const { note: _a, source: _b, ...r } = fromSums;
      const { note: _c, source: _d, ...e } = fromEvents;
      expect(r).toEqual(e);
    }
  });

  it('compares the text before ":" by characters, not UTF-16 units', async () => {
    const { account, owner } = await createAccountWithOwner(db, { name: 'e', domain: 'emoji.test', ownerEmail: 'o@emoji.test', ownerName: 'O', ownerPassword: 'emoji-password-1' });
    const emojiActor: Actor = { userId: owner.id, accountId: account.id, role: 'owner', name: 'O', email: owner.email, via: 'token' };
    const hosts = ['🚀a', 'b🚀a', 'xa'];
    const rows = Array.from({ length: 60 }, (_, i) =>
      flowEventRow(
        { id: 'reporter', accountId: account.id },
        { flow_id: `e${i}`, source: { id: 'reporter', type: 'PEER', name: 'n', address: `${hosts[i % 3]}:${40_000 + i}` }, destination: { address: '10.0.0.1:443' }, window_start: '2025-02-01T10:15:00Z', window_end: '2025-02-01T10:15:00Z' },
        i,
        new Date(),
      ),
    );
    await insertTrafficEvents(rows, cfg);
    const range = { from: '2025-02-01T00:00:00Z', to: '2025-02-02T00:00:00Z' };
    for (const [search, want] of [['🚀a:', 40], ['🚀a:4', 40], ['b🚀a:', 20], ['a:', 60]] as const) {
      const s = await trafficSummary(db, emojiActor, { ...range, search });
      expect([search, s.source, s.totals.flows]).toEqual([search, 'rollups', want]);
    }
  });

  it('totals equal the raw sums, fills empty buckets with zeros and names top peers', async () => {
    const s = await trafficSummary(db, actor, { from, to: '2025-01-05T00:00:00Z', bucket: 86400 });
    const sums = await db.trafficEvent.aggregate({ where: { accountId: actor.accountId }, _sum: { rxBytes: true, txBytes: true }, _count: true });
    expect(s.totals).toEqual({ rx_bytes: Number(sums._sum.rxBytes), tx_bytes: Number(sums._sum.txBytes), flows: sums._count });
    expect(s.series.map((p) => p.t.slice(0, 10))).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04']);
    expect(s.series[3]).toEqual({ t: '2025-01-04T00:00:00.000Z', rx_bytes: 0, tx_bytes: 0, flows: 0 });
    expect(s.top_peers.map((p) => p.name).sort()).toEqual(['alpha', 'peer-b', 'peer-c']);
    expect(s.top_users.map((u) => u.email).sort()).toEqual(['one@x.test', 'two@x.test']);
    expect(s.protocols.reduce((n, p) => n + p.flows, 0)).toBe(1800);
    expect(s.protocols.find((p) => p.protocol === 6)?.name).toBe('TCP');
  });

  it('agrees with the events at minute buckets', async () => {
    const s = await trafficSummary(db, actor, { from: '2025-01-01T10:00:00Z', to: '2025-01-01T11:00:00Z' });
    expect([s.source, s.bucket, s.series.length]).toEqual(['events', 60, 60]);
    const count = await db.trafficEvent.count({ where: { accountId: actor.accountId, windowStart: { gte: new Date('2025-01-01T10:00:00Z'), lt: new Date('2025-01-01T11:00:00Z') } } });
    expect(s.totals.flows).toBe(count);
  });
});
