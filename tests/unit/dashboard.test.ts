// The dashboard's numbers against a real SQLite file: each card's count equals the total of the
// peers page (queryPeers) under the filter its link carries, only the actor's account is counted,
// regular users count their own peers, and the live wait wakes on a peer change of the account only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import type { Actor } from '@/lib/domain/actor';
import { saveAclDocument } from '@/lib/domain/acl/document';
import { dashboard } from '@/lib/domain/dashboard/summary';
import { splitVersions } from '@/lib/domain/dashboard/versions';
import { waitForPeerChange } from '@/lib/domain/dashboard/live';
import { createGroup } from '@/lib/domain/groups/groups';
import { newId } from '@/lib/domain/ids';
import { queryPeers, type PeerQuery } from '@/lib/domain/peers/table-query';
import { createSetupKey } from '@/lib/domain/peers/setup-keys';
import { createPolicy } from '@/lib/domain/policy/policies';
import { createPostureCheck } from '@/lib/domain/posture/checks';
import { seedToken } from '@/lib/domain/users/tokens';

let db: Db;
const root = join(import.meta.dirname, '../..');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const actorOf = (u: { id: string; accountId: string; role: string; email: string; name: string }): Actor => ({
  userId: u.id, accountId: u.accountId, role: u.role as Actor['role'], email: u.email, name: u.name, via: 'token',
});

let n = 0;
async function peer(accountId: string, data: Record<string, unknown> = {}) {
  n++;
  return db.peer.create({
    data: { id: newId(), accountId, name: `p${n}`, dnsLabel: `p${n}`, ip: `100.64.${n >> 8}.${n & 255}`, wgPubKey: `key-${n}`, version: '0.60.0', ...data },
  });
}

async function account(domain: string) {
  const { account, owner } = await createAccountWithOwner(db, { name: domain, domain, ownerEmail: `owner@${domain}`, ownerName: 'Owner', ownerPassword: 'owner-password-1' });
  return { account, actor: actorOf(owner) };
}

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'meshdeck-dash-')), 'd.db');
  await migrate({ provider: 'sqlite', file }, root);
  db = await createDb({ provider: 'sqlite', file });
});

describe('splitVersions', () => {
  it('finds the newest parsable version and the older ones, ignoring dev builds and pre-release suffixes', () => {
    expect(splitVersions(['0.59.1', '0.60.0-dev', 'development', '', '0.58.0', '0.60.0'])).toEqual({ newest: '0.60.0', older: ['0.59.1', '0.58.0'] });
    expect(splitVersions(['development'])).toEqual({ newest: null, older: [] });
  });
});

