// Two meshdeck processes on one PostgreSQL database: how long after a change made through process A
// does process B show it? Measured two ways per round, from A's answer to a peer rename:
// - an agent long-polling B (`GET /api/agent/sync?serial=N&wait=S`) gets the new map — B hears of
//   the change by PostgreSQL NOTIFY (lib/db/notify.ts), besides its 500 ms poll;
// - `GET /api/peers/{id}` through B, asked again every 5 ms until it shows the new name.
// Target: p95 ≤ 1 s, median ≤ 100 ms. Then GET /api/peers of an account of 25k peers (`sizes.peers`'
// last) through A and through B, taken in turns, and through B right after a rename through A (B's
// listing must catch up with A's write). Starts a private PostgreSQL cluster unless DATABASE_URL
// points at PostgreSQL; runs on its own (it needs neither the shared server nor its database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '../lib/db/client';
import type { Role } from '../lib/domain/users/roles';
import { seedToken } from '../lib/domain/users/tokens';
import { registerPeer } from '../tests/support/own-server';
import { postgresServer } from '../tests/support/postgres';
import { startServer, type RunningServer } from '../tests/support/server';
import { createTempDb } from '../tests/support/temp-db';
import type { Benchmark } from './context';
import { afterChangeFigure, httpGet, percentile, request, type Figure } from './lib';
import { addPeers, meshGroups } from './peers';
import { benchAccount } from './seed';
import { k } from './sizes';

const EMAIL = 'owner@scale-out.bench';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function figure(name: string, values: number[], extra: string): Figure {
  const sorted = [...values].sort((a, b) => a - b);
  return { name, median: percentile(sorted, 50), p95: percentile(sorted, 95), unit: 'ms', extra: `${extra}; max ${sorted[sorted.length - 1]?.toFixed(0)} ms, n=${values.length}` };
}

/** GET /api/peers of an account of `n` peers through A and B in turns, and through B after a rename through A. */
async function listingThroughEither(db: Db, a: RunningServer, b: RunningServer, n: number): Promise<Figure[]> {
  // An account of its own: the registered peers' addresses cannot collide with addPeers'.
  const { account, token } = await benchAccount(db, 'scale-out-listing');
  await addPeers(db, account.id, 0, n, await meshGroups(db, account.id));
  const auth = { Authorization: `Token ${token}` };
  // A fresh connection each time (as bench/peers.ts): the body is counted, not kept.
  const list = (s: RunningServer) => httpGet(`${s.baseUrl}/api/peers`, auth, 200, false);
  for (const s of [a, b]) {
    const got = JSON.parse((await httpGet(`${s.baseUrl}/api/peers`, auth)).body.toString()).length;
    if (got !== n) throw new Error(`GET /api/peers through ${s === a ? 'A' : 'B'}: ${got} peers, expected ${n}`);
  }
  const times = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < 15; i++) {
    const order = i % 2 ? ([b, a] as const) : ([a, b] as const);
    for (const s of order) times[s === a ? 'a' : 'b'].push((await list(s)).ms);
  }
  const ids = await db.peer.findMany({ where: { accountId: account.id }, select: { id: true }, take: 50, skip: Math.floor(n / 3) });
  let changes = 0;
  const rename = async () => {
    const r = await request(`${a.baseUrl}/api/peers/${ids[changes % ids.length].id}`, {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'application/json', Connection: 'close' },
      body: JSON.stringify({ name: `renamed-${changes++}`, ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false }),
    });
    await r.arrayBuffer();
  };
  return [
    figure(`GET /api/peers through A (${k(n)} peers)`, times.a, 'in turns with B'),
    figure(`GET /api/peers through B (${k(n)} peers)`, times.b, 'in turns with A'),
    await afterChangeFigure(`GET /api/peers through B after a rename through A (${k(n)} peers)`, rename, async () => void (await list(b)), 15),
  ];
}

