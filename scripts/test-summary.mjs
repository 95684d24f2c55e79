// Adds up the JSON reports of Vitest and Playwright in a folder and prints one closing line:
// "tests: N passed, M failed" (and ", K skipped"). Exits non-zero when anything failed or no
// test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] || '.test-results';
let passed = 0, failed = 0, skipped = 0;
for (const f of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : []) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  if (typeof r.numPassedTests === 'number') {
    // Vitest (Jest-compatible JSON); a file that failed to load counts as a failure too.
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.testResults ?? []).filter((t) => t.status === 'failed' && !t.assertionResults?.length).length;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } else if (r.stats) {
    // Playwright
    passed += (r.stats.expected ?? 0) + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected ?? 0;
    skipped += r.stats.skipped ?? 0;
    failed += (r.errors ?? []).length;
  }
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
