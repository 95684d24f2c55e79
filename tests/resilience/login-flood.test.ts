// A flood of unauthenticated sign-ins (Ziti password authentications and console credentials, each
// with random names and forged X-Forwarded-For) must not slow anyone else: an admin's writes and an
// agent's syncs keep their latency (p95 under 10× the quiet p95) and never see a 5xx, and the flood
// itself gets cheap 401/429 answers, never 500. Runs on SQLite, or on PostgreSQL when DATABASE_URL
// points at one. CLIENTS and SECONDS scale it (the figure is 400 clients).
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { dbConfig } from '@/lib/db/config';
import { createToken } from '@/lib/domain/tokens';
import { startServer, type RunningServer } from '../support/server';
import { createTempDb, type TempDb } from '../support/temp-db';

const CLIENTS = Number(process.env.FLOOD_CLIENTS || 400);
const SECONDS = Number(process.env.FLOOD_SECONDS || 8);
const OWNER = { email: 'owner@flood.test', password: 'flood-owner-password-1' };

let temp: TempDb;
let server: RunningServer;
let db: Db;
let token: string;
let peerToken: string;

const rand = () => Math.random().toString(36).slice(2, 10);

async function timed(run: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  const r = await run();
  await r.arrayBuffer();
  return { ms: performance.now() - t, status: r.status };
}

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** An admin write (a new group) and an agent sync, one after the other, for `ms` or `count` rounds. */
async function measure(opts: { ms?: number; count?: number }) {
  const writes: { ms: number; status: number }[] = [];
  const syncs: { ms: number; status: number }[] = [];
  const end = Date.now() + (opts.ms ?? 1e9);
  for (let i = 0; (opts.count === undefined || i < opts.count) && Date.now() < end; i++) {
    writes.push(
      await timed(() =>
        fetch(`${server.baseUrl}/api/groups`, {
          method: 'POST',
          headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: `g-${rand()}` }),
        }),
      ),
    );
    syncs.push(await timed(() => fetch(`${server.baseUrl}/api/agent/sync`, { headers: { Authorization: `Bearer ${peerToken}` } })));
  }
  return { writes, syncs };
}

/**
 * The flood runs in a worker thread of its own (an attacker is another machine; on the test's one
 * machine it at least gets its own event loop, so the measuring client is not queued behind it).
 * Each of `clients` loops alternates Ziti password authentications and console credential sign-ins
 * with random names and forged X-Forwarded-For. Resolves with the count of each answer status.
 */
function flood(base: string, clients: number, seconds: number): Promise<Record<string, number>> {
  const code = `
    const { parentPort, workerData: { base, clients, seconds } } = require('node:worker_threads');
    const rand = () => Math.random().toString(36).slice(2, 10);
    const octet = () => Math.floor(Math.random() * 250) + 1;
    const forged = () => ({ 'X-Forwarded-For': octet() + '.' + octet() + '.' + octet() + '.' + octet() });
    (async () => {
      const csrfRes = await fetch(base + '/api/auth/csrf');
      const token = (await csrfRes.json()).csrfToken;
      const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const statuses = {};
      const end = Date.now() + seconds * 1000;
      const one = async (i) => {
        for (let n = 0; Date.now() < end; n++) {
          const r = (i + n) % 2 === 0
            ? await fetch(base + '/edge/client/v1/authenticate?method=password', { method: 'POST', headers: { 'Content-Type': 'application/json', ...forged() }, body: JSON.stringify({ username: 'nobody-' + rand(), password: 'guess-' + rand() }) })
            : await fetch(base + '/api/auth/callback/credentials', { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, ...forged() }, body: new URLSearchParams({ csrfToken: token, email: 'nobody-' + rand() + '@flood.test', password: 'guess-' + rand(), json: 'true' }) });
          await r.arrayBuffer();
          statuses[r.status] = (statuses[r.status] || 0) + 1;
        }
      };
      await Promise.all(Array.from({ length: clients }, (_, i) => one(i).catch((e) => { statuses.error = (statuses.error || 0) + 1; })));
      parentPort.postMessage(statuses);
    })();`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { base, clients, seconds } });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

beforeAll(async () => {
  temp = await createTempDb('meshdeck-flood-');
  server = await startServer({
    MESHDECK_DATA_DIR: temp.dataDir,
    DATABASE_URL: temp.databaseUrl,
    MESHDECK_ADMIN_EMAIL: OWNER.email,
    MESHDECK_ADMIN_PASSWORD: OWNER.password,
    MESHDECK_ACCOUNT_DOMAIN: 'flood.test',
  });
  db = await createDb(dbConfig({ MESHDECK_DATA_DIR: temp.dataDir, DATABASE_URL: temp.databaseUrl || undefined }));
  const owner = await db.user.findUniqueOrThrow({ where: { email: OWNER.email } });
  const actor = { userId: owner.id, accountId: owner.accountId, role: 'owner' as const, name: owner.name, email: owner.email, via: 'token' as const };
  token = (await createToken(db, actor, owner.id, { name: 'flood', expiresInDays: 1 })).plain;
  const key = await (
    await fetch(`${server.baseUrl}/api/setup-keys`, {
      method: 'POST',
      headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'flood', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 }),
    })
  ).json();
  const reg = await fetch(`${server.baseUrl}/api/agent/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ setup_key: key.key, public_key: Buffer.alloc(32, 7).toString('base64'), hostname: 'flood-agent', meta: {} }),
  });
  expect(reg.status).toBe(201);
  peerToken = (await reg.json()).peer_token;
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await temp?.drop();
});

describe(`a flood of ${CLIENTS} unauthenticated sign-in clients`, () => {
  it('leaves authenticated writes and agent syncs fast and free of 5xx', async () => {
    await measure({ count: 10 }); // warm-up
    const quiet = await measure({ count: 40 });
    const flooding = flood(server.baseUrl, CLIENTS, SECONDS);
    await new Promise((r) => setTimeout(r, 1500)); // let the flood build up
    const loaded = await measure({ ms: (SECONDS - 3) * 1000 });
    const statuses = await flooding;

    const report = (name: string, xs: { ms: number }[]) => `${name}: n=${xs.length} median ${p(xs.map((x) => x.ms), 0.5).toFixed(1)} ms, p95 ${p(xs.map((x) => x.ms), 0.95).toFixed(1)} ms`;
    console.log(
      [
        `flood of ${CLIENTS} clients for ${SECONDS} s on ${temp.databaseUrl ? 'PostgreSQL' : 'SQLite'}; flood answers: ${JSON.stringify(statuses)}`,
        report('quiet admin write', quiet.writes),
        report('quiet agent sync', quiet.syncs),
        report('flood admin write', loaded.writes),
        report('flood agent sync', loaded.syncs),
      ].join('\n'),
    );
    for (const x of [...loaded.writes, ...loaded.syncs]) expect(x.status).toBeLessThan(500);
    expect(loaded.writes.every((x) => x.status === 201 || x.status === 200)).toBe(true);
    expect(loaded.syncs.every((x) => x.status === 200)).toBe(true);
    expect(Object.keys(statuses).filter((s) => s === 'error' || Number(s) >= 500)).toEqual([]);
    expect(loaded.writes.length).toBeGreaterThan(5);
    const limit = (xs: { ms: number }[]) => 10 * p(xs.map((x) => x.ms), 0.95);
    expect(p(loaded.writes.map((x) => x.ms), 0.95)).toBeLessThan(limit(quiet.writes));
    expect(p(loaded.syncs.map((x) => x.ms), 0.95)).toBeLessThan(limit(quiet.syncs));
  });
});
