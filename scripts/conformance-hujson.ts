// `npm run conformance:hujson -- [vectors.json] [--verbose]` (default: the vendored
// tests/fixtures/conformance/hujson-vectors.json): runs every parse, format and patch
// case of Go hujson's test tables against lib/domain/hujson. Prints one line per category, how many
// expected errors match Go's wording exactly, and "N passed, M failed" (exit 1 when any failed).
import { type Category, VECTORS_FILE, loadVectors, runVectors } from '../tests/support/hujson-vectors';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const file = args.find((a) => !a.startsWith('-')) ?? VECTORS_FILE;

const results = runVectors(loadVectors(file));
for (const category of ['parse', 'format', 'patch'] as Category[]) {
  const mine = results.filter((r) => r.category === category);
  const passed = mine.filter((r) => r.ok).length;
  console.log(`${category}: ${passed} passed, ${mine.length - passed} failed`);
}
const errorCases = results.filter((r) => r.errorExact !== undefined);
console.log(`error messages: ${errorCases.filter((r) => r.errorExact).length} of ${errorCases.length} exactly as Go`);
if (verbose) {
  const shown = results.filter((r) => !r.ok || (r.errorExact === false && r.detail)).slice(0, 20);
  for (const r of shown) console.log(`  ${r.ok ? 'wording' : 'FAIL'} ${r.category} #${r.index}: ${r.detail}`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
