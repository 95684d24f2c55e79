// Builds the agent as one self-contained ES module, dist/meshdeck-agent.mjs, that runs with plain
// Node 20 and nothing beside it: this is what the server serves at GET /agent/meshdeck-agent.mjs so
// that a machine can join without this repository or `npm ci`. Part of `npm run build`.
// The agent's version is the server's (package.json), baked in: the single file has no
// package.json to read it from.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const AGENT_BUNDLE = join(root, 'dist/meshdeck-agent.mjs');

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Runs before the bundle's own code: on an older Node the agent would otherwise fail later with an
// obscure "AbortSignal.any is not a function".
const banner = `#!/usr/bin/env node
// meshdeck-agent ${version}: built from meshdeck's agent/ by scripts/build-agent.mjs; do not edit.
// Usage: node meshdeck-agent.mjs --help
if (Number(process.versions.node.split('.')[0]) < 20) {
  process.stderr.write('meshdeck-agent: needs Node.js 20 or later (this is ' + process.version + ')\\n');
  process.exit(1);
}`;

const result = await build({
  entryPoints: [join(root, 'agent/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  outfile: AGENT_BUNDLE,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  banner: { js: banner },
  // agent/system.ts reads this when it is defined, package.json otherwise (`npm run agent`).
  define: { MESHDECK_AGENT_VERSION: JSON.stringify(version) },
});

// Self-contained means: the only imports left are Node's own modules.
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const outside = Object.values(result.metafile.outputs)
  .flatMap((o) => o.imports)
  .filter((i) => i.external && !builtins.has(i.path))
  .map((i) => i.path);
if (outside.length) {
  console.error(`build-agent: the bundle would need ${[...new Set(outside)].join(', ')} at run time; the agent may import only node: modules and its own files`);
  process.exit(1);
}

const code = result.outputFiles[0].text;
// Unchanged output is not rewritten, so the file's time (and what a running server cached) stays.
if (!existsSync(AGENT_BUNDLE) || readFileSync(AGENT_BUNDLE, 'utf8') !== code) {
  mkdirSync(dirname(AGENT_BUNDLE), { recursive: true });
  const tmp = `${AGENT_BUNDLE}.tmp`;
  writeFileSync(tmp, code, { mode: 0o755 });
  renameSync(tmp, AGENT_BUNDLE);
}
console.log(`build-agent: ${relative(root, AGENT_BUNDLE)} (meshdeck-agent ${version}, ${(code.length / 1024).toFixed(0)} KB)`);