describe('dashboard', () => {
  it('counts what each card links to, for the actor’s account only', async () => {
    const { account: a, actor } = await account('dash-a.test');
    const { account: b, actor: other } = await account('dash-b.test');
    const now = Date.now();
    const user = await db.user.create({ data: { id: newId(), accountId: a.id, email: 'u@dash-a.test', name: 'U', role: 'user' } });
    // Account A: 8 peers of every kind.
    await peer(a.id, { connected: true, lastSeen: new Date(now) });
    await peer(a.id, { connected: true, version: '0.58.0', os: 'linux', kernelVersion: '6.1' });
    await peer(a.id, { connected: false, lastSeen: new Date(now - 3 * DAY), version: '0.59.0' });
    await peer(a.id, { connected: false, lastSeen: new Date(now - 2 * HOUR) });
    await peer(a.id, { approvalRequired: true });
    // Logins live 30 days here: one logged in 29.5 days ago expires within a day, one 31 days ago
    // has expired, one an hour ago expires in a month.
    await db.account.update({ where: { id: a.id }, data: { peerLoginExpirationEnabled: true, peerLoginExpiration: 30 * 86_400 } });
    await peer(a.id, { userId: user.id, loginExpirationEnabled: true, lastLogin: new Date(now - 29.5 * DAY) });
    await peer(a.id, { userId: user.id, loginExpirationEnabled: true, lastLogin: new Date(now - 31 * DAY) });
    await peer(a.id, { userId: user.id, loginExpirationEnabled: true, lastLogin: new Date(now - 1 * HOUR), version: 'development' });
    // Account B: peers that would change every count if they leaked.
    for (let i = 0; i < 3; i++) await peer(b.id, { connected: false, lastSeen: new Date(now - 5 * DAY), approvalRequired: true, version: '0.61.0' });
    // Posture: a policy from group G requiring agent ≥ 0.59; of its two members one is older.
    const g = (await createGroup(db, actor, { name: 'g' })).group;
    const members = await db.peer.findMany({ where: { accountId: a.id, version: { in: ['0.58.0', '0.59.0'] } } });
    await db.groupPeer.createMany({ data: members.map((p) => ({ groupId: g.id, peerId: p.id })) });
    const check = await createPostureCheck(db, actor, { name: 'new agents', checks: { nb_version_check: { min_version: '0.59.0' } } });
    await createPolicy(db, actor, { name: 'g to g', enabled: true, sourcePostureChecks: [check.id], rules: [{ name: 'r', enabled: true, action: 'accept', bidirectional: true, protocol: 'all', sources: [g.id], destinations: [g.id] }] });
    // Keys and tokens: one expiring within the week each, one later; B's expire soon too.
    await createSetupKey(db, actor, { name: 'soon', type: 'reusable', expiresIn: 3 * 86_400, autoGroups: [], usageLimit: 0 });
    await createSetupKey(db, actor, { name: 'later', type: 'reusable', expiresIn: 30 * 86_400, autoGroups: [], usageLimit: 0 });
    await createSetupKey(db, other, { name: 'b soon', type: 'reusable', expiresIn: 86_400, autoGroups: [], usageLimit: 0 });
    await seedToken(db, actor, actor.userId, { name: 'soon', expiresInDays: 2 });
    await seedToken(db, actor, actor.userId, { name: 'later', expiresInDays: 90 });
    await seedToken(db, other, other.userId, { name: 'b soon', expiresInDays: 1 });

    // Traffic of the last hours (the hourly totals the traffic charts read): A's and more of B's.
    const hour = new Date(Math.floor((now - 2 * HOUR) / HOUR) * HOUR);
    const talker = (await db.peer.findFirstOrThrow({ where: { accountId: a.id, connected: true } }));
    for (const [acc, k] of [[a.id, 1], [b.id, 7]] as const) {
      for (const [dim, value] of [['all', ''], ['peer', talker.id], ['protocol', '6']]) {
        await db.trafficTotal.create({ data: { accountId: acc, dim, bucketStart: hour, value, rxBytes: 1000n * BigInt(k), txBytes: 500n * BigInt(k), flows: 3 * k } });
      }
    }

    const d = await dashboard(db, actor, { wait: true });
    expect(d.peers).toEqual({ total: 8, online: 2, offline24h: 1, pendingApproval: 1, loginExpiringSoon: 1, outdatedAgents: 2, newestVersion: '0.60.0', failingPosture: 1 });
    expect(d.setupKeysExpiringSoon).toBe(1);
    expect(d.tokensExpiringSoon).toBe(1);
    expect(d.changes!.length).toBeGreaterThan(0);
    expect(d.changes!.every((c) => c.via && c.what && c.at)).toBe(true);
    // 24 hourly buckets (25 when the range does not start on the hour), and only A's traffic.
    expect(d.traffic!.series.length).toBeGreaterThanOrEqual(24);
    expect(d.traffic!.totals).toEqual({ rx_bytes: 1000, tx_bytes: 500, flows: 3 });
    expect(d.traffic!.top_peers).toEqual([{ id: talker.id, name: talker.name, bytes: 1500, flows: 3 }]);

    // Each card's number is the peers page's total under the filter of its link.
    const total = async (f: PeerQuery) => (await queryPeers(db, actor, f)).total;
    expect(await total({ connected: true })).toBe(d.peers.online);
    expect(await total({ connected: false, lastSeenBefore: new Date(Date.now() - DAY).toISOString() })).toBe(d.peers.offline24h);
    expect(await total({ approval: 'pending' })).toBe(d.peers.pendingApproval);
    expect(await total({ loginExpiration: 'soon' })).toBe(d.peers.loginExpiringSoon);
    expect(await total({ outdated: true })).toBe(d.peers.outdatedAgents);
    expect(await total({ postureFailing: true })).toBe(d.peers.failingPosture);

    // The other account sees only its own.
    const db2 = await dashboard(db, other, { wait: true });
    expect(db2.peers).toMatchObject({ total: 3, online: 0, offline24h: 3, pendingApproval: 3, outdatedAgents: 0, failingPosture: 0 });
    expect(db2.setupKeysExpiringSoon).toBe(1);
    expect(db2.changes!.every((c) => !d.changes!.some((x) => x.id === c.id))).toBe(true);

    // A regular user counts their own peers and sees no audit, traffic, keys or policy.
    const mine = await dashboard(db, actorOf(user), { wait: true });
    expect(mine.peers).toMatchObject({ total: 3, loginExpiringSoon: 1, online: 0 });
    expect(mine).toMatchObject({ changes: null, traffic: null, setupKeysExpiringSoon: null, acl: null });
  });

  it('says whether the policy document’s tests pass against the account as it is now', async () => {
    const { account: a, actor } = await account('dash-acl.test');
    const p = await peer(a.id, { tags: '["tag:web"]' });
    await peer(a.id, { userId: actor.userId });
    expect((await dashboard(db, actor, { wait: true })).acl).toMatchObject({ saved: false, hasTests: false, tests: null });
    const text = `{
      // web may be reached by the owner
      "tagOwners": { "tag:web": ["owner@dash-acl.test"] },
      "hosts": { "web": "${p.ip}" },
      "acls": [{ "action": "accept", "src": ["owner@dash-acl.test"], "dst": ["tag:web:443"] }],
      "tests": [{ "src": "owner@dash-acl.test", "accept": ["web:443"], "deny": ["web:22"] }],
    }`;
    await saveAclDocument(db, actor, text, { message: 'tests' });
    const d = await dashboard(db, actor, { wait: true });
    expect(d.acl).toMatchObject({ saved: true, version: 2, author: 'Owner', hasTests: true, checking: false, tests: { total: 2, failed: 0, problem: null } });
    // The only tagged peer loses its tag (the serial moves): the document's tests no longer hold.
    await db.peer.update({ where: { id: p.id }, data: { tags: '[]' } });
    await db.account.update({ where: { id: a.id }, data: { networkSerial: { increment: 1 } } });
    // Answered at once with the verdict from before the change, recomputed right after.
    const right = await dashboard(db, actor);
    expect(right.settling).toBe(true);
    expect(right.acl).toMatchObject({ checking: true, tests: { failed: 0 } });
    let later = right;
    for (let i = 0; i < 50 && later.settling; i++) {
      await new Promise((r) => setTimeout(r, 100));
      later = await dashboard(db, actor);
    }
    expect(later.settling).toBe(false);
    const after = later.acl!.tests!;
    expect(after.failed > 0 || after.problem !== null).toBe(true);
  });

  it('wakes the live wait when a peer of the account changes, not another account’s', async () => {
    const { account: a, actor } = await account('dash-live.test');
    const { account: b } = await account('dash-live-b.test');
    const p = await peer(a.id);
    const q = await peer(b.id);
    const { mark } = await dashboard(db, actor, {});
    await db.peer.update({ where: { id: q.id }, data: { connected: true } });
    expect((await waitForPeerChange(db, a.id, BigInt(mark), 0)).changed).toBe(false);
    const waiting = waitForPeerChange(db, a.id, BigInt(mark), 5000);
    // (Prisma's queries run when awaited: `then` starts it.)
    setTimeout(() => db.peer.update({ where: { id: p.id }, data: { connected: true, lastSeen: new Date() } }).then(() => undefined), 200);
    const answer = await waiting;
    expect(answer.changed).toBe(true);
    expect(BigInt(answer.mark)).toBeGreaterThan(BigInt(mark));
    expect((await dashboard(db, actor, {})).peers.online).toBe(1);
  });
});

