// Traffic flow ingest (POST /api/agent/flows, meshdeck's agent protocol) and the NetBird list
// GET /api/events/network-traffic with every filter, paging and their combinations.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { flow, newPeer, postFlows, type TestPeer } from '../support/events-helpers';
import { netbird } from '../support/netbird-client';
import { newId } from '@/lib/domain/ids';

let acct: Awaited<ReturnType<typeof newAccount>>;
let p1: TestPeer;
let p2: TestPeer;
// The peers' own users: a flow keeps its user only when it names the reporting peer's user.
const alice = { id: `user-alice-${newId().slice(-6)}`, email: 'Alice@Example.test', name: 'Alice' };
const bob = { id: `user-bob-${newId().slice(-6)}`, email: 'bob@example.test', name: 'Bob' };

/** The data set: five flows, named by their flow ids. */
let e: Record<'e1' | 'e2' | 'e3' | 'e4' | 'e5', ReturnType<typeof flow>>;

async function rowCount(accountId = acct.account.id) {
  return (await testDb()).trafficEvent.count({ where: { accountId } });
}

beforeAll(async () => {
  acct = await newAccount();
  const db = await testDb();
  for (const u of [alice, bob]) await db.user.create({ data: { ...u, accountId: acct.account.id, role: 'user', status: 'active' } });
  p1 = await newPeer(acct.account.id, { name: 'alpha-laptop', userId: alice.id });
  p2 = await newPeer(acct.account.id, { name: 'beta-server', userId: bob.id });
  const P1 = { id: p1.id, type: 'PEER', name: 'alpha-laptop', address: '100.64.0.1:5000' };
  const P2 = { id: p2.id, type: 'PEER', name: 'beta-server', address: '100.64.0.2:443' };
  e = {
    e1: flow({ flowId: 'e1', src: P1, dst: P2, user: alice, protocol: 6, direction: 'INGRESS', types: ['TYPE_START'], start: '2025-01-01T10:00:00Z' }),
    e2: flow({ flowId: 'e2', src: P1, dst: { id: 'res-db', type: 'HOST_RESOURCE', name: 'db.internal', address: '10.0.0.5:5432' }, user: bob, protocol: 6, direction: 'EGRESS', types: ['TYPE_START', 'TYPE_END'], start: '2025-01-02T10:00:00Z' }),
    e3: flow({ flowId: 'e3', src: P2, dst: P1, user: bob, protocol: 17, direction: 'DIRECTION_UNKNOWN', types: ['TYPE_DROP'], start: '2025-01-03T10:00:00Z' }),
    e4: flow({ flowId: 'e4', src: P1, dst: { id: 'res-lan', type: 'SUBNET_RESOURCE', name: 'office-lan', address: '192.168.1.10:80' }, user: alice, protocol: 1, direction: 'EGRESS', types: ['TYPE_END'], start: '2025-01-04T10:00:00Z', bytes: 5_000_000_000 }),
    e5: flow({ flowId: 'e5', src: { ...P1, name: 'weird%name' }, dst: P2, protocol: 6, direction: 'INGRESS', types: ['TYPE_UNKNOWN'], start: '2025-01-05T10:00:00.5Z' }),
  };
  e.e4.icmp = { type: 8, code: 0 };
  const first = await postFlows(p1.token, { events: [e.e1, e.e2, e.e4, e.e5] });
  expect(first.status).toBe(202);
  expect(first.body).toEqual({ accepted: 4 });
  expect((await postFlows(p2.token, { events: [e.e3] })).body).toEqual({ accepted: 1 });
});

