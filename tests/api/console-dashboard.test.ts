// GET /api/console/dashboard and its live wait GET /api/console/dashboard/live through a real
// `next start`: the numbers count the caller's account only (another account's peers, keys and
// audit entries never show), regular users count their own peers and get no account-wide parts,
// and an agent connecting (register, then sync) answers a waiting console with the online count up.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleDashboard, ConsoleDashboardLive } from '@/lib/dialects/console/dashboard';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { insertPeer, register, sync } from '../support/peers';
import { cookieHeader, signIn } from '../support/session';
import { baseUrl } from '../support/fixtures';

const DAY = 86_400_000;
let mine: Awaited<ReturnType<typeof newAccount>>;
let theirs: Awaited<ReturnType<typeof newAccount>>;

beforeAll(async () => {
  mine = await newAccount();
  theirs = await newAccount();
  const now = Date.now();
  await insertPeer(mine.account.id, 'd-online', { connected: true, version: '0.60.0' });
  await insertPeer(mine.account.id, 'd-gone', { connected: false, lastSeen: new Date(now - 2 * DAY), version: '0.59.0' });
  await insertPeer(mine.account.id, 'd-waiting', { approvalRequired: true, version: '0.60.0' });
  // Another account with more of everything: none of it may be counted for `mine`.
  for (let i = 0; i < 4; i++) await insertPeer(theirs.account.id, `t-${i}`, { connected: i % 2 === 0, lastSeen: new Date(now - 3 * DAY), approvalRequired: true, version: '0.50.0' });
  await netbird(theirs.token)('POST', '/api/setup-keys', { name: 'theirs soon', type: 'reusable', expires_in: 86_400, auto_groups: [], usage_limit: 0 });
});

/** The dashboard once its per-serial figures (posture failures, ACL tests) are computed: right after a change they follow the answer. */
async function settled(call: ReturnType<typeof netbird>) {
  for (let i = 0; ; i++) {
    const r = await call<ConsoleDashboard>('GET', '/api/console/dashboard');
    expect(r.status).toBe(200);
    if (!r.body.settling || i >= 50) return r;
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('GET /api/console/dashboard', () => {
  it('counts the caller’s account only', async () => {
    await netbird(mine.token)('POST', '/api/setup-keys', { name: 'mine later', type: 'reusable', expires_in: 30 * 86_400, auto_groups: [], usage_limit: 0 });
    const r = await settled(netbird(mine.token));
    expect(r.body.settling).toBe(false);
    expect(r.body.peers).toMatchObject({ total: 3, online: 1, offline24h: 1, pendingApproval: 1, outdatedAgents: 1, newestVersion: '0.60.0', failingPosture: 0 });
    expect(r.body.setupKeysExpiringSoon).toBe(0);
    expect(r.body.tokensExpiringSoon).toBe(0);
    const theirIds = new Set((await (await testDb()).auditEvent.findMany({ where: { accountId: theirs.account.id }, select: { id: true } })).map((e) => e.id));
    expect(r.body.changes!.length).toBeGreaterThan(0);
    expect(r.body.changes!.some((c) => theirIds.has(c.id))).toBe(false);
    expect(r.body.changes![0]).toMatchObject({ what: 'Setup key created', via: 'netbird' });
    expect(r.body.traffic!.totals).toEqual({ rx_bytes: 0, tx_bytes: 0, flows: 0 });
    expect(r.body.acl).toMatchObject({ saved: false, hasTests: false });

    const other = await settled(netbird(theirs.token));
    expect(other.body.peers).toMatchObject({ total: 4, online: 2, pendingApproval: 4, outdatedAgents: 0 });
    expect(other.body.setupKeysExpiringSoon).toBe(1);
  });

  it('gives a regular user their own peers and nothing account-wide', async () => {
    const member = await newUser(mine.account.id, 'user');
    await insertPeer(mine.account.id, 'd-members', { userId: member.user.id, connected: true });
    const r = await netbird(member.token)<ConsoleDashboard>('GET', '/api/console/dashboard');
    expect(r.status).toBe(200);
    expect(r.body.peers).toMatchObject({ total: 1, online: 1 });
    expect(r.body).toMatchObject({ changes: null, traffic: null, acl: null, setupKeysExpiringSoon: null, tokensExpiringSoon: 0 });
  });

  it('refuses a malformed mark and answers an unchanged wait with changed: false', async () => {
    expect((await netbird(mine.token)('GET', '/api/console/dashboard/live?mark=abc&wait=0')).status).toBe(422);
    const { mark } = (await netbird(mine.token)<ConsoleDashboard>('GET', '/api/console/dashboard')).body;
    const r = await netbird(mine.token)<ConsoleDashboardLive>('GET', `/api/console/dashboard/live?mark=${mark}&wait=0`);
    expect(r.status).toBe(200);
    expect(r.body.changed).toBe(false);
  });
});

describe('live update', () => {
  it('answers a waiting console when an agent of the account connects, not another account’s', async () => {
    const owner = await signIn(mine.owner.email, 'owner-password-123');
    expect(owner.ok).toBe(true);
    const browser = netbird({ cookie: cookieHeader(owner.jar), origin: baseUrl() });
    const before = (await browser<ConsoleDashboard>('GET', '/api/console/dashboard')).body;

    // Their agent connects: our wait (1 s) ends with nothing to report.
    const theirKey = (await netbird(theirs.token)('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86_400, auto_groups: [], usage_limit: 0 })).body.key;
    const theirPeer = await register(theirKey, 'their-agent');
    expect((await sync(theirPeer.body.peer_token)).status).toBe(200);
    expect((await browser<ConsoleDashboardLive>('GET', `/api/console/dashboard/live?mark=${before.mark}&wait=1`)).body.changed).toBe(false);

    // Ours connects while the console waits: the wait answers, and the dashboard counts it online.
    const key = (await netbird(mine.token)('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86_400, auto_groups: [], usage_limit: 0 })).body.key;
    const started = Date.now();
    const waiting = browser<ConsoleDashboardLive>('GET', `/api/console/dashboard/live?mark=${before.mark}&wait=20`);
    await new Promise((r) => setTimeout(r, 300));
    const peer = await register(key, 'our-agent');
    expect((await sync(peer.body.peer_token)).status).toBe(200);
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.changed).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    const after = (await browser<ConsoleDashboard>('GET', '/api/console/dashboard')).body;
    expect(after.peers.total).toBe(before.peers.total + 1);
    expect(after.peers.online).toBe(before.peers.online + 1);
  });
});