export const scaleOutBench: Benchmark = {
  name: 'scale-out',
  about: 'two processes on one PostgreSQL database: a change through A seen through B (p95 ≤ 1 s, median ≤ 100 ms)',
  inProcess: true,
  async run(ctx) {
    const cleanups: (() => Promise<unknown> | unknown)[] = [];
    try {
      const pg = postgresServer();
      cleanups.push(() => pg.stop());
      const temp = await createTempDb('meshdeck-scale-out-', pg.url);
      cleanups.push(() => temp.drop());
      const servers: RunningServer[] = [];
      for (let i = 0; i < 2; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'meshdeck-scale-out-'));
        cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
        const s = await startServer({ MESHDECK_DATA_DIR: dir, DATABASE_URL: temp.databaseUrl, MESHDECK_ADMIN_EMAIL: EMAIL, MESHDECK_ADMIN_PASSWORD: 'scale-out-bench-password' });
        cleanups.push(() => s.stop());
        servers.push(s);
      }
      const [a, b] = servers;
      const db = await createDb({ provider: 'postgresql', url: temp.databaseUrl });
      cleanups.push(() => db.$disconnect());
      const owner = await db.user.findFirstOrThrow({ where: { email: EMAIL } });
      const actor = { userId: owner.id, accountId: owner.accountId, role: owner.role as Role, name: owner.name, email: owner.email, via: 'token' as const };
      const token = (await seedToken(db, actor, owner.id, { name: 'scale-out', expiresInDays: 1 })).plain;
      const admin = { Authorization: `Token ${token}`, 'Content-Type': 'application/json' };
      const key = (await (await request(`${a.baseUrl}/api/setup-keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'scale-out', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 }) })).json()).key;
      const register = async (name: string) => {
        const res = await registerPeer(b.baseUrl, key, name);
        if (res.status !== 201) throw new Error(`registration answered ${res.status}: ${await res.text()}`);
        return res.json();
      };
      const agent = await register('scale-out-agent');
      const other = await register('scale-out-other');
      const auth = { Authorization: `Bearer ${agent.peer_token}` };
      let serial: number = (await (await request(`${b.baseUrl}/api/agent/sync`, { headers: auth })).json()).serial;
      const pushed: number[] = [];
      const read: number[] = [];
      for (let round = 0; round < ctx.sizes.scaleOutRounds; round++) {
        const name = `scale-out-other-${round}`;
        const waiting = request(`${b.baseUrl}/api/agent/sync?serial=${serial}&wait=20`, { headers: auth }).then(async (r) => ({ body: await r.json(), at: performance.now() }));
        // Let the long-poll arrive and settle at B, at a moment unrelated to B's fallback poll.
        await sleep(200 + ((round * 137) % 400));
        const rename = { name, ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false };
        await request(`${a.baseUrl}/api/peers/${other.peer.id}`, { method: 'PUT', headers: admin, body: JSON.stringify(rename) });
        const answered = performance.now();
        for (;;) {
          const peer = await (await request(`${b.baseUrl}/api/peers/${other.peer.id}`, { headers: admin })).json();
          if (peer.name === name) break;
          if (performance.now() - answered > 10_000) throw new Error('B did not show the change within 10 s');
          await sleep(5);
        }
        read.push(performance.now() - answered);
        const answer = await waiting;
        if (answer.body.serial <= serial || !answer.body.peers.some((p: { id: string; name: string }) => p.id === other.peer.id && p.name === name)) {
          throw new Error(`the agent waiting on B got serial ${answer.body.serial} without the change`);
        }
        serial = answer.body.serial;
        pushed.push(answer.at - answered);
      }
      return [
        figure('change through A → agent waiting on B has the map', pushed, 'from A’s answer to the PUT; B learns by NOTIFY'),
        figure('change through A → GET /api/peers/{id} on B shows it', read, 'asked again every 5 ms'),
        ...(await listingThroughEither(db, a, b, ctx.sizes.peers[ctx.sizes.peers.length - 1])),
      ];
    } finally {
      for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e) => console.error('scale-out cleanup:', e));
    }
  },
};