describe('POST /api/agent/flows', () => {
  it('stores each event with the server’s fields: reporter, receive time, connection type, event types, search text', async () => {
    const db = await testDb();
    const rows = await db.trafficEvent.findMany({ where: { accountId: acct.account.id } });
    expect(rows).toHaveLength(5);
    const by = Object.fromEntries(rows.map((r) => [r.flowId, r]));
    expect(by.e1).toMatchObject({ reporterId: p1.id, srcId: p1.id, dstId: p2.id, connectionType: 'P2P', eventTypes: ',TYPE_START,', userEmail: 'Alice@Example.test', protocol: 6, direction: 'INGRESS', numStarts: 1, numEnds: 0 });
    expect(by.e1.searchText).toContain('alice@example.test');
    expect(by.e1.searchText).toContain('100.64.0.2:443');
    expect(by.e2).toMatchObject({ connectionType: 'ROUTED', eventTypes: ',TYPE_START,TYPE_END,', numStarts: 1, numEnds: 1 });
    expect(by.e3).toMatchObject({ reporterId: p2.id, connectionType: 'P2P', numDrops: 1 });
    expect(by.e4.rxBytes).toBe(5_000_000_000n);
    expect(by.e1.windowStart.toISOString()).toBe('2025-01-01T10:00:00.000Z');
    expect(Date.now() - by.e1.receiveTimestamp.getTime()).toBeLessThan(120_000);
    expect(JSON.parse(by.e2.events)).toEqual([
      { type: 'TYPE_START', timestamp: '2025-01-02T10:00:00.000Z' },
      { type: 'TYPE_END', timestamp: '2025-01-02T10:00:00.000Z' },
    ]);
  });

  it('fills defaults for a minimal event', async () => {
    const { account } = await newAccount();
    const peer = await newPeer(account.id);
    const r = await postFlows(peer.token, { events: [{ flow_id: 'min', window_start: '2025-02-01T00:00:00Z', window_end: '2025-02-01T00:00:01Z' }] });
    expect(r.status).toBe(202);
    const row = await (await testDb()).trafficEvent.findFirstOrThrow({ where: { accountId: account.id } });
    expect(row).toMatchObject({ flowId: 'min', srcType: 'UNKNOWN', dstType: 'UNKNOWN', connectionType: 'ROUTED', direction: 'DIRECTION_UNKNOWN', protocol: 0, eventTypes: '', events: '[]', rxBytes: 0n });
  });

  it('accepts 10,000 events in one report', async () => {
    const { account, token } = await newAccount();
    const peer = await newPeer(account.id);
    const events = Array.from({ length: 10_000 }, (_, i) => flow({ flowId: `bulk-${i}`, start: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() }));
    const t0 = performance.now();
    const r = await postFlows(peer.token, { events });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 10_000 });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(await rowCount(account.id)).toBe(10_000);
    // Default page size 1000; larger pages are capped at 50,000.
    const page = await netbird(token)('GET', '/api/events/network-traffic');
    expect(page.body).toMatchObject({ page: 1, page_size: 1000, total_records: 10_000, total_pages: 10 });
    expect(page.body.data).toHaveLength(1000);
    expect(page.body.data[0].flow_id).toBe('bulk-9999');
    const big = await netbird(token)('GET', '/api/events/network-traffic?page_size=100000&page=1');
    expect(big.body).toMatchObject({ page_size: 50_000, total_pages: 1 });
    expect(big.body.data).toHaveLength(10_000);
  });

  const bad: [string, unknown, number][] = [
    ['a body that is not an object', [1, 2], 400],
    ['events that are not a list', { events: 'x' }, 400],
    ['a numeric flow id', { events: [{ ...flow(), flow_id: 5 }] }, 400],
    ['a missing window_start', { events: [{ ...flow(), window_start: undefined }] }, 400],
    ['a string counter', { events: [{ ...flow(), rx_bytes: '12' }] }, 400],
    ['a fractional protocol', { events: [{ ...flow(), protocol: 6.5 }] }, 400],
    ['an empty flow id', { events: [{ ...flow(), flow_id: ' ' }] }, 422],
    ['an unknown direction', { events: [{ ...flow(), direction: 'SIDEWAYS' }] }, 422],
    ['an unknown sub-event type', { events: [{ ...flow(), events: [{ type: 'TYPE_BOOM', timestamp: '2025-01-01T00:00:00Z' }] }] }, 422],
    ['an unknown endpoint type', { events: [{ ...flow(), source: { type: 'TOASTER' } }] }, 422],
    ['a bad country code', { events: [{ ...flow(), source: { geo_location: { country_code: 'germany', city_name: '' } } }] }, 422],
    ['a timestamp that is not RFC 3339', { events: [{ ...flow(), window_start: '20/03/2025' }] }, 422],
    ['an impossible date', { events: [{ ...flow(), window_start: '2025-02-30T00:00:00Z' }] }, 422],
    ['a window that ends before it starts', { events: [{ ...flow(), window_end: '2020-01-01T00:00:00Z' }] }, 422],
    ['a negative counter', { events: [{ ...flow(), tx_packets: -1 }] }, 422],
    ['a protocol over 255', { events: [{ ...flow(), protocol: 256 }] }, 422],
    ['one bad event among good ones', { events: [flow(), flow(), { ...flow(), direction: 'UP' }] }, 422],
    ['more than 10,000 events', { events: Array.from({ length: 10_001 }, () => ({ flow_id: 'x', window_start: '2025-01-01T00:00:00Z', window_end: '2025-01-01T00:00:00Z' })) }, 422],
  ];
  for (const [what, body, status] of bad) {
    it(`answers ${status} to ${what} and stores nothing`, async () => {
      const before = await rowCount();
      const r = await postFlows(p1.token, body);
      expect(r.status).toBe(status);
      expect(r.body.message.length).toBeGreaterThan(5);
      expect(await rowCount()).toBe(before);
    });
  }

  it('names the offending event and field', async () => {
    const r = await postFlows(p1.token, { events: [flow(), { ...flow(), direction: 'UP' }] });
    expect(r.body.message).toContain('events[1].direction');
  });

  it('answers 400 to malformed JSON and stores nothing', async () => {
    const before = await rowCount();
    const r = await postFlows(p1.token, '{"events": [');
    expect(r.status).toBe(400);
    expect(await rowCount()).toBe(before);
  });

  it('accepts only a peer’s agent token', async () => {
    const before = await rowCount();
    const anon = netbird('');
    expect((await anon('POST', '/api/agent/flows', { events: [flow()] }, { Authorization: '' })).status).toBe(401);
    // A user's API token is not a peer token, in any style; nor is a peer token in NetBird's Token style.
    expect((await postFlows(acct.token, { events: [flow()] })).status).toBe(401);
    expect((await anon('POST', '/api/agent/flows', { events: [flow()] }, { Authorization: `Token ${p1.token}` })).status).toBe(401);
    expect((await postFlows('nbpeer_not-a-real-token', { events: [flow()] })).status).toBe(401);
    expect(await rowCount()).toBe(before);
  });

  it('keeps a flow’s user only when it is the reporting peer’s own, with the stored email and name', async () => {
    const db = await testDb();
    const by = Object.fromEntries((await db.trafficEvent.findMany({ where: { accountId: acct.account.id } })).map((r) => [r.flowId, r]));
    expect(by.e2).toMatchObject({ userId: '', userEmail: '', userName: '' });
    expect(by.e3).toMatchObject({ userId: bob.id, userEmail: bob.email });
    const { account } = await newAccount();
    const carol = { id: `user-carol-${newId().slice(-6)}`, email: 'carol@example.test', name: 'Carol' };
    await db.user.create({ data: { ...carol, accountId: account.id, role: 'user', status: 'active' } });
    const own = await newPeer(account.id, { userId: carol.id });
    const setupKeyPeer = await newPeer(account.id);
    const spoofed = flow({ flowId: 'spoofed-email', user: { id: carol.id, email: 'ceo@example.test', name: 'CEO' } });
    const other = flow({ flowId: 'other-user', user: alice });
    expect((await postFlows(own.token, { events: [spoofed, other] })).status).toBe(202);
    expect((await postFlows(setupKeyPeer.token, { events: [flow({ flowId: 'no-owner', user: carol })] })).status).toBe(202);
    const rows = Object.fromEntries((await db.trafficEvent.findMany({ where: { accountId: account.id } })).map((r) => [r.flowId, r]));
    expect(rows['spoofed-email']).toMatchObject({ userId: carol.id, userEmail: carol.email, userName: carol.name });
    expect(rows['spoofed-email'].searchText).not.toContain('ceo@');
    expect(rows['other-user']).toMatchObject({ userId: '', userEmail: '' });
    expect(rows['no-owner']).toMatchObject({ userId: '', userEmail: '' });
  });

  it('refuses flows and meta from a peer pending approval or with an expired login (403, nothing written)', async () => {
    const db = await testDb();
    const { account } = await newAccount();
    const owner = await newUser(account.id, 'user');
    const pending = await newPeer(account.id, { approvalRequired: true });
    await db.account.update({ where: { id: account.id }, data: { peerLoginExpirationEnabled: true, peerLoginExpiration: 3600 } });
    const expired = await newPeer(account.id, { userId: owner.user.id, loginExpirationEnabled: true, lastLogin: new Date(Date.now() - 2 * 3600_000) });
    const fresh = await newPeer(account.id, { userId: owner.user.id, loginExpirationEnabled: true, lastLogin: new Date() });
    for (const [peer, message] of [[pending, /pending approval/], [expired, /login expired/]] as const) {
      const r = await postFlows(peer.token, { events: [flow()] });
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ message: expect.stringMatching(message), code: 403 });
      const before = await db.peer.findUniqueOrThrow({ where: { id: peer.id } });
      const meta = await netbird('')('POST', '/api/agent/meta', { meta: { os: 'linux', version: '9.9.9' } }, { Authorization: `Bearer ${peer.token}` });
      expect(meta.status).toBe(403);
      expect(meta.body.code).toBe(403);
      expect(await db.peer.findUniqueOrThrow({ where: { id: peer.id } })).toEqual(before);
    }
    expect(await rowCount(account.id)).toBe(0);
    expect((await postFlows(fresh.token, { events: [flow()] })).status).toBe(202);
  });

  it('refuses a peer whose user is blocked', async () => {
    const blocked = await newUser(acct.account.id, 'user', 'blocked');
    const peer = await newPeer(acct.account.id, { userId: blocked.user.id });
    const before = await rowCount();
    expect((await postFlows(peer.token, { events: [flow()] })).status).toBe(403);
    expect(await rowCount()).toBe(before);
  });
});

