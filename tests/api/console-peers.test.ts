// The console's peer endpoints: GET /api/console/peers (paged, sorted, filtered in the database),
// POST /api/console/peers/bulk (one transaction, one audit event per changed peer) and
// GET /api/console/peers/{id}/routes. Every row is checked against NetBird's Peer schema.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird, type CallResult } from '../support/netbird-client';
import { netbirdApi } from '../support/openapi';
import { insertGroup, insertPeer } from '../support/peers';
import { cookieHeader, signIn } from '../support/session';

type Row = { id: string; name: string; ip: string; os: string; version: string; connected: boolean; last_seen: string; groups: { id: string; name: string }[]; user_email: string; approval_required: boolean; login_expiration_enabled: boolean };
type Page = { total: number; items: Row[] };

let acct: Awaited<ReturnType<typeof newAccount>>;
let call: ReturnType<typeof netbird>;
let member: Awaited<ReturnType<typeof newUser>>;
const HOUR = 3_600_000;

async function page(query: string, as = call): Promise<CallResult<Page>> {
  const r = await as<Page>('GET', `/api/console/peers?${query}`);
  if (r.status === 200) for (const item of r.body.items) netbirdApi().checkSchema('Peer', item);
  return r;
}
const names = (r: CallResult<Page>) => r.body.items.map((p) => p.name);
const auditCount = async (accountId: string) => (await testDb()).auditEvent.count({ where: { accountId } });

beforeAll(async () => {
  acct = await newAccount();
  call = netbird(acct.token);
  member = await newUser(acct.account.id, 'user');
  const now = Date.now();
  // 30 peers: p-00 … p-29, alternating OS and connection, one hour apart in last_seen.
  for (let i = 0; i < 30; i++) {
    await insertPeer(acct.account.id, `p-${String(i).padStart(2, '0')}`, {
      os: i % 3 === 0 ? 'darwin' : 'linux',
      version: i % 2 ? '0.60.1' : '0.59.0',
      connected: i % 2 === 0,
      lastSeen: new Date(now - i * HOUR),
      lastLogin: new Date(now - (i === 4 ? 48 : i) * HOUR),
      approvalRequired: i >= 27,
      loginExpirationEnabled: i < 5,
      userId: i < 5 ? member.user.id : '',
    });
  }
});

