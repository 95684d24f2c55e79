// NetBird peers at scale: GET /api/peers at 1k, 5k and 25k peers (targets: 25k ≤ 150 ms median)
// and PUT /api/peers/{id} at 25k (≤ 50 ms); the sizes are `sizes.peers` (bench/sizes.ts). Peers
// are seeded straight into the database in 10 groups with an All ↔ All policy, as a fresh NetBird
// account has.
import type { Db } from '../lib/db/client';
import { allGroupId } from '../lib/domain/groups/all-group';
import { newId } from '../lib/domain/ids';
import { intToIpv4, parseIpv4Cidr } from '../lib/domain/peers/ipam';
import { jsonList } from '../lib/domain/json';
import { bumpNetworkSerial } from '../lib/domain/serial';
import type { Benchmark, BenchContext } from './context';
import { afterChangeFigure, httpGet, latencyFigure, request, type Figure } from './lib';
import { k } from './sizes';

export async function addPeers(db: Db, accountId: string, from: number, to: number, groups: string[]) {
  const range = parseIpv4Cidr('100.64.0.0/10')!;
  for (let start = from; start < to; start += 2000) {
    const end = Math.min(to, start + 2000);
    const peers = Array.from({ length: end - start }, (_, i) => {
      const n = start + i;
      return {
        id: newId(),
        accountId,
        name: `peer-${n}`,
        hostname: `peer-${n}`,
        dnsLabel: `peer-${n}`,
        ip: intToIpv4(range.first + n),
        ipv6: `fd7a:115c:a1e0:0:0:0:${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}`,
        wgPubKey: Buffer.from(`peer-${n}`.padEnd(32, '.')).toString('base64'),
        os: n % 3 ? 'linux' : 'darwin',
        version: '0.60.0',
        connected: n % 2 === 0,
      };
    });
    await db.peer.createMany({ data: peers });
    await db.groupPeer.createMany({ data: peers.map((p, i) => ({ peerId: p.id, groupId: groups[i % groups.length] })) });
  }
  await bumpNetworkSerial(db, accountId);
}

/** 10 groups for `addPeers` and the All ↔ All policy a fresh NetBird account has; the group ids. */
export async function meshGroups(db: Db, accountId: string): Promise<string[]> {
  const groups = await Promise.all(Array.from({ length: 10 }, (_, i) => db.group.create({ data: { id: newId(), accountId, name: `bench-${i}` } })));
  const all = await allGroupId(db, accountId);
  await db.policy.create({
    data: { id: newId(), accountId, name: 'Default', rules: { create: [{ id: newId(), name: 'Default', bidirectional: true, sources: jsonList([all]), destinations: jsonList([all]) }] } },
  });
  return groups.map((g) => g.id);
}

export const peersBench: Benchmark = {
  name: 'peers',
  about: 'GET /api/peers at 1k/5k/25k peers and PUT /api/peers/{id} at 25k',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const { db, accountId } = ctx;
    const groups = await meshGroups(db, accountId);
    const auth = { Authorization: `Token ${ctx.token}` };
    const list = async () => {
      // A fresh connection each time: seeding between sizes outlasts the server's keep-alive.
      const r = await httpGet(`${ctx.baseUrl}/api/peers`, auth, 200, false);
      if (process.env.BENCH_DEBUG) console.log(`GET /api/peers: ${r.bytes} bytes`);
    };
    let changes = 0;
    // A peer renamed through the API, as users and agents change something all day.
    const rename = (ids: { id: string }[]) => async () => {
      const p = ids[changes % ids.length];
      const r = await request(`${ctx.baseUrl}/api/peers/${p.id}`, {
        method: 'PUT',
        headers: { ...auth, 'Content-Type': 'application/json', Connection: 'close' },
        body: JSON.stringify({ name: `changed-${changes++}`, ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false }),
      });
      if (r.status !== 200) throw new Error(`PUT /api/peers/{id}: ${r.status}`);
      await r.arrayBuffer();
    };
    const figures: Figure[] = [];
    let have = 0;
    for (const size of ctx.sizes.peers) {
      await addPeers(db, accountId, have, size, groups);
      have = size;
      figures.push(await latencyFigure(`GET /api/peers steady (${k(size)} peers)`, list, { total: size >= 25000 ? 15 : 30, concurrency: 1, warmup: 2 }));
      // Next to it, the price right after a change: what users of a live network meet.
      const renamed = await db.peer.findMany({ where: { accountId }, select: { id: true }, take: 50, skip: Math.floor(have / 3) });
      figures.push(await afterChangeFigure(`GET /api/peers after a change (${k(size)} peers)`, rename(renamed), list, 15));
    }
    const sample = await db.peer.findMany({ where: { accountId }, select: { id: true, name: true }, take: 200, skip: Math.min(1000, Math.floor(have / 2)) });
    let i = 0;
    figures.push(
      await latencyFigure(
        `PUT /api/peers/{id} (${k(have)} peers)`,
        async () => {
          const p = sample[i++ % sample.length];
          const r = await request(`${ctx.baseUrl}/api/peers/${p.id}`, {
            method: 'PUT',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ name: `${p.name}-r${i}`, ssh_enabled: i % 2 === 0, login_expiration_enabled: false, inactivity_expiration_enabled: false }),
          });
          await r.arrayBuffer();
        },
        { total: 100, concurrency: 1, warmup: 5 },
      ),
    );
    return figures;
  },
};