describe('GET /api/events/network-traffic', () => {
  const list = async (query = '', token = acct.token) => {
    const r = await netbird(token)('GET', `/api/events/network-traffic${query ? `?${query}` : ''}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const flows = async (query: string) => (await list(query)).data.map((d: { flow_id: string }) => d.flow_id);

  it('lists newest window first in NetBird’s shape, counters as JSON numbers', async () => {
    const body = await list();
    expect(body).toMatchObject({ page: 1, page_size: 1000, total_records: 5, total_pages: 1 });
    expect(body.data.map((d: { flow_id: string }) => d.flow_id)).toEqual(['e5', 'e4', 'e3', 'e2', 'e1']);
    const e4 = body.data[1];
    expect(e4).toMatchObject({
      reporter_id: p1.id,
      source: { id: p1.id, type: 'PEER', name: 'alpha-laptop', geo_location: { city_name: 'Berlin', country_code: 'DE' }, os: 'Linux', address: '100.64.0.1:5000' },
      destination: { id: 'res-lan', type: 'SUBNET_RESOURCE', name: 'office-lan', address: '192.168.1.10:80' },
      user: alice,
      policy: { id: 'ch8i4ug6lnn4g9hqv7m0', name: 'All to All' },
      icmp: { type: 8, code: 0 },
      protocol: 1,
      direction: 'EGRESS',
      rx_bytes: 5_000_000_000,
      tx_bytes: 5_000_000_000,
      rx_packets: 5,
      tx_packets: 7,
      num_of_starts: 0,
      num_of_ends: 1,
      num_of_drops: 0,
      window_start: '2025-01-04T10:00:00.000Z',
      window_end: '2025-01-04T10:00:05.000Z',
      events: [{ type: 'TYPE_END', timestamp: '2025-01-04T10:00:00.000Z' }],
    });
    expect(typeof e4.id).toBe('string');
    expect(typeof e4.receive_timestamp).toBe('string');
  });

  const filters: [string, string[]][] = [
    [`user_id=${alice.id}`, ['e4', 'e1']],
    // e2 was reported by alice's peer naming bob: stored without a user.
    [`user_id=${bob.id}`, ['e3']],
    ['user_id=nobody', []],
    ['source_id=res-db', []],
    ['destination_id=res-db', ['e2']],
    ['protocol=17', ['e3']],
    ['protocol=1', ['e4']],
    ['type=TYPE_START', ['e2', 'e1']],
    ['type=TYPE_END', ['e4', 'e2']],
    ['type=TYPE_DROP', ['e3']],
    ['type=TYPE_UNKNOWN', ['e5']],
    ['connection_type=ROUTED', ['e4', 'e2']],
    ['connection_type=P2P', ['e5', 'e3', 'e1']],
    ['direction=EGRESS', ['e4', 'e2']],
    ['direction=INGRESS', ['e5', 'e1']],
    ['direction=DIRECTION_UNKNOWN', ['e3']],
    ['search=ALICE%40example', ['e4', 'e1']],
    ['search=Db.Intern', ['e2']],
    ['search=10.0.0.5', ['e2']],
    ['search=office', ['e4']],
    ['search=%25', ['e5']],
    ['search=_', []],
    ['search=%5C', []],
    ['search=weird%25NAME', ['e5']],
    ['start_date=2025-01-02T00:00:00Z&end_date=2025-01-03T23:59:59Z', ['e3', 'e2']],
    ['start_date=2025-01-04T10:00:00Z', ['e5', 'e4']],
    ['end_date=2025-01-01T10:00:00Z', ['e1']],
    ['start_date=2025-01-03T11:00:00%2B01:00', ['e5', 'e4', 'e3']],
    [`user_id=${alice.id}&direction=EGRESS`, ['e4']],
    ['connection_type=P2P&protocol=6&type=TYPE_START', ['e1']],
    ['search=alpha&direction=DIRECTION_UNKNOWN', ['e3']],
    ['type=TYPE_END&connection_type=ROUTED&start_date=2025-01-03T00:00:00Z', ['e4']],
    ['search=beta-server&protocol=6&end_date=2025-01-04T00:00:00Z', ['e1']],
  ];
  for (const [query, expected] of filters) {
    it(`filters ${query}`, async () => {
      expect(await flows(query)).toEqual(expected);
    });
  }

  it('filters by reporter, source and destination peer', async () => {
    expect(await flows(`reporter_id=${p2.id}`)).toEqual(['e3']);
    expect(await flows(`reporter_id=${p1.id}`)).toEqual(['e5', 'e4', 'e2', 'e1']);
    expect(await flows(`source_id=${p2.id}`)).toEqual(['e3']);
    expect(await flows(`destination_id=${p1.id}`)).toEqual(['e3']);
    expect(await flows(`destination_id=${p2.id}&reporter_id=${p1.id}`)).toEqual(['e5', 'e1']);
  });

  it('pages with total counts', async () => {
    expect(await list('page_size=2')).toMatchObject({ page: 1, page_size: 2, total_records: 5, total_pages: 3 });
    expect(await flows('page_size=2')).toEqual(['e5', 'e4']);
    expect(await flows('page_size=2&page=2')).toEqual(['e3', 'e2']);
    expect(await flows('page_size=2&page=3')).toEqual(['e1']);
    const beyond = await list('page_size=2&page=4');
    expect(beyond).toMatchObject({ data: [], page: 4, total_records: 5, total_pages: 3 });
    expect(await list('page_size=2&page=2&direction=EGRESS')).toMatchObject({ data: [], total_records: 2, total_pages: 1 });
    expect(await flows('page_size=1&page=2&connection_type=P2P')).toEqual(['e3']);
  });

  it('answers an empty page, not an error, for the last accepted page at the largest page size', async () => {
    expect(await list('page=1000000&page_size=50000')).toMatchObject({ data: [], page: 1_000_000, total_records: 5 });
  });

  const invalid: [string, number][] = [
    ['page=abc', 400],
    ['page=1e30', 400],
    ['page=2.5', 400],
    ['page_size=1.5', 400],
    ['page=-3', 422],
    ['page=99999999999999999999', 422],
    ['page=1000001', 422],
    ['protocol=tcp', 400],
    ['page=0', 422],
    ['page_size=0', 422],
    ['protocol=300', 422],
    ['type=TYPE_BOOM', 422],
    ['connection_type=MESH', 422],
    ['direction=UP', 422],
    ['start_date=yesterday', 422],
    ['end_date=2025-13-01T00:00:00Z', 422],
    ['start_date=2025-01-02T00:00:00Z&end_date=2025-01-01T00:00:00Z', 422],
  ];
  for (const [query, status] of invalid) {
    it(`answers ${status} to ${query}`, async () => {
      const r = await netbird(acct.token)('GET', `/api/events/network-traffic?${query}`);
      expect(r.status).toBe(status);
    });
  }

  it('shows only the caller’s account, to owners, admins and auditors', async () => {
    const other = await newAccount();
    expect(await list('', other.token)).toMatchObject({ data: [], total_records: 0, total_pages: 0 });
    expect((await list(`reporter_id=${p1.id}`, other.token)).total_records).toBe(0);
    const auditor = await newUser(acct.account.id, 'auditor');
    expect((await list('', auditor.token)).total_records).toBe(5);
    const admin = await newUser(acct.account.id, 'admin');
    expect((await list('', admin.token)).total_records).toBe(5);
    const user = await newUser(acct.account.id, 'user');
    expect((await netbird(user.token)('GET', '/api/events/network-traffic')).status).toBe(403);
    expect((await netbird('')('GET', '/api/events/network-traffic', undefined, { Authorization: '' })).status).toBe(401);
  });
});
