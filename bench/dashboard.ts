// The console's dashboard at 100,000 peers (target: ≤ 300 ms server time). Seeds an account of
// `sizes.dashboardPeers` peers (bench/sizes.ts; BENCH_DASHBOARD_PEERS) with what the cards count —
// several agent versions, peers offline for days, some waiting for approval, logins about to
// expire, a policy with a posture check over a tenth of the peers, an ACL document with tests, a
// day of hourly traffic totals and a few thousand audit entries — and another account as large as a
// tenth of it (counted never). Then measures, through the HTTP entry point of the production build:
// GET /api/console/dashboard (token) and the server-rendered page GET /app (session cookie), warm;
// the dashboard right after a change that moves the network serial (the posture and ACL figures
// are then being recomputed: the answer gives their values from before the change and says
// `settling` rather than wait); and how long that
// recomputation takes until the dashboard has them again.
import type { Db } from '../lib/db/client';
import { newId } from '../lib/domain/ids';
import { jsonList } from '../lib/domain/json';
import { bumpNetworkSerial } from '../lib/domain/serial';
import { cookieHeader, signIn } from '../tests/support/session';
import type { Benchmark } from './context';
import { afterChangeFigure, latencyFigure, percentile, request, type Figure } from './lib';
import { addPeers, meshGroups } from './peers';
import { benchAccount } from './seed';
import { k } from './sizes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VERSIONS = ['0.60.0', '0.59.2', '0.58.1', '0.57.0', 'development'];

/** Varies the seeded peers: versions, old last-seen, approval, user logins (plain SQL over ranges of the peer number). */
async function vary(db: Db, accountId: string, userIds: string[]) {
  const peers = await db.peer.findMany({ where: { accountId }, select: { id: true, name: true } });
  const now = Date.now();
  const batches = new Map<string, string[]>();
  const put = (key: string, id: string) => (batches.get(key) ?? batches.set(key, []).get(key)!).push(id);
  for (const p of peers) {
    const n = Number(p.name.slice(5));
    // By n mod 13, so that every group (n mod 10) holds every version.
    put(`version:${VERSIONS[(n % 13) % VERSIONS.length]}`, p.id);
    if (n % 7 === 1) put('stale', p.id);
    if (n % 97 === 0) put('pending', p.id);
    if (n % 11 === 0) put(`user:${userIds[n % userIds.length]}`, p.id);
  }
  for (const [key, ids] of batches) {
    const [kind, value] = key.split(/:(.*)/);
    for (let i = 0; i < ids.length; i += 5000) {
      const where = { id: { in: ids.slice(i, i + 5000) } };
      if (kind === 'version') await db.peer.updateMany({ where, data: { version: value } });
      if (kind === 'stale') await db.peer.updateMany({ where, data: { connected: false, lastSeen: new Date(now - 3 * DAY) } });
      if (kind === 'pending') await db.peer.updateMany({ where, data: { approvalRequired: true } });
      if (kind === 'user') await db.peer.updateMany({ where, data: { userId: value, loginExpirationEnabled: true, lastLogin: new Date(now - 20 * HOUR) } });
    }
  }
}

async function seedDashboard(db: Db, accountId: string, ownerId: string, ownerEmail: string, size: number) {
  const groups = await meshGroups(db, accountId);
  await addPeers(db, accountId, 0, size, groups);
  const users = await Promise.all(Array.from({ length: 20 }, (_, i) => db.user.create({ data: { id: newId(), accountId, email: `u${i}@dash-bench.example`, name: `U${i}`, role: 'user' } })));
  await vary(db, accountId, users.map((u) => u.id));
  // A posture check (agent ≥ 0.59) on a policy from the first group: a tenth of the peers are its sources.
  const check = await db.postureCheck.create({ data: { id: newId(), accountId, name: 'recent agents', checks: JSON.stringify({ nb_version_check: { min_version: '0.59.0' } }) } });
  await db.policy.create({
    data: {
      id: newId(), accountId, name: 'first group with posture', sourcePostureChecks: jsonList([check.id]),
      rules: { create: [{ id: newId(), name: 'r', bidirectional: true, sources: jsonList([groups[0]]), destinations: jsonList([groups[1]]) }] },
    },
  });
  // An ACL document with tests (peer-0 is tagged so the tests have a host to check).
  // (and the owner gets a device of their own: a test's source user needs an address).
  const web = await db.peer.findFirstOrThrow({ where: { accountId, name: 'peer-0' } });
  await db.peer.update({ where: { id: web.id }, data: { tags: '["tag:web"]' } });
  await db.peer.updateMany({ where: { accountId, name: 'peer-2' }, data: { userId: ownerId } });
  const text = `{
  // The dashboard benchmark's document: the owner reaches web on 443, nothing else.
  "tagOwners": { "tag:web": ["${ownerEmail}"] },
  "hosts": { "web": "${web.ip}" },
  "acls": [{ "action": "accept", "src": ["${ownerEmail}"], "dst": ["tag:web:443"] }],
  "tests": [{ "src": "${ownerEmail}", "accept": ["web:443"], "deny": ["web:22"] }],
}`;
  await db.aclDocument.upsert({ where: { accountId }, create: { accountId, text, etag: 'bench', isDefault: false }, update: { text, etag: 'bench', isDefault: false } });
  await db.aclVersion.create({ data: { id: newId(), accountId, number: 2, text, etag: 'bench', authorName: 'Bench Owner', message: 'bench' } });
  // A day of hourly totals: the whole account, 3 protocols, 2,000 reporting peers, the 20 users.
  const talkers = await db.peer.findMany({ where: { accountId }, select: { id: true }, take: 2000 });
  const rows: { accountId: string; dim: string; bucketStart: Date; value: string; label: string; rxBytes: bigint; txBytes: bigint; flows: number }[] = [];
  const first = Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR;
  for (let h = 0; h <= 24; h++) {
    const bucketStart = new Date(first + h * HOUR);
    const add = (dim: string, value: string, i: number, label = '') => rows.push({ accountId, dim, bucketStart, value, label, rxBytes: BigInt(1000 * (i + 1)), txBytes: BigInt(500 * (i + 1)), flows: i + 1 });
    add('all', '', 5000);
    ['6', '17', '1'].forEach((p, i) => add('protocol', p, i * 100));
    talkers.forEach((t, i) => add('peer', t.id, i % 500));
    users.forEach((u, i) => add('user', u.id, i * 10, u.email));
  }
  for (let i = 0; i < rows.length; i += 5000) await db.trafficTotal.createMany({ data: rows.slice(i, i + 5000) });
  // Audit entries through a week.
  const audit = Array.from({ length: 5000 }, (_, i) => ({
    id: newId(), accountId, timestamp: new Date(Date.now() - i * 120_000), activityCode: 'peer.rename', activity: 'Peer renamed',
    initiatorId: users[i % users.length].id, initiatorEmail: users[i % users.length].email, source: i % 3 ? 'netbird' : 'console', targetId: talkers[i % talkers.length].id,
  }));
  for (let i = 0; i < audit.length; i += 1000) await db.auditEvent.createMany({ data: audit.slice(i, i + 1000) });
  await bumpNetworkSerial(db, accountId);
  return web;
}

