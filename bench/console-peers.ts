// The console's peer table at 100,000 peers (target: a sorted, filtered first page in Chromium
// within 2 s). Seeds the account up to BENCH_CONSOLE_PEERS peers (default 100,000) straight into
// the database, then measures GET /api/console/peers on the server and, when Chromium is installed,
// the time from navigating to /app/peers?<sort and filters> until its first row is on screen.
import { existsSync } from 'node:fs';
import { newId } from '../lib/domain/ids';
import type { Benchmark, BenchContext } from './context';
import { latencyFigure, percentile, type Figure } from './lib';
import { addPeers } from './peers';

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
    const size = Number(process.env.BENCH_CONSOLE_PEERS ?? 100_000);
    const group = await seedTo(ctx, size);
    const auth = { Authorization: `Token ${ctx.token}` };
    const figures: Figure[] = [];
    for (const [label, q] of QUERIES) {
      const url = `${ctx.baseUrl}/api/console/peers?${q.replace('{group}', group)}`;
      figures.push(
        await latencyFigure(
          `GET /api/console/peers ${label} (${size / 1000}k)`,
          async () => {
            const r = await fetch(url, { headers: auth });
            if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${await r.text()}`);
            await r.arrayBuffer();
          },
          { total: 20, concurrency: 1, warmup: 2 },
        ),
      );
    }
    const browser = await browserFigure(ctx, `/app/peers?${QUERIES[0][1]}`, 5);
    if (browser) figures.push(browser);
    return figures;
  },
};
