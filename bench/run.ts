// `npm run bench [-- --scale 1000 --requests 2000 --only http-overhead]`; `npm run bench -- policy`
// (benchmark names as arguments work like --only; a group's name, e.g. `dataplane`, runs all of it); `npm run bench -- --smoke` runs every benchmark
// at the small sizes of bench/sizes.ts (CI: exit code 1 when any fails, see bench/runner.ts).
// Seeds a temporary database at the chosen scale, starts the production server on it, runs the
// named benchmarks and prints one line per figure (name, median, p95, unit). Uses SQLite unless
// DATABASE_URL points at PostgreSQL (then a fresh database is created there and dropped after).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../lib/db/client';
import { dbConfig } from '../lib/db/config';
import { migrate } from '../lib/db/migrate';
import { startServer, ROOT } from '../tests/support/server';
import { createTempDb } from '../tests/support/temp-db';
import type { Benchmark, BenchContext } from './context';
import { consolePeersBench } from './console-peers';
import { dashboardBench } from './dashboard';
import { dataplaneAgentsBench } from './dataplane-agents';
import { dataplanePushBench } from './dataplane-push';
import { httpOverhead } from './http-overhead';
import { mapsBench } from './maps';
import { paletteBench } from './palette';
import { peersBench } from './peers';
import { runBenchmarks } from './runner';
import { benchSizes } from './sizes';
import { policyBench } from './policy';
import { trafficIngest } from './traffic-ingest';
import { trafficSummaryBench } from './traffic-summary';
import { scaleOutBench } from './scale-out';
import { seed } from './seed';
import { streamBench } from './stream';
import { tenantsBench } from './tenants';
import { zerotierBench } from './zerotier';

const BENCHMARKS: Benchmark[] = [httpOverhead, peersBench, trafficIngest, zerotierBench, policyBench, trafficSummaryBench, consolePeersBench, dashboardBench, paletteBench, mapsBench, streamBench, dataplaneAgentsBench, dataplanePushBench, scaleOutBench, tenantsBench];

const { values, positionals } = parseArgs({
  options: {
    scale: { type: 'string' },
    requests: { type: 'string' },
    only: { type: 'string' },
    list: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

if (values.list) {
  for (const b of BENCHMARKS) console.log(`${b.name.padEnd(20)} ${b.about}${b.group ? ` (also run by the name ${b.group})` : ''}`);
  process.exit(0);
}
const names = [...(values.only?.split(',') ?? []), ...positionals];
const chosen = BENCHMARKS.filter((b) => !names.length || names.includes(b.name) || (b.group && names.includes(b.group)));
if (!chosen.length) throw new Error(`no benchmark named ${names.join(',')}; see --list`);
const sizes = benchSizes(values.smoke, values);
const label = values.smoke ? 'bench smoke' : 'bench';
const started = performance.now();
/** Ends with one summary line (CI's log shows it last) and exit code 1 when anything failed. */
const finish = (failed: string[]) => {
  if (failed.length) console.error(`\n${label}: FAILED: ${failed.join(', ')}`);
  console.log(`\n${label}: ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  console.log(`${label}: ${chosen.length - failed.length} benchmarks passed, ${failed.length} failed`);
  // Explicitly: a benchmark that overran its time limit may still hold the event loop.
  process.exit(failed.length ? 1 : 0);
};

// In-process benchmarks alone need no build, database or server.
if (chosen.every((b) => b.inProcess)) finish(await runBenchmarks(chosen, { sizes } as BenchContext, { label }));

if (!existsSync(join(ROOT, '.next/BUILD_ID'))) {
  console.log('bench: no production build yet, running npm run build…');
  if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
}

const { scale } = sizes;
const temp = await createTempDb('meshdeck-bench-');
const env = { MESHDECK_DATA_DIR: temp.dataDir, DATABASE_URL: temp.databaseUrl };
const cfg = dbConfig({ ...env, DATABASE_URL: env.DATABASE_URL || undefined });
await migrate(cfg, ROOT);
const db = await createDb(cfg);
const t0 = performance.now();
const seeded = await seed(db, scale);
console.log(`${label}: ${cfg.provider}, scale ${scale} (seeded ${seeded.rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s), node ${process.version}`);

// The heap limit `npm start` sets (scripts/start.mjs): the server is measured as it runs for users.
const heap = `--max-old-space-size=${Number(process.env.MESHDECK_HEAP_MB) || 4096}`;
const server = await startServer({ ...env, MESHDECK_ADMIN_PASSWORD: 'bench-password-unused', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${heap}`.trim() });
const ctx: BenchContext = { baseUrl: server.baseUrl, db, token: seeded.token, accountId: seeded.accountId, ownerId: seeded.ownerId, scale, requests: sizes.requests, sizes, serverPid: server.pid };
let failed = chosen.map((b) => b.name);
try {
  failed = await runBenchmarks(chosen, ctx, { label, server });
} finally {
  await server.stop();
  await db.$disconnect();
  await temp.drop();
}
finish(failed);
