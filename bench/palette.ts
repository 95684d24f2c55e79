// The command palette's server-side search, GET /api/console/search, at 100,000 peers (target:
// ≤ 100 ms). Seeds the account up to `sizes.consolePeers` peers (shared with the console-peers
// benchmark: 100,000, or 3,000 with --smoke; BENCH_CONSOLE_PEERS overrides) plus a few hundred
// groups, policies and setup keys beside the seeded users, then times what a person types: a
// whole IP, an IP's first octets, a name, a DNS label, one letter, and text nothing contains
// (the worst case: every peer's name and label are scanned).
import { newId } from '../lib/domain/ids';
import type { Benchmark, BenchContext } from './context';
import { latencyFigure, request, type Figure } from './lib';
import { addPeers } from './peers';
import { k } from './sizes';

const TARGET_MS = 100;

async function seedTo(ctx: BenchContext, size: number) {
  const { db, accountId } = ctx;
  const have = await db.peer.count({ where: { accountId } });
  const t = performance.now();
  if (have < size) {
    const groups = await Promise.all(Array.from({ length: 10 }, (_, i) => db.group.create({ data: { id: newId(), accountId, name: `palette-bench-${i}` } })));
    await addPeers(db, accountId, have, size, groups.map((g) => g.id));
  }
  const n = 300;
  await db.group.createMany({ data: Array.from({ length: n }, (_, i) => ({ id: newId(), accountId, name: `team-${i}` })) });
  await db.policy.createMany({ data: Array.from({ length: n }, (_, i) => ({ id: newId(), accountId, name: `allow team-${i}` })) });
  const expiresAt = new Date(Date.now() + 86_400_000);
  await db.setupKey.createMany({ data: Array.from({ length: n }, (_, i) => ({ id: newId(), accountId, name: `team-${i} key`, keyHash: newId(), keyPrefix: 'BNCH', type: 'reusable', expiresAt })) });
  console.log(`palette: ${size} peers (${Math.max(0, size - have)} seeded in ${((performance.now() - t) / 1000).toFixed(1)} s), ${n} groups, policies and setup keys`);
  // Seeding held this process's event loop: let the client notice sockets the server closed meanwhile.
  await new Promise((r) => setTimeout(r, 100));
}

export const paletteBench: Benchmark = {
  name: 'palette',
  about: 'command palette search GET /api/console/search at 100k peers: by IP, name, DNS label, no match (≤ 100 ms)',
  async run(ctx) {
    const size = ctx.sizes.consolePeers;
    await seedTo(ctx, size);
    const last = await ctx.db.peer.findFirstOrThrow({ where: { accountId: ctx.accountId, name: `peer-${size - 1}` } });
    const queries: [string, string][] = [
      ['a whole IP', last.ip],
      ['the first octets of an IP', last.ip.split('.').slice(0, 3).join('.')],
      ['a name (prefix of 11)', `peer-${Math.floor((size - 1) / 10)}`],
      ['a DNS label', last.dnsLabel],
      ['one letter', 'e'],
      ['text nothing contains', 'zz-no-such-thing'],
    ];
    const auth = { Authorization: `Token ${ctx.token}` };
    const figures: Figure[] = [];
    for (const [label, q] of queries) {
      const url = `${ctx.baseUrl}/api/console/search?q=${encodeURIComponent(q)}`;
      let peers = 0;
      const f = await latencyFigure(
        `GET /api/console/search ${label} (${k(size)})`,
        async () => void (peers = ((await (await request(url, { headers: auth })).json()) as { peers: unknown[] }).peers.length),
        { total: Math.min(100, ctx.requests), concurrency: 1, warmup: 5 },
      );
      f.extra = `${f.extra}, ${peers} peers found${size >= 100_000 && f.median > TARGET_MS ? `, OVER the ${TARGET_MS} ms target` : ''}`;
      figures.push(f);
    }
    return figures;
  },
};