describe('GET /api/console/peers', () => {
  it('pages through peers sorted by any column, without overlap, with the total', async () => {
    const first = await page('limit=10&sort=name:asc');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(30);
    expect(names(first)).toEqual(Array.from({ length: 10 }, (_, i) => `p-0${i}`));
    const second = await page('offset=10&limit=10&sort=name:asc');
    expect(names(second)[0]).toBe('p-10');
    const desc = await page('limit=3&sort=name:desc');
    expect(names(desc)).toEqual(['p-29', 'p-28', 'p-27']);
    const recent = await page('limit=2&sort=last_seen:desc');
    expect(names(recent)).toEqual(['p-00', 'p-01']);
    // Ties (many peers share an OS) are broken by id, so pages together are each peer exactly once.
    const seen: string[] = [];
    for (let offset = 0; offset < 30; offset += 7) seen.push(...names(await page(`offset=${offset}&limit=7&sort=os:asc`)));
    expect(new Set(seen).size).toBe(30);
    expect(seen.slice(0, 10).every((n) => Number(n.slice(2)) % 3 === 0)).toBe(true);
    const beyond = await page('offset=100&limit=10');
    expect(beyond.body).toEqual({ total: 30, items: [] });
  });

  it('filters by text, IP, OS, version, connection, approval, login expiration, last seen, group and user', async () => {
    expect(names(await page('q=p-1&limit=100')).length).toBe(10);
    expect((await page('q=P-2')).body.total).toBe(10);
    const one = (await page('name=p-07')).body.items[0];
    expect(names(await page(`ip=${one.ip}`))).toEqual(['p-07']);
    expect((await page('os=darwin')).body.total).toBe(10);
    expect((await page('version=0.60')).body.total).toBe(15);
    expect((await page('connected=true')).body.total).toBe(15);
    expect(names(await page('approval=pending'))).toEqual(['p-27', 'p-28', 'p-29']);
    expect((await page('approval=approved')).body.total).toBe(27);
    expect((await page('loginExpiration=enabled')).body.total).toBe(5);
    expect((await page('loginExpiration=disabled')).body.total).toBe(25);
    // Account default: 24 h. p-00 … p-04 belong to a user and have expiration on; only p-04 logged in 48 h ago.
    expect(names(await page('loginExpiration=expired'))).toEqual(['p-04']);
    const cutoff = new Date(Date.now() - 9.5 * HOUR).toISOString();
    expect((await page(`lastSeenAfter=${cutoff}`)).body.total).toBe(10);
    expect((await page(`lastSeenBefore=${cutoff}`)).body.total).toBe(20);
    const u = await page(`user=${member.user.id}`);
    expect(u.body.total).toBe(5);
    expect(u.body.items[0].user_email).toBe(member.user.email);
    // Filters combine with AND.
    expect(names(await page('os=darwin&connected=true&sort=name:asc'))).toEqual(['p-00', 'p-06', 'p-12', 'p-18', 'p-24']);
  });

  it('filters by group through the membership table; All means every peer; unknown groups match nothing', async () => {
    const all = await page('limit=100');
    const ids = all.body.items.filter((p) => ['p-03', 'p-04'].includes(p.name)).map((p) => p.id);
    const g = await insertGroup(acct.account.id, 'filter-me', ids);
    const r = await page(`group=${g.id}`);
    expect(names(r)).toEqual(['p-03', 'p-04']);
    expect(r.body.items[0].groups.map((x) => x.name)).toEqual(['All', 'filter-me']);
    const allGroup = all.body.items[0].groups.find((x) => x.name === 'All')!;
    expect((await page(`group=${allGroup.id}`)).body.total).toBe(30);
    expect((await page('group=nosuchgroup0000000000')).body.total).toBe(0);
  });

  it('shows regular users only their own peers, and other accounts nothing of this one', async () => {
    const mine = await page('limit=100', netbird(member.token));
    expect(mine.body.total).toBe(5);
    expect(names(mine)).toEqual(['p-00', 'p-01', 'p-02', 'p-03', 'p-04']);
    const other = await newAccount();
    await insertPeer(other.account.id, 'foreign-peer');
    const theirs = await page('limit=100', netbird(other.token));
    expect(names(theirs)).toEqual(['foreign-peer']);
    // A group id of this account used as a filter from the other one matches nothing.
    const g = await insertGroup(acct.account.id, 'private-group');
    expect((await page(`group=${g.id}`, netbird(other.token))).body.total).toBe(0);
  });

  it('answers 400 for wrong types and 422 for invalid values', async () => {
    expect((await page('limit=abc')).status).toBe(400);
    expect((await page('limit=0')).status).toBe(422);
    expect((await page('limit=1001')).status).toBe(422);
    expect((await page('offset=-1')).status).toBe(422);
    expect((await page('sort=password:asc')).status).toBe(422);
    expect((await page('sort=name:sideways')).status).toBe(422);
    expect((await page('connected=maybe')).status).toBe(422);
    expect((await page('lastSeenBefore=yesterday')).status).toBe(422);
  });

  it('works with the console session cookie', async () => {
    const s = await signIn(acct.owner.email, 'owner-password-123');
    expect(s.ok).toBe(true);
    const r = await page('limit=5', netbird({ cookie: cookieHeader(s.jar) }));
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThanOrEqual(30);
  });
});