describe('the posture=failing filter where limits live', () => {
  it('pages 40,000 failing peers (beyond SQLite\'s 32,766 bound parameters) with the other filters and the sort', async () => {
    const { account: a, actor } = await account('dash-many.test');
    const N = 40_000;
    const rows = Array.from({ length: N + 100 }, (_, i) => ({
      id: newId(), accountId: a.id, name: `m${String(i).padStart(6, '0')}`, dnsLabel: `m${i}`, ip: `100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`,
      wgPubKey: `many-${i}`, version: i < N ? '0.58.0' : '0.60.0', connected: i % 2 === 0,
    }));
    for (let i = 0; i < rows.length; i += 5_000) await db.peer.createMany({ data: rows.slice(i, i + 5_000) });
    const g = (await createGroup(db, actor, { name: 'all-many' })).group;
    for (let i = 0; i < rows.length; i += 5_000) await db.groupPeer.createMany({ data: rows.slice(i, i + 5_000).map((p) => ({ groupId: g.id, peerId: p.id })) });
    const check = await createPostureCheck(db, actor, { name: 'new agents', checks: { nb_version_check: { min_version: '0.59.0' } } });
    await createPolicy(db, actor, { name: 'g to g', enabled: true, sourcePostureChecks: [check.id], rules: [{ name: 'r', enabled: true, action: 'accept', bidirectional: true, protocol: 'all', sources: [g.id], destinations: [g.id] }] });

    const all = await queryPeers(db, actor, { postureFailing: true, limit: 50, offset: 100, sort: { field: 'name', desc: false } });
    expect(all.total).toBe(N);
    expect(all.peers.map((p) => p.name)).toEqual(Array.from({ length: 50 }, (_, i) => `m${String(100 + i).padStart(6, '0')}`));
    const online = await queryPeers(db, actor, { postureFailing: true, connected: true, limit: 10, sort: { field: 'name', desc: true } });
    expect(online.total).toBe(N / 2);
    expect(online.peers[0].name).toBe(`m${String(N - 2).padStart(6, '0')}`);
  }, 120_000);
});
