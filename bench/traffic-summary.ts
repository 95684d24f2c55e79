// The traffic charts at 5 million events (target: the chart request ≤ 300 ms server side). Seeds
// one account of its own with 50 peers, 10 users and 5M events over the last 7 days through the
// bulk path (events and rollups, as ingest writes them), then times GET
// /api/console/traffic/summary over HTTP for 7 days and 24 hours, without and with filters.
// `--scale` does not change the event count; `sizes.trafficEvents` does (bench/sizes.ts: 5,000,000,
// MESHDECK_BENCH_TRAFFIC_EVENTS, or --smoke's).
import { randomBytes } from 'node:crypto';
import { closeBulkTraffic } from '../lib/domain/traffic/bulk-insert';
import { createAccountWithOwner } from '../lib/domain/accounts/accounts';
import { newId } from '../lib/domain/ids';
import { seedToken } from '../lib/domain/users/tokens';
import { writeDemoTraffic, type DemoPeer } from '../scripts/demo-traffic';
import type { Benchmark } from './context';
import { latencyFigure, request, type Figure } from './lib';
import { benchDbConfig } from './traffic-ingest';

const DAY = 86_400_000;

export const trafficSummaryBench: Benchmark = {
  name: 'traffic-summary',
  about: 'GET /api/console/traffic/summary (the traffic charts) over 5M events',
  async run(ctx) {
    const cfg = await benchDbConfig(ctx);
    if (!cfg) throw new Error('traffic-summary: cannot locate the benchmark database');
    const count = ctx.sizes.trafficEvents;
    const { account, owner } = await createAccountWithOwner(ctx.db, {
      name: 'traffic bench',
      domain: 'traffic-bench.example',
      ownerEmail: 'owner@traffic-bench.example',
      ownerName: 'Traffic Owner',
      ownerPassword: 'traffic-bench-password',
    });
    const actor = { userId: owner.id, accountId: account.id, role: 'owner' as const, name: owner.name, email: owner.email, via: 'token' as const };
    const { plain: token } = await seedToken(ctx.db, actor, owner.id, { name: 'bench', expiresInDays: 1 });
    const users = Array.from({ length: 10 }, (_, i) => ({ id: newId(), email: `user${i}@traffic-bench.example`, name: `User ${i}` }));
    const peers: DemoPeer[] = Array.from({ length: 50 }, (_, i) => ({
      id: newId(),
      name: `host-${i}`,
      ip: `100.64.1.${i + 1}`,
      dnsLabel: `host-${i}`,
      os: i % 3 ? 'Linux' : 'Darwin',
      country: 'DE',
      city: 'Berlin',
      user: users[i % users.length],
    }));
    await ctx.db.peer.createMany({
      data: peers.map((p) => ({ id: p.id, accountId: account.id, name: p.name, dnsLabel: p.dnsLabel, ip: p.ip, wgPubKey: randomBytes(32).toString('base64') })),
    });
    const resources = ['db', 'wiki', 'git', 'ci', 'backup', 'mail', 'intranet', 'grafana', 'vault', 'nas'].map((name, i) => ({
      id: newId(),
      name: `${name}.internal`,
      address: `10.10.0.${i + 10}:443`,
      type: 'HOST_RESOURCE' as const,
    }));
    const to = new Date();
    const t0 = performance.now();
    let reported = 0;
    await writeDemoTraffic({ accountId: account.id, peers, resources, policy: { id: newId(), name: 'All to All' }, from: new Date(to.getTime() - 7 * DAY), to, count, batch: 50_000 }, cfg, (done) => {
      if (done - reported >= 1_000_000 || done === count) {
        reported = done;
        console.log(`  seeded ${done.toLocaleString('en')} events (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    });
    await closeBulkTraffic();
    const seconds = (performance.now() - t0) / 1000;
    const rollups = await ctx.db.trafficRollup.count({ where: { accountId: account.id } });
    const searchRollups = await ctx.db.trafficSearchRollup.count({ where: { accountId: account.id } });
    const portSums = await ctx.db.trafficPortSum.count({ where: { accountId: account.id } });
    const groups = await ctx.db.trafficSearchGroup.count({ where: { accountId: account.id } });
    console.log(`  ${count.toLocaleString('en')} events, ${rollups.toLocaleString('en')} hourly rollup rows, ${searchRollups.toLocaleString('en')} search rollup rows, ${portSums.toLocaleString('en')} port-digit rows, ${groups.toLocaleString('en')} search groups in ${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString('en')} events/s)`);

    // The client's kept-alive connection from before the seeding was closed by the server long ago;
    // one request first lets a stale socket fail here instead of inside a measurement (retried once).
    const health = async () => void (await (await request(`${ctx.baseUrl}/api/health`)).arrayBuffer());
    await health().catch(health);
    const total = Math.max(10, Math.min(50, Math.round(ctx.requests / 40)));
    const chart = (name: string, range: number, filter = '') => {
      const path = `/api/console/traffic/summary?from=${new Date(to.getTime() - range).toISOString()}&to=${to.toISOString()}${filter}`;
      return latencyFigure(
        name,
        async () => {
          await (await request(`${ctx.baseUrl}${path}`, { headers: { Authorization: `Token ${token}` } })).arrayBuffer();
        },
        { total, concurrency: 1, warmup: 3 },
      );
    };
    const figures: Figure[] = [
      await chart('traffic chart 7 d, no filter', 7 * DAY),
      await chart('traffic chart 7 d, user + protocol filter', 7 * DAY, `&user_id=${users[3].id}&protocol=6`),
      await chart('traffic chart 24 h, no filter', DAY),
      await chart('traffic chart 24 h, peer filter', DAY, `&reporter_id=${peers[7].id}`),
      await chart('traffic chart 1 h, events table (minutes)', DAY / 24),
      await chart('traffic chart 24 h, search', DAY, '&search=wiki'),
      await chart('traffic chart 7 d, search + event type', 7 * DAY, '&search=host-1&type=TYPE_DROP'),
      // A text every event holds: every search sum of the week is read and added.
      await chart('traffic chart 7 d, search matching every event', 7 * DAY, '&search=100.64'),
      // Digits may match inside a source port: the sums plus the events of the ports that hold them.
      await chart('traffic chart 24 h, port search', DAY, '&search=5432'),
      await chart('traffic chart 7 d, port search', 7 * DAY, '&search=5432'),
      await chart('traffic chart 24 h, two-digit search', DAY, '&search=22'),
      await chart('traffic chart 7 d, two-digit search', 7 * DAY, '&search=22'),
      // One digit, or an address and ":", is inside most source ports: the sums by port digit.
      await chart('traffic chart 24 h, one-digit search', DAY, '&search=7'),
      await chart('traffic chart 7 d, one-digit search', 7 * DAY, '&search=7'),
      await chart('traffic chart 7 d, address and ":"', 7 * DAY, '&search=100.64.1.5:'),
      await chart('traffic chart 7 d, address, ":" and a digit', 7 * DAY, '&search=100.64.1.5:4'),
    ];
    for (const f of figures) f.extra = `${f.extra}; ${count.toLocaleString('en')} events`;
    return figures;
  },
};