type Answer = { settling: boolean; peers: { total: number; failingPosture: number | null }; acl: { checking: boolean; tests: { failed: number } | null } | null };

export const dashboardBench: Benchmark = {
  name: 'dashboard',
  about: 'console dashboard at 100k peers: GET /api/console/dashboard and the page GET /app, server time (≤ 300 ms)',
  async run(ctx) {
    const { db, baseUrl } = ctx;
    const size = ctx.sizes.dashboardPeers;
    const t = performance.now();
    const { account, owner, token } = await benchAccount(db, 'dash-bench');
    const web = await seedDashboard(db, account.id, owner.id, owner.email, size);
    // Another account a tenth as large: its rows sit in the same tables and must not be counted.
    const other = await benchAccount(db, 'dash-bench-other');
    await addPeers(db, other.account.id, 0, Math.ceil(size / 10), await meshGroups(db, other.account.id));
    console.log(`dashboard: ${size} peers seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await new Promise((r) => setTimeout(r, 100));

    const auth = { Authorization: `Token ${token}` };
    const url = `${baseUrl}/api/console/dashboard`;
    const read = async () => (await (await request(url, { headers: auth })).json()) as Answer;
    // Until the per-serial figures are there (the first read starts them).
    const settled = async () => {
      const t0 = performance.now();
      for (;;) {
        const a = await read();
        if (!a.settling && a.peers.failingPosture !== null && a.acl?.tests) return { ms: performance.now() - t0, answer: a };
        if (performance.now() - t0 > 120_000) throw new Error('the dashboard did not settle within 120 s');
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const first = await settled();
    if (first.answer.peers.total !== size) throw new Error(`dashboard counted ${first.answer.peers.total} peers, seeded ${size}`);
    if (first.answer.acl?.tests?.failed !== 0) throw new Error(`the benchmark document’s tests should pass: ${JSON.stringify(first.answer.acl)}`);
    console.log(`dashboard: failing posture ${first.answer.peers.failingPosture}, figures ready after the first read in ${first.ms.toFixed(0)} ms`);

    const figures: Figure[] = [];
    figures.push(await latencyFigure(`GET /api/console/dashboard (${k(size)})`, async () => void (await read()), { total: 20, concurrency: 1, warmup: 3 }));

    const session = await signIn(owner.email, 'bench-owner-password', {}, baseUrl);
    if (!session.ok) throw new Error(`signing in as ${owner.email} failed: ${session.error ?? session.status}`);
    const page = async () => {
      const html = await (await request(`${baseUrl}/app`, { headers: { Cookie: cookieHeader(session.jar) } })).text();
      if (!html.includes('card-peers')) throw new Error('GET /app did not render the dashboard');
    };
    figures.push(await latencyFigure(`GET /app, the dashboard page (${k(size)})`, page, { total: 20, concurrency: 1, warmup: 3 }));

    // A change that moves the serial (a peer renamed through the API): the dashboard right after it,
    // and the time until the recomputed posture and ACL figures are in it.
    let n = 0;
    const rename = async () =>
      void (await request(`${baseUrl}/api/peers/${web.id}`, {
        method: 'PUT',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `renamed-${n++}`, ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false }),
      }).then((r) => r.arrayBuffer()));
    const rounds = Math.max(3, Math.min(10, ctx.sizes.browserRuns * 2));
    figures.push(await afterChangeFigure(`GET /api/console/dashboard after a change (${k(size)})`, rename, async () => void (await read()), rounds));
    const recompute: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await rename();
      recompute.push((await settled()).ms);
    }
    recompute.sort((a, b) => a - b);
    figures.push({ name: `dashboard posture + ACL tests recomputed (${k(size)})`, median: percentile(recompute, 50), p95: percentile(recompute, 95), unit: 'ms', extra: `after a change, until the answer has them; n=${rounds}` });
    return figures;
  },
};
