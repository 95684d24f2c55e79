// Go's tailscale/hujson test tables (parse, format, patch), re-encoded in the shared conformance
// data, run against lib/domain/hujson: outputs must match byte for byte, errors word for word.
import { describe, expect, it } from 'vitest';
import { findVectorsFile, loadVectors, runVectors } from '../support/hujson-vectors';

const file = findVectorsFile();
if (!file) {
  console.warn('hujson vectors not found (/work/shared/conformance or ../shared/conformance beside the repository): skipping the conformance cases');
}

describe.skipIf(!file)('hujson conformance vectors', () => {
  const results = file ? runVectors(loadVectors(file)) : [];

  it('has every category', () => {
    for (const category of ['parse', 'format', 'patch']) expect(results.filter((r) => r.category === category).length).toBeGreaterThan(30);
  });

  it.each(results.map((r) => [`${r.category} #${r.index}`, r] as const))('%s', (_name, r) => {
    expect(r.detail ?? '').toBe('');
    expect(r.ok).toBe(true);
    if (r.errorExact !== undefined) expect(r.errorExact).toBe(true);
  });
});
