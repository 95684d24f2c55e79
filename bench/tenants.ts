// Many accounts on one server: does an account among 1,000 (of 100 peers each) get the answers an
// account alone on its server gets? Two production servers run side by side, each on its own fresh
// database (SQLite, or PostgreSQL when DATABASE_URL points at one): one holding `tenantsAccounts`
// accounts, one holding a single account; every account is seeded alike (tests/support/tenant-seed.ts).
// Every account of the big installation is first served once on every endpoint (so the server holds
// what 1,000 active accounts make it hold), then a random sample of accounts is timed through HTTP
// on four per-account reads, each request to the big server followed by the same request to the
// one-account server (order alternating), so that the machine's other load falls on both alike.
// Target (full run): each per-account median within 20% of the one-account median. Every answer
// must be 200 and hold exactly the account's own peers. Also reports the first (cold) request of
// each account, and both servers' RSS.
import { loadavg } from 'node:os';
import { createDb, type Db } from '../lib/db/client';
import { dbConfig } from '../lib/db/config';
import { migrate } from '../lib/db/migrate';
import { startServer, ROOT, type RunningServer } from '../tests/support/server';
import { createTempDb } from '../tests/support/temp-db';
import { seedTenants, type Tenant } from '../tests/support/tenant-seed';
import type { Benchmark } from './context';
import { percentile, printFigure, request, type Figure } from './lib';
import { peakRssMb, rssMb } from './proc';
import { k } from './sizes';

interface Installation {
  server: RunningServer;
  db: Db;
  tenants: Tenant[];
}

type Cleanup = () => Promise<unknown> | unknown;

async function install(accounts: number, peers: number, cleanups: Cleanup[]): Promise<Installation> {
  const temp = await createTempDb('meshdeck-tenants-');
  cleanups.push(() => temp.drop());
  const env = { MESHDECK_DATA_DIR: temp.dataDir, DATABASE_URL: temp.databaseUrl };
  const cfg = dbConfig({ ...env, DATABASE_URL: env.DATABASE_URL || undefined });
  await migrate(cfg, ROOT);
  const db = await createDb(cfg);
  cleanups.push(() => db.$disconnect());
  const t0 = performance.now();
  const tenants = await seedTenants(db, accounts, peers);
  console.log(`tenants: ${cfg.provider}, seeded ${accounts} account(s) × ${peers} peers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // The heap limit `npm start` sets (scripts/start.mjs), as bench/run.ts gives its server.
  const heap = `--max-old-space-size=${Number(process.env.MESHDECK_HEAP_MB) || 4096}`;
  const server = await startServer({ ...env, MESHDECK_ADMIN_PASSWORD: 'tenants-bench-unused', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${heap}`.trim() });
  cleanups.push(() => server.stop());
  return { server, db, tenants };
}

/** A per-account read: its path and credential, and how many peers a right answer holds. */
interface Endpoint {
  name: string;
  path(t: Tenant): string;
  headers(t: Tenant): Record<string, string>;
  peersIn(body: unknown): number;
}

const owner = (t: Tenant) => ({ Authorization: `Token ${t.token}` });
const lastPeer = (t: Tenant) => t.peerIds[t.peerIds.length - 1];
// Peer n-1 reaches every other peer of its account (scale-seed's "reach-all" policy).
const ENDPOINTS: Endpoint[] = [
  { name: 'GET /api/peers', path: () => '/api/peers', headers: owner, peersIn: (b) => (b as unknown[]).length },
  { name: 'GET /api/peers/{id}/accessible-peers', path: (t) => `/api/peers/${lastPeer(t)}/accessible-peers`, headers: owner, peersIn: (b) => (b as unknown[]).length + 1 },
  { name: 'GET /api/agent/sync', path: () => '/api/agent/sync', headers: (t) => ({ Authorization: `Bearer ${t.tokenAll}` }), peersIn: (b) => (b as { peers: unknown[] }).peers.length + 1 },
  {
    name: 'GET /api/v2/tailnet/-/devices',
    path: () => '/api/v2/tailnet/-/devices',
    headers: (t) => ({ Authorization: `Basic ${Buffer.from(`${t.token}:`).toString('base64')}` }),
    peersIn: (b) => (b as { devices: unknown[] }).devices.length,
  },
];

