// npm run conformance:policy -- [dir] [--diff] [--require=acl,policytest:95]
// Runs every *.jsonl capture of Tailscale's control plane in [dir] (default: the vendored
// tests/fixtures/conformance/tailscale-policy) through meshdeck's Tailscale
// policy engine and prints pass/fail counts per category. --diff prints the first difference of
// each failing capture. --require exits 1 when the named categories together pass less than the
// given percentage (CI uses it). Normal form: see lib/domain/policy/tailscale/conformance.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCapture, tally, type CaptureOutcome, type CaptureRecord } from '../lib/domain/policy/tailscale/conformance';

const args = process.argv.slice(2);
const showDiff = args.includes('--diff');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const vendored = join(dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/conformance/tailscale-policy');
const dir = args.find((a) => !a.startsWith('--')) ?? vendored;
const requirement = /^--require=([\w,-]+):(\d+(?:\.\d+)?)$/.exec(args.find((a) => a.startsWith('--require=')) ?? '');

const outcomes: CaptureOutcome[] = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as CaptureRecord;
    if (only && !record.test_id.startsWith(only)) continue;
    let outcome: CaptureOutcome;
    try {
      outcome = runCapture(record);
    } catch (e) {
      outcome = { id: record.test_id, category: record.category, passed: false, diff: `engine error: ${(e as Error).stack ?? e}` };
    }
    outcomes.push(outcome);
    if (showDiff && !outcome.passed) console.log(`FAIL ${outcome.category} ${outcome.id}\n${outcome.diff ?? ''}`);
  }
}

let passed = 0;
let failed = 0;
for (const [category, t] of [...tally(outcomes)].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${category}: ${t.passed} passed, ${t.failed} failed`);
  passed += t.passed;
  failed += t.failed;
}
console.log(`total: ${passed} passed, ${failed} failed`);

if (requirement) {
  const categories = requirement[1].split(',');
  const counts = [...tally(outcomes)].filter(([c]) => categories.includes(c)).map(([, t]) => t);
  const ok = counts.reduce((n, t) => n + t.passed, 0);
  const all = counts.reduce((n, t) => n + t.passed + t.failed, 0);
  const rate = all ? (100 * ok) / all : 0;
  console.log(`${categories.join(' + ')}: ${rate.toFixed(1)}% passing (required ${requirement[2]}%)`);
  if (rate < Number(requirement[2])) process.exit(1);
}
