// GET /api/console/search: the command palette's server-side search over a real next start. Finds
// peers by name, IP and DNS label, groups, users, policies and setup keys of the caller's account
// only (another account's rows with the same names never come back), narrows a regular user's view,
// bounds every list, and answers bad input with 4xx in NetBird's error shape.
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@/lib/domain/ids';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { insertGroup, insertPeer } from '../support/peers';
import { cookieHeader, signIn } from '../support/session';

type Hit = { id: string; name: string };
type PeerHit = Hit & { ip: string; dns_label: string; connected: boolean; approval_required: boolean; match: string };
type Answer = { peers: PeerHit[]; groups: Hit[]; users: (Hit & { email: string })[]; policies: Hit[]; setup_keys: (Hit & { state: string })[] };

let ours: Awaited<ReturnType<typeof newAccount>>;
let theirs: Awaited<ReturnType<typeof newAccount>>;
let call: ReturnType<typeof netbird>;
let web: Awaited<ReturnType<typeof insertPeer>>;
let member: Awaited<ReturnType<typeof newUser>>;

const search = async (q: string, as = call) => as<Answer>('GET', `/api/console/search?q=${encodeURIComponent(q)}`);
const ids = (hits: Hit[]) => hits.map((h) => h.id);

async function insertNamed(accountId: string) {
  const db = await testDb();
  await db.policy.create({ data: { id: newId(), accountId, name: 'Web servers from office' } });
  await db.setupKey.create({
    data: { id: newId(), accountId, name: 'web fleet key', keyHash: newId(), keyPrefix: 'ABCD', type: 'reusable', expiresAt: new Date(Date.now() + 86_400_000) },
  });
  await insertGroup(accountId, 'web-servers');
}

beforeAll(async () => {
  ours = await newAccount();
  theirs = await newAccount();
  call = netbird(ours.token);
  member = await newUser(ours.account.id, 'user');
  web = await insertPeer(ours.account.id, 'Web-Frontend-01', { dnsLabel: 'frontend-one' });
  await insertPeer(ours.account.id, 'db-primary');
  await insertPeer(ours.account.id, 'lab_100%');
  for (let i = 0; i < 30; i++) await insertPeer(ours.account.id, `bulk-${String(i).padStart(2, '0')}`);
  await insertPeer(ours.account.id, 'member-laptop', { userId: member.user.id });
  await insertNamed(ours.account.id);
  // The other account holds rows of the same names (and a peer at the same IP: each account has its own range).
  await insertPeer(theirs.account.id, 'Web-Frontend-01', { dnsLabel: 'frontend-one' });
  await insertPeer(theirs.account.id, 'web-theirs-only');
  await insertNamed(theirs.account.id);
});