/** One request, whole body read; the answer must be 200 and hold exactly the account's `peers` peers. */
async function timed(base: string, ep: Endpoint, t: Tenant, peers: number): Promise<number> {
  const started = performance.now();
  const r = await request(`${base}${ep.path(t)}`, { headers: ep.headers(t) });
  const text = await r.text();
  const ms = performance.now() - started;
  const got = ep.peersIn(JSON.parse(text));
  if (got !== peers) throw new Error(`${ep.name} for account ${t.accountId}: ${got} peers, expected the account's ${peers}`);
  return ms;
}

/** Every endpoint once for every tenant, one request at a time: the times of these first (cold) requests, per endpoint. */
async function serveAll(inst: Installation, peers: number): Promise<number[][]> {
  const first = ENDPOINTS.map(() => [] as number[]);
  for (const t of inst.tenants) for (const [e, ep] of ENDPOINTS.entries()) first[e].push(await timed(inst.server.baseUrl, ep, t, peers));
  return first;
}

function sample<T>(items: T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: percentile(s, 50), p95: percentile(s, 95) };
};

export const tenantsBench: Benchmark = {
  name: 'tenants',
  about: '1,000 accounts of 100 peers on one server vs one account alone: per-account medians within 20%; RSS',
  inProcess: true,
  async run(ctx) {
    const { tenantsAccounts: accounts, tenantsPeers: peers, tenantsSample, tenantsRequests: perAccount, tenantsRatioLimit: limit } = ctx.sizes;
    const cleanups: Cleanup[] = [];
    try {
      const many = await install(accounts, peers, cleanups);
      const one = await install(1, peers, cleanups);
      const t0 = performance.now();
      const cold = await serveAll(many, peers);
      await serveAll(one, peers);
      console.log(`tenants: every account served once on every endpoint in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
      const rssAfterWarm = rssMb(many.server.pid);

      const chosen = sample(many.tenants, tenantsSample);
      const alone = one.tenants[0];
      const times = ENDPOINTS.map(() => ({ many: [] as number[], one: [] as number[] }));
      let turn = 0;
      for (const t of chosen) {
        for (const [e, ep] of ENDPOINTS.entries()) {
          for (let i = 0; i < perAccount; i++) {
            const manyFirst = turn++ % 2 === 0;
            if (manyFirst) times[e].many.push(await timed(many.server.baseUrl, ep, t, peers));
            times[e].one.push(await timed(one.server.baseUrl, ep, alone, peers));
            if (!manyFirst) times[e].many.push(await timed(many.server.baseUrl, ep, t, peers));
          }
        }
      }

      const figures: Figure[] = [];
      const over: string[] = [];
      const where = `${k(accounts)} accounts × ${peers} peers`;
      for (const [e, ep] of ENDPOINTS.entries()) {
        const m = stats(times[e].many);
        const o = stats(times[e].one);
        const ratio = m.median / o.median;
        if (limit && ratio > limit) over.push(`${ep.name}: ${ratio.toFixed(2)}× the one-account median`);
        figures.push({ name: `${ep.name} (one account alone, ${peers} peers)`, ...o, unit: 'ms', extra: `n=${times[e].one.length}` });
        figures.push({
          name: `${ep.name} (per account, ${where})`,
          ...m,
          unit: 'ms',
          extra: `${chosen.length} random accounts × ${perAccount}; median ${ratio.toFixed(2)}× and p95 ${(m.p95 / o.p95).toFixed(2)}× the one-account ones${limit ? ` (limit ${limit}×)` : ''}`,
        });
      }
      for (const [e, ep] of ENDPOINTS.entries()) {
        figures.push({ name: `${ep.name} (an account's first request, ${where})`, ...stats(cold[e]), unit: 'ms', extra: `every account once, one request at a time, n=${cold[e].length}; not compared` });
      }
      const rss = rssMb(many.server.pid);
      figures.push({
        name: `server RSS (${where})`,
        median: rss,
        p95: peakRssMb(many.server.pid),
        unit: 'MB',
        extra: `now / peak; ${rssAfterWarm.toFixed(0)} MB after serving every account once; the one-account server: ${rssMb(one.server.pid).toFixed(0)} MB`,
      });
      console.log(`tenants: load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores shared)`);
      if (over.length) {
        figures.forEach(printFigure);
        throw new Error(`an account among ${accounts} is slower than one alone by more than ${Math.round((limit - 1) * 100)}%: ${over.join('; ')}`);
      }
      return figures;
    } finally {
      for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e) => console.error('tenants cleanup:', e));
    }
  },
};
