// A flood of unauthenticated sign-ins (Ziti password authentications, console credentials and Ziti
// MFA codes, with random names and forged X-Forwarded-For) and of malformed requests (broken JSON
// without a token, garbage tokens, percent-encoded unknown ids) must not slow anyone else: an admin's writes and an
// agent's syncs keep their latency (p95 under 10× the quiet p95) and never see a 5xx, and the flood
// itself gets cheap 401/429 answers, never 500. Runs on SQLite, or on PostgreSQL when DATABASE_URL
// points at one. CLIENTS and SECONDS scale it (the figure is 400 clients).
import { Worker } from 'node:worker_threads';
import { URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startOwnServer, type OwnServer } from '../support/own-server';

const CLIENTS = Number(process.env.FLOOD_CLIENTS || 400);
const SECONDS = Number(process.env.FLOOD_SECONDS || 8);

let own: OwnServer;
/** Ziti API sessions still waiting for their MFA step: the MFA flood guesses codes on them. */
const partialSessions: string[] = [];

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
        api(own.server.baseUrl, own.token)('POST', '/api/groups', { name: `g-${rand()}` }),
      ),
    );
    syncs.push(await timed(() => fetch(`${own.server.baseUrl}/api/agent/sync`, { headers: { Authorization: `Bearer ${own.peerToken}` } })));
  }
  return { writes, syncs };
}

/**
 * The flood runs in a worker thread of its own (an attacker is another machine; on the test's one
 * machine it at least gets its own event loop, so the measuring client is not queued behind it).
 * Each of `clients` loops cycles through the kinds of abuse above. Resolves with the count of each
 * answer status.
 */
function flood(base: string, clients: number, seconds: number, partial: string[]): Promise<Record<string, number>> {
  const code = `
    const { parentPort, workerData: { base, clients, seconds, partial } } = require('node:worker_threads');
    const rand = () => Math.random().toString(36).slice(2, 10);
    const octet = () => Math.floor(Math.random() * 250) + 1;
    const forged = () => ({ 'X-Forwarded-For': octet() + '.' + octet() + '.' + octet() + '.' + octet() });
    (async () => {
      const csrfRes = await fetch(base + '/api/auth/csrf');
      const token = (await csrfRes.json()).csrfToken;
      const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const statuses = {};
      const end = Date.now() + seconds * 1000;
      const json = { 'Content-Type': 'application/json' };
      const kinds = [
        () => fetch(base + '/edge/client/v1/authenticate?method=password', { method: 'POST', headers: { ...json, ...forged() }, body: JSON.stringify({ username: 'nobody-' + rand(), password: 'guess-' + rand() }) }),
        () => fetch(base + '/api/auth/callback/credentials', { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, ...forged() }, body: new URLSearchParams({ csrfToken: token, email: 'nobody-' + rand() + '@flood.test', password: 'guess-' + rand(), json: 'true' }) }),
        () => fetch(base + '/edge/client/v1/authenticate/mfa', { method: 'POST', headers: { ...json, 'zt-session': partial[Math.floor(Math.random() * partial.length)] }, body: JSON.stringify({ code: String(Math.floor(Math.random() * 1e6)).padStart(6, '0') }) }),
        () => fetch(base + '/api/groups', { method: 'POST', headers: json, body: '{"name": ' + rand() }),
        () => fetch(base + '/api/peers', { headers: { Authorization: 'Token nbp_' + rand() + rand() } }),
        () => fetch(base + '/api/peers/%41' + rand(), { headers: { Authorization: 'Bearer ' + rand() } }),
      ];
      const one = async (i) => {
        for (let n = 0; Date.now() < end; n++) {
          const r = await kinds[(i + n) % kinds.length]();
          await r.arrayBuffer();
          statuses[r.status] = (statuses[r.status] || 0) + 1;
        }
      };
      await Promise.all(Array.from({ length: clients }, (_, i) => one(i).catch((e) => { statuses.error = (statuses.error || 0) + 1; })));
      parentPort.postMessage(statuses);
    })();`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { base, clients, seconds, partial } });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

beforeAll(async () => {
  own = await startOwnServer('flood');
  // A Ziti identity with MFA, and a few API sessions of it waiting for their MFA step.
  const call = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${own.server.baseUrl}/edge/client/v1${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const created = await (await api(own.server.baseUrl, own.token)('POST', '/api/console/ziti/identities', { name: 'flood-mfa', enrollment_method: 'updb', username: 'flood-mfa' })).json();
  expect((await call(`/enroll?method=updb&token=${created.enrollment.token}`, { password: 'flood-mfa-password-1' })).status).toBe(200);
  const login = async () => (await (await call('/authenticate?method=password', { username: 'flood-mfa', password: 'flood-mfa-password-1' })).json()).data.token as string;
  const session = { 'zt-session': await login() };
  expect((await call('/current-identity/mfa', {}, session)).status).toBe(201);
  const url = (await (await fetch(`${own.server.baseUrl}/edge/client/v1/current-identity/mfa`, { headers: session })).json()).data.provisioningUrl;
  const totp = URI.parse(url) as unknown as { generate(): string };
  expect((await call('/current-identity/mfa/verify', { code: totp.generate() }, session)).status).toBe(200);
  for (let i = 0; i < 4; i++) partialSessions.push(await login());
}, 180_000);

afterAll(async () => {
  await own?.close();
});

describe(`a flood of ${CLIENTS} unauthenticated sign-in clients`, () => {
  it('leaves authenticated writes and agent syncs fast and free of 5xx', async () => {
    await measure({ count: 10 }); // warm-up
    const quiet = await measure({ count: 40 });
    const flooding = flood(own.server.baseUrl, CLIENTS, SECONDS, partialSessions);
    await new Promise((r) => setTimeout(r, 1500)); // let the flood build up
    const loaded = await measure({ ms: (SECONDS - 3) * 1000 });
    const statuses = await flooding;

    const report = (name: string, xs: { ms: number }[]) => `${name}: n=${xs.length} median ${p(xs.map((x) => x.ms), 0.5).toFixed(1)} ms, p95 ${p(xs.map((x) => x.ms), 0.95).toFixed(1)} ms`;
    console.log(
      [
        `flood of ${CLIENTS} clients for ${SECONDS} s on ${own.temp.databaseUrl ? 'PostgreSQL' : 'SQLite'}; flood answers: ${JSON.stringify(statuses)}`,
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
