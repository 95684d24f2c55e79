// A live network: one peer reports new system meta every 100 ms (POST /api/agent/meta, as agents
// do) for `streamSeconds` while `streamClients` clients list all peers back to back
// (GET /api/peers), at `streamPeers` peers. Targets at 25k peers, 16 clients, 60 s: listing p95
// ≤ 500 ms; server RSS ≤ 1.5 GB and flat after warm-up (no growth). Every listing must answer 200.
// Run twice: first with clients that accept gzip (as browsers, Go's net/http and Node's fetch do
// unasked: the headline figure), then with clients that do not (curl without --compressed), where
// 16 clients move ~1 GB/s of JSON over loopback on the server's own 2 cores. The clients count the
// bytes without inflating them: inflating 22 MB takes a client ~25 ms of its own CPU, which here
// would be the server's.
import { gunzipSync } from 'node:zlib';
import type { Benchmark } from './context';
import { httpGet, percentile, request, type Figure } from './lib';
import { agentTokens } from './maps';
import { rssMb } from './proc';
import { addPeers, meshGroups } from './peers';
import { benchAccount } from './seed';
import { k } from './sizes';

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
    const plain = (await httpGet(`${baseUrl}/api/peers`, owner)).body;
    // The gzipped answer must inflate to the same listing (no update has run yet).
    const zipped = await httpGet(`${baseUrl}/api/peers`, { ...owner, 'Accept-Encoding': 'gzip' });
    if (!gunzipSync(zipped.body).equals(plain)) throw new Error('GET /api/peers: the gzipped listing differs from the plain one');

    let updates = 0;
    /** Lists for `seconds` while the writer reports meta every 100 ms; latencies sorted, RSS each second. */
    const phase = async (headers: Record<string, string>) => {
      const until = Date.now() + sizes.streamSeconds * 1000;
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
      let bytes = 0;
      const clients = Array.from({ length: sizes.streamClients }, async () => {
        while (Date.now() < until) {
          const r = await httpGet(`${baseUrl}/api/peers`, headers, 200, false);
          latencies.push(r.ms);
          bytes += r.bytes;
        }
      });
      const rss: number[] = [];
      const sampler = setInterval(() => rss.push(rssMb(ctx.serverPid)), 1000);
      const before = updates;
      try {
        await Promise.all([writer, ...clients]);
      } finally {
        clearInterval(sampler);
      }
      latencies.sort((a, b) => a - b);
      return { latencies, rss, updates: updates - before, meanBytes: bytes / Math.max(1, latencies.length) };
    };
    const gz = await phase({ ...owner, 'Accept-Encoding': 'gzip' });
    const id = await phase(owner);
    // Memory over both runs; "after warm-up" starts at a quarter of the first. The heap saws up and
    // down with collections, so "flat" means the highs do not climb: max of the last half vs the first.
    const rss = [...gz.rss, ...id.rss];
    const warm = rss.slice(Math.floor(gz.rss.length / 4)).filter((x) => !Number.isNaN(x));
    const half = Math.floor(warm.length / 2);
    const maxOf = (xs: number[]) => Math.max(...xs);
    const last = warm[warm.length - 1] ?? NaN;
    const label = `${k(n)} peers, ${sizes.streamClients} clients`;
    const figure = (r: typeof gz, how: string): Figure => ({
      name: `GET /api/peers during a meta update every 100 ms (${label}, ${how})`,
      median: percentile(r.latencies, 50),
      p95: percentile(r.latencies, 95),
      unit: 'ms',
      extra: `${r.latencies.length} listings of ${(r.meanBytes / 1e6).toFixed(1)} MB, ${r.updates} updates in ${sizes.streamSeconds} s`,
    });
    return [
      figure(gz, 'gzip'),
      figure(id, 'not compressed'),
      {
        name: `server RSS during both runs (${k(n)} peers)`,
        median: last,
        p95: maxOf(warm),
        unit: 'MB',
        extra: `after warm-up: highest ${maxOf(warm.slice(0, half)).toFixed(0)} MB in the first half, ${maxOf(warm.slice(half)).toFixed(0)} MB in the second; end ${last.toFixed(0)} MB`,
      },
    ] satisfies Figure[];
  },
};
