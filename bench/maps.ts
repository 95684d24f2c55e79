// Agent maps at 10,000 peers that all reach each other (own account, 10 groups, All ↔ All):
// GET /api/peers/{id}/accessible-peers (owner's API token) and GET /api/agent/sync (a peer's
// token), steady — same network serial, the access model cached — and the first request right
// after a change through the API (a peer renamed), then 100 agents syncing at once after one
// change, as they do when the serial moves. Targets at 10k reachable peers: ≤ 50 ms steady,
// ≤ 200 ms after a change, the 100 agents answered within 2 s. Sizes: bench/sizes.ts (maps*).
import type { Db } from '../lib/db/client';
import { hashSecret, newAccessToken } from '../lib/domain/secrets';
import { networkSerial } from '../lib/domain/serial';
import type { Benchmark } from './context';
import { httpGet, percentile, request, type Figure } from './lib';
import { addPeers, meshGroups } from './peers';
import { benchAccount } from './seed';
import { k } from './sizes';

// A fresh connection per request: seeding and the 100-agent bursts outlast the server's keep-alive.
const CLOSE = { Connection: 'close' };

/** Known agent tokens for `count` peers spread over the account, stored hashed as registration does. */
export async function agentTokens(db: Db, accountId: string, peerIds: string[], count: number) {
  const step = Math.max(1, Math.floor(peerIds.length / count));
  const agents = Array.from({ length: count }, (_, i) => ({ id: peerIds[i * step], token: newAccessToken('mdpeer_') }));
  for (const a of agents) await db.peer.update({ where: { id: a.id }, data: { agentTokenHash: hashSecret(a.token) } });
  return agents;
}

/** One timed GET: latency and body size; the body is read whole, as a client must. */
async function timedGet(url: string, headers: Record<string, string>) {
  return httpGet(url, { ...headers, ...CLOSE });
}

const figure = (name: string, times: number[], extra: string): Figure => {
  const sorted = [...times].sort((a, b) => a - b);
  return { name, median: percentile(sorted, 50), p95: percentile(sorted, 95), unit: 'ms', extra: `${extra}, n=${times.length}` };
};
const mb = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`);

export const mapsBench: Benchmark = {
  name: 'maps',
  about: 'agent sync and accessible peers at 10k peers, steady (≤ 50 ms) / after a change (≤ 200 ms); 100 agents after a change (≤ 2 s)',
  async run(ctx) {
    const { db, baseUrl, sizes } = ctx;
    const n = sizes.mapsPeers;
    // Its own account: the main one holds however many peers the other benchmarks left there.
    const { account, token } = await benchAccount(db, 'maps-bench');
    const t0 = performance.now();
    await addPeers(db, account.id, 0, n, await meshGroups(db, account.id));
    const peerIds = (await db.peer.findMany({ where: { accountId: account.id }, select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id);
    const agents = await agentTokens(db, account.id, peerIds, sizes.mapsAgents);
    console.log(`maps: ${n} peers, ${agents.length} agent tokens (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    // Renamed for each change: peers that are neither timed nor syncing.
    const agentIds = new Set(agents.map((a) => a.id));
    const others = peerIds.filter((id) => !agentIds.has(id)).slice(0, 50);
    let changes = 0;
    const owner = { Authorization: `Token ${token}` };
    const change = async () => {
      const before = await networkSerial(db, account.id);
      const id = others[changes % others.length];
      const r = await request(`${baseUrl}/api/peers/${id}`, {
        method: 'PUT',
        headers: { ...owner, ...CLOSE, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `renamed-${changes++}`, ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false }),
      });
      await r.arrayBuffer();
      // Otherwise the "after a change" figures would time the warm cache.
      if ((await networkSerial(db, account.id)) === before) throw new Error('renaming a peer did not move the network serial');
    };

    const me = agents[0];
    const endpoints = [
      { what: 'GET /api/peers/{id}/accessible-peers', url: `${baseUrl}/api/peers/${me.id}/accessible-peers`, headers: owner, count: (b: unknown) => (b as unknown[]).length },
      { what: 'GET /api/agent/sync', url: `${baseUrl}/api/agent/sync`, headers: { Authorization: `Bearer ${me.token}` }, count: (b: unknown) => (b as { peers: unknown[] }).peers.length },
    ];
    const figures: Figure[] = [];
    for (const e of endpoints) {
      const first = await timedGet(e.url, e.headers);
      const reach = e.count(JSON.parse(first.body.toString()));
      if (reach !== n - 1) throw new Error(`${e.what}: ${reach} peers, expected ${n - 1}`);
      const steady: number[] = [];
      for (let i = 0; i < sizes.mapsRequests; i++) steady.push((await timedGet(e.url, e.headers)).ms);
      const bytes = first.bytes;
      figures.push(figure(`${e.what} steady (${k(n)} peers)`, steady, `${mb(bytes)}, ${reach} reachable`));
      const after: number[] = [];
      for (let i = 0; i < sizes.mapsRequests; i++) {
        await change();
        after.push((await timedGet(e.url, e.headers)).ms);
      }
      figures.push(figure(`${e.what} after a change (${k(n)} peers)`, after, mb(bytes)));
    }

    // The serial moved: every agent fetches its new map at about the same time.
    const rounds: number[] = [];
    for (let round = 0; round < sizes.mapsRounds; round++) {
      await change();
      const t = performance.now();
      const answers = await Promise.allSettled(agents.map((a) => timedGet(`${baseUrl}/api/agent/sync`, { Authorization: `Bearer ${a.token}` })));
      rounds.push(performance.now() - t);
      if (process.env.BENCH_DEBUG) console.log(`round ${round}: ${(performance.now() - t).toFixed(0)} ms, slowest answer ${Math.max(...answers.map((a) => (a.status === 'fulfilled' ? a.value.ms : 0))).toFixed(0)} ms`);
      const failed = answers.filter((a) => a.status === 'rejected');
      if (failed.length) throw new Error(`${failed.length} of ${agents.length} agents got no 200 map, first: ${(failed[0] as PromiseRejectedResult).reason}`);
    }
    figures.push(figure(`${agents.length} agents sync after a change (${k(n)} peers), all answered`, rounds, 'rounds'));
    return figures;
  },
};
