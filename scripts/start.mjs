// `npm start`: builds the app when no build of the current sources exists (and the single-file
// agent), then serves it with `next start` (migrations and the first account are handled by
// instrumentation.ts at start).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = join(root, 'node_modules/next/dist/bin/next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

// A fingerprint of everything that goes into the build, so a `git pull` triggers a rebuild.
function fingerprint() {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'generated') walk(p);
      } else {
        const s = statSync(p);
        h.update(`${p}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of ['app', 'components', 'lib', 'prisma', 'public']) if (existsSync(join(root, d))) walk(join(root, d));
  for (const f of ['package-lock.json', 'next.config.ts', 'proxy.ts', 'instrumentation.ts', 'tsconfig.json']) {
    if (existsSync(join(root, f))) h.update(readFileSync(join(root, f)));
  }
  return h.digest('hex');
}

const stamp = join(root, '.next/meshdeck-fingerprint');
const fp = fingerprint();
if (!existsSync(join(root, '.next/BUILD_ID')) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== fp) {
  console.log('meshdeck: building the app (first start or sources changed; about a minute)…');
  const r = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(stamp, fp);
}
// The single-file agent the server serves (GET /agent/meshdeck-agent.mjs): built at every start, it
// takes well under a second and follows agent/ changes that the app's fingerprint leaves out.
if (spawnSync(process.execPath, [join(root, 'scripts/build-agent.mjs')], { cwd: root, env, stdio: 'inherit' }).status !== 0) process.exit(1);

// The heap limit is set on purpose, not left to Node's default (which depends on the machine):
// the documented scale (25,000 peers, 10,000 of every object, 5M traffic events) needs about
// 1.5 GB; 4 GB leaves room, or half the machine's memory when that is less. Requests are refused
// with 503 before the heap fills (lib/http/memory-guard.ts). MESHDECK_HEAP_MB overrides it, and
// an explicit --max-old-space-size in NODE_OPTIONS wins.
const heapMb = Number(env.MESHDECK_HEAP_MB) || Math.min(4096, Math.floor(totalmem() / 2 / 2 ** 20));
if (!/--max-old-space-size/.test(env.NODE_OPTIONS ?? '')) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMb}`.trim();

const args = [nextBin, 'start', '-p', String(env.PORT || 3000)];
if (env.HOST) args.push('-H', env.HOST);
const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
