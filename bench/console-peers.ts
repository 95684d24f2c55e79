// The console's peer table at 100,000 peers (target: a sorted, filtered first page in Chromium
// within 2 s). Seeds the account up to `sizes.consolePeers` peers (bench/sizes.ts: 100,000, or
// BENCH_CONSOLE_PEERS) straight into the database, then measures GET /api/console/peers on the server
// and, when Chromium is installed, the time from navigating to /app/peers?<sort and filters> until its
// first row is on screen; any 5xx the page's requests get fails the benchmark.
import { existsSync } from 'node:fs';
import { newId } from '../lib/domain/ids';
import type { Benchmark, BenchContext } from './context';
import { latencyFigure, percentile, request, type Figure } from './lib';
import { addPeers } from './peers';
import { k } from './sizes';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The seeded owner's password (bench/seed.ts). */
const OWNER = { email: 'owner@bench.example', password: 'bench-owner-password' };

const QUERIES: [string, string][] = [
  ['sorted by name (desc), OS and status filters', 'sort=name:desc&os=linux&connected=true&limit=100'],
  ['sorted by last seen, group filter', 'sort=last_seen:desc&group={group}&limit=100'],
  ['sorted by IP, text search', 'sort=ip:asc&q=peer-9999&limit=100'],
];

async function seedTo(ctx: BenchContext, size: number) {
  const { db, accountId } = ctx;
  const have = await db.peer.count({ where: { accountId } });
  const groups = await Promise.all(Array.from({ length: 10 }, (_, i) => db.group.create({ data: { id: newId(), accountId, name: `console-bench-${i}` } })));
  const t = performance.now();
  if (have < size) await addPeers(db, accountId, have, size, groups.map((g) => g.id));
  console.log(`console-peers: ${size} peers (${Math.max(0, size - have)} seeded in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  // Seeding runs SQLite on this process's event loop for tens of seconds: the server meanwhile
  // closed the client's idle pooled sockets, and until the loop turns the client does not know, so
  // the next request would go out on a dead socket ("other side closed"). One turn of the loop.
  await new Promise((r) => setTimeout(r, 100));
  return groups[3].id;
}

async function browserFigure(ctx: BenchContext, path: string, runs: number): Promise<Figure | null> {
  if (!existsSync(CHROMIUM)) {
    console.log(`console-peers: ${CHROMIUM} not found, skipping the browser figure (apt-get install chromium)`);
    return null;
  }
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ baseURL: ctx.baseUrl, viewport: { width: 1280, height: 800 } });
    // A page can render over a failed request (or wait for a row that never comes): count them.
    const failed: string[] = [];
    page.on('response', (r) => void (r.status() >= 500 && failed.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`)));
    await page.goto('/app/login');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const open = async () => {
      await page.goto('about:blank');
      const t = performance.now();
      await page.goto(path);
      await page.getByTestId('peer-row').first().waitFor();
      return performance.now() - t;
    };
    await open();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await open());
    times.sort((a, b) => a - b);
    if (failed.length) throw new Error(`Chromium saw ${failed.length} answers ≥ 500, first ${failed[0]}`);
    const shown = await page.getByTestId('peer-total').textContent();
    return { name: 'Chromium: /app/peers first sorted, filtered page', median: percentile(times, 50), p95: percentile(times, 95), unit: 'ms', extra: `${shown?.trim()}, n=${runs}` };
  } finally {
    await browser.close();
  }
}

export const consolePeersBench: Benchmark = {
  name: 'console-peers',
  about: 'console peer table at 100k peers: GET /api/console/peers and Chromium time to first page (≤ 2 s)',
  async run(ctx) {
    const size = ctx.sizes.consolePeers;
    const group = await seedTo(ctx, size);
    const auth = { Authorization: `Token ${ctx.token}` };
    const figures: Figure[] = [];
    for (const [label, q] of QUERIES) {
      const url = `${ctx.baseUrl}/api/console/peers?${q.replace('{group}', group)}`;
      figures.push(
        await latencyFigure(
          `GET /api/console/peers ${label} (${k(size)})`,
          async () => void (await (await request(url, { headers: auth })).arrayBuffer()),
          { total: 20, concurrency: 1, warmup: 2 },
        ),
      );
    }
    const browser = await browserFigure(ctx, `/app/peers?${QUERIES[0][1]}`, ctx.sizes.browserRuns);
    if (browser) figures.push(browser);
    return figures;
  },
};