describe('GET /api/console/search', () => {
  it('finds a peer by name (any case, anywhere in it), by IP and by DNS label', async () => {
    const byName = await search('frontend');
    expect(byName.status).toBe(200);
    expect(ids(byName.body.peers)).toEqual([web.id]);
    expect(ids((await search('WEB-FRONT')).body.peers)).toEqual([web.id]);

    const byIp = await search(web.ip);
    expect(byIp.body.peers[0]).toMatchObject({ id: web.id, ip: web.ip, match: 'exact' });
    // An address prefix finds the peers in that range; it is not matched in the middle.
    const prefix = web.ip.split('.').slice(0, 3).join('.') + '.';
    const inRange = (await search(prefix)).body.peers;
    expect(inRange).toHaveLength(8);
    expect(inRange.every((p) => p.ip.startsWith(prefix) && p.match === 'prefix')).toBe(true);
    expect((await search(web.ip.split('.').slice(1).join('.'))).body.peers).toEqual([]);

    const byLabel = await search('frontend-one');
    expect(byLabel.body.peers[0]).toMatchObject({ id: web.id, dns_label: 'frontend-one', match: 'exact' });
  });

  it('finds groups, users, policies and setup keys by name (and users by email)', async () => {
    const r = await search('web');
    expect(r.body.groups.map((g) => g.name)).toEqual(['web-servers']);
    expect(r.body.policies.map((p) => p.name)).toEqual(['Web servers from office']);
    expect(r.body.setup_keys).toEqual([{ id: expect.any(String), name: 'web fleet key', state: 'valid' }]);
    expect(ids((await search(ours.owner.email)).body.users)).toEqual([ours.owner.id]);
    expect(ids((await search(ours.owner.name.toUpperCase())).body.users)).toEqual([ours.owner.id]);
  });

  it("never returns another account's rows, whatever is asked", async () => {
    const db = await testDb();
    const foreign = new Set(
      [
        ...(await db.peer.findMany({ where: { accountId: theirs.account.id } })),
        ...(await db.group.findMany({ where: { accountId: theirs.account.id } })),
        ...(await db.policy.findMany({ where: { accountId: theirs.account.id } })),
        ...(await db.setupKey.findMany({ where: { accountId: theirs.account.id } })),
        ...(await db.user.findMany({ where: { accountId: theirs.account.id } })),
      ].map((x) => x.id),
    );
    const theirPeer = await db.peer.findFirstOrThrow({ where: { accountId: theirs.account.id, name: 'web-theirs-only' } });
    for (const q of ['web', 'Web-Frontend-01', 'frontend-one', theirPeer.ip, theirPeer.dnsLabel, 'web-theirs-only', theirs.owner.email, 'e']) {
      const r = await search(q);
      expect(r.status).toBe(200);
      const all = [...r.body.peers, ...r.body.groups, ...r.body.users, ...r.body.policies, ...r.body.setup_keys];
      expect(all.filter((h) => foreign.has(h.id)), q).toEqual([]);
    }
    expect((await search('web-theirs-only')).body.peers).toEqual([]);
  });

  it('bounds every list and takes % and _ literally', async () => {
    const r = await search('bulk-');
    expect(r.body.peers).toHaveLength(8);
    // Which 8 of the 30 is up to the database (PostgreSQL's scan has no order); they come sorted.
    const names = r.body.peers.map((p) => p.name);
    expect(names.every((n) => n.startsWith('bulk-'))).toBe(true);
    expect(names).toEqual([...names].sort());
    expect((await call<Answer>('GET', '/api/console/search?q=bulk-&limit=20')).body.peers).toHaveLength(20);
    expect((await search('%')).body.peers.map((p) => p.name)).toEqual(['lab_100%']);
    expect((await search('bulk_0')).body.peers).toEqual([]);
    expect((await search('lab_1')).body.peers.map((p) => p.name)).toEqual(['lab_100%']);
    expect((await search('0%')).body.peers.map((p) => p.name)).toEqual(['lab_100%']);
  });

  it('lets a regular user find only their own peers, and nothing account-wide', async () => {
    const mine = netbird(member.token);
    const r = await search('e', mine);
    expect(r.status).toBe(200);
    expect(r.body.peers.map((p) => p.name)).toEqual(['member-laptop']);
    expect(r.body.users.map((u) => u.id)).toEqual([member.user.id]);
    expect(r.body).toMatchObject({ groups: [], policies: [], setup_keys: [] });
  });

  it('works with the console session cookie', async () => {
    const s = await signIn(ours.owner.email, 'owner-password-123');
    expect(s.ok).toBe(true);
    const r = await search('db-primary', netbird({ cookie: cookieHeader(s.jar) }));
    expect(r.status).toBe(200);
    expect(r.body.peers.map((p) => p.name)).toEqual(['db-primary']);
  });

  it('answers bad input with 4xx and no credentials with 401', async () => {
    for (const path of ['/api/console/search', '/api/console/search?q=', '/api/console/search?q=%20%20', `/api/console/search?q=${'x'.repeat(101)}`, '/api/console/search?q=a&limit=0', '/api/console/search?q=a&limit=21', '/api/console/search?q=a&limit=two']) {
      const r = await call('GET', path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
    }
    const anonymous = await fetch(`${(await import('../support/fixtures')).baseUrl()}/api/console/search?q=web`);
    expect(anonymous.status).toBe(401);
  });
});