describe('POST /api/console/peers/bulk', () => {
  let bulkAcct: Awaited<ReturnType<typeof newAccount>>;
  let bulk: ReturnType<typeof netbird>;
  let peerIds: string[] = [];
  let groupA = '';
  let groupB = '';

  beforeAll(async () => {
    bulkAcct = await newAccount();
    bulk = netbird(bulkAcct.token);
    for (let i = 0; i < 4; i++) peerIds.push((await insertPeer(bulkAcct.account.id, `b-${i}`, { approvalRequired: true })).id);
    groupA = (await insertGroup(bulkAcct.account.id, 'bulk-a')).id;
    groupB = (await insertGroup(bulkAcct.account.id, 'bulk-b', [peerIds[0]])).id;
  });

  const serial = async () => (await (await testDb()).account.findUniqueOrThrow({ where: { id: bulkAcct.account.id } })).networkSerial;
  const events = async (code: string) => (await testDb()).auditEvent.findMany({ where: { accountId: bulkAcct.account.id, activityCode: code } });
  const members = async (groupId: string) => (await (await testDb()).groupPeer.findMany({ where: { groupId } })).map((m) => m.peerId).sort();

  it('adds and removes groups, one audit event per changed peer, and bumps the network serial', async () => {
    const before = await serial();
    const r = await bulk('POST', '/api/console/peers/bulk', { ids: peerIds.slice(0, 3), action: 'add-groups', groups: [groupA, groupB] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ action: 'add-groups', selected: 3, changed: 3 });
    expect(await members(groupA)).toEqual(peerIds.slice(0, 3).sort());
    expect(await members(groupB)).toEqual(peerIds.slice(0, 3).sort());
    const added = await events('peer.group.add');
    expect(added.map((e) => e.targetId).sort()).toEqual(peerIds.slice(0, 3).sort());
    expect(JSON.parse(added.find((e) => e.targetId === peerIds[0])!.meta).groups).toEqual(['bulk-a']);
    expect(added.every((e) => e.source === 'netbird')).toBe(true);
    expect(await serial()).toBeGreaterThan(before);

    const removed = await bulk('POST', '/api/console/peers/bulk', { ids: [peerIds[0], peerIds[3]], action: 'remove-groups', groups: [groupA] });
    expect(removed.body).toEqual({ action: 'remove-groups', selected: 2, changed: 1 });
    expect(await members(groupA)).toEqual(peerIds.slice(1, 3).sort());
    expect((await events('peer.group.delete')).map((e) => e.targetId)).toEqual([peerIds[0]]);
  });

  it('approves peers and switches login expiration through the peer service', async () => {
    const r = await bulk('POST', '/api/console/peers/bulk', { ids: peerIds.slice(0, 2), action: 'approve' });
    expect(r.body.changed).toBe(2);
    const db = await testDb();
    const rows = await db.peer.findMany({ where: { id: { in: peerIds } }, orderBy: { name: 'asc' } });
    expect(rows.map((p) => p.approvalRequired)).toEqual([false, false, true, true]);
    expect((await events('peer.approve')).length).toBe(2);
    const on = await bulk('POST', '/api/console/peers/bulk', { ids: peerIds, action: 'login-expiration', enabled: true });
    expect(on.body).toEqual({ action: 'login-expiration', selected: 4, changed: 4 });
    expect((await db.peer.findMany({ where: { id: { in: peerIds } } })).every((p) => p.loginExpirationEnabled)).toBe(true);
    expect((await events('peer.login.expiration.enable')).length).toBe(4);
    expect((await bulk('POST', '/api/console/peers/bulk', { ids: peerIds, action: 'login-expiration' })).status).toBe(422);
  });

  it('refuses the whole request, writing nothing, when one id is unknown or foreign or the input is bad', async () => {
    const other = await newAccount();
    const foreign = await insertPeer(other.account.id, 'not-yours');
    const audits = await auditCount(bulkAcct.account.id);
    const before = await serial();
    const refusals: [unknown, number][] = [
      [{ ids: [peerIds[3], foreign.id], action: 'add-groups', groups: [groupA] }, 404],
      [{ ids: [peerIds[3], 'nosuchpeer0000000000'], action: 'delete' }, 404],
      [{ ids: [peerIds[3]], action: 'add-groups', groups: ['nosuchgroup000000000'] }, 422],
      [{ ids: [peerIds[3]], action: 'add-groups', groups: [] }, 422],
      [{ ids: [], action: 'approve' }, 422],
      [{ ids: [peerIds[3]], action: 'explode' }, 422],
      [{ ids: peerIds[3], action: 'approve' }, 400],
      [{ ids: [peerIds[3]], action: 'login-expiration', enabled: 'yes' }, 400],
      ['{"ids": [', 400],
    ];
    for (const [body, status] of refusals) expect((await bulk('POST', '/api/console/peers/bulk', body)).status, JSON.stringify(body)).toBe(status);
    const allGroup = (await (await testDb()).group.findFirstOrThrow({ where: { accountId: bulkAcct.account.id, name: 'All' } })).id;
    expect((await bulk('POST', '/api/console/peers/bulk', { ids: [peerIds[3]], action: 'add-groups', groups: [allGroup] })).status).toBe(422);
    expect(await auditCount(bulkAcct.account.id)).toBe(audits);
    expect(await serial()).toBe(before);
    expect(await members(groupA)).toEqual(peerIds.slice(1, 3).sort());
    expect(await (await testDb()).peer.count({ where: { accountId: bulkAcct.account.id } })).toBe(4);
    // The other account's peer cannot be touched from here either.
    expect((await netbird(other.token)('POST', '/api/console/peers/bulk', { ids: [peerIds[3]], action: 'delete' })).status).toBe(404);
  });

  it('lets only owners and admins act; auditors and users get 403', async () => {
    for (const role of ['auditor', 'user'] as const) {
      const u = await newUser(bulkAcct.account.id, role);
      const r = await netbird(u.token)('POST', '/api/console/peers/bulk', { ids: [peerIds[3]], action: 'approve' });
      expect(r.status).toBe(403);
    }
    expect((await (await testDb()).peer.findUniqueOrThrow({ where: { id: peerIds[3] } })).approvalRequired).toBe(true);
  });

  it('deletes the selected peers with one audit event each', async () => {
    const r = await bulk('POST', '/api/console/peers/bulk', { ids: peerIds.slice(2), action: 'delete' });
    expect(r.body).toEqual({ action: 'delete', selected: 2, changed: 2 });
    const left = await bulk<Page>('GET', '/api/console/peers?limit=10');
    expect(left.body.items.map((p) => p.id).sort()).toEqual(peerIds.slice(0, 2).sort());
    expect((await events('user.peer.delete')).map((e) => e.targetId).sort()).toEqual(peerIds.slice(2).sort());
  });

  it('works from the console (session cookie, same origin)', async () => {
    const s = await signIn(bulkAcct.owner.email, 'owner-password-123');
    const r = await netbird({ cookie: cookieHeader(s.jar) })('POST', '/api/console/peers/bulk', { ids: [peerIds[1]], action: 'remove-groups', groups: [groupB] });
    expect(r.status).toBe(200);
    const ev = (await events('peer.group.delete')).find((e) => e.targetId === peerIds[1]);
    expect(ev?.source).toBe('console');
  });
});

describe('GET /api/console/peers/{id}/routes', () => {
  it("lists the routes a peer receives, and 404 for another account's peer", async () => {
    const a = await newAccount();
    const api = netbird(a.token);
    const router = await insertPeer(a.account.id, 'router');
    const client = await insertPeer(a.account.id, 'client');
    const g = await insertGroup(a.account.id, 'route-clients', [client.id]);
    const created = await api('POST', '/api/routes', { description: 'lan', network_id: 'office', enabled: true, peer: router.id, network: '10.64.12.0/24', metric: 100, masquerade: true, groups: [g.id], keep_route: false });
    expect(created.status).toBe(200);
    const r = await api('GET', `/api/console/peers/${client.id}/routes`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual([expect.objectContaining({ id: created.body.id, net_id: 'office', network: '10.64.12.0/24', kind: 'route', routing_peers: [router.id] })]);
    const other = await newAccount();
    expect((await netbird(other.token)('GET', `/api/console/peers/${client.id}/routes`)).status).toBe(404);
  });
});
