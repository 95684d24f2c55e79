// A live network: one peer reports new system meta every 100 ms (POST /api/agent/meta, as agents
// do) for `streamSeconds` while `streamClients` clients list all peers back to back
// (GET /api/peers), at `streamPeers` peers. Targets at 25k peers, 16 clients, 60 s: listing p95
// ≤ 500 ms; server RSS ≤ 1.5 GB and flat after warm-up (no growth). Every listing must answer 200.
import { readFileSync } from 'node:fs';
import type { Benchmark } from './context';
import { httpGet, percentile, request, type Figure } from './lib';
import { agentTokens } from './maps';
import { addPeers, meshGroups } from './peers';
import { benchAccount } from './seed';
import { k } from './sizes';

/** Resident memory of a process in MB (Linux), or NaN when it cannot be read. */
function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export const streamBench: Benchmark = {
  name: 'stream',
  about: 'a meta update every 100 ms while 16 clients list 25k peers: listing p95 ≤ 500 ms, RSS ≤ 1.5 GB and flat',
  async run(ctx) {
    const { db, baseUrl, sizes } = ctx;
    const n = sizes.streamPeers;
    const { account, token } = await benchAccount(db, 'stream-bench');
    await addPeers(db, account.id, 0, n, await meshGroups(db, account.id));
    // Ten agents take turns reporting.
    const ids = (await db.peer.findMany({ where: { accountId: account.id }, select: { id: true }, take: 10 })).map((p) => p.id);
    const agents = (await agentTokens(db, account.id, ids, ids.length)).map((a) => a.token);
    const owner = { Authorization: `Token ${token}` };
    await httpGet(`${baseUrl}/api/peers`, owner);

    const until = Date.now() + sizes.streamSeconds * 1000;
    let updates = 0;
    const writer = (async () => {
      while (Date.now() < until) {
        const next = Date.now() + 100;
        const r = await request(`${baseUrl}/api/agent/meta`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${agents[updates % agents.length]}`, 'Content-Type': 'application/json', Connection: 'close' },
          body: JSON.stringify({ meta: { os: 'linux', kernel_version: `6.1.${updates}`, version: '0.60.0' } }),
        });
        await r.arrayBuffer();
        updates++;
        await new Promise((res) => setTimeout(res, Math.max(0, next - Date.now())));
      }
    })();
    const latencies: number[] = [];
    const clients = Array.from({ length: sizes.streamClients }, async () => {
      while (Date.now() < until) latencies.push((await httpGet(`${baseUrl}/api/peers`, owner, 200, false)).ms);
    });
    // Memory once a second; "after warm-up" starts at a quarter of the run.
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMb(ctx.serverPid)), 1000);
    try {
      await Promise.all([writer, ...clients]);
    } finally {
      clearInterval(sampler);
    }
    latencies.sort((a, b) => a - b);
    const warm = rss.slice(Math.floor(rss.length / 4)).filter((x) => !Number.isNaN(x));
    const first = warm[0] ?? NaN;
    const last = warm[warm.length - 1] ?? NaN;
    const max = Math.max(...warm);
    return [
      {
        name: `GET /api/peers during a meta update every 100 ms (${k(n)} peers, ${sizes.streamClients} clients)`,
        median: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        unit: 'ms',
        extra: `${latencies.length} listings, ${updates} updates in ${sizes.streamSeconds} s`,
      },
      {
        name: `server RSS during that run (${k(n)} peers)`,
        median: last,
        p95: max,
        unit: 'MB',
        extra: `after warm-up ${first.toFixed(0)} MB → end ${last.toFixed(0)} MB, max ${max.toFixed(0)} MB`,
      },
    ] satisfies Figure[];
  },
};
