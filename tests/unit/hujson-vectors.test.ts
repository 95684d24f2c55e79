// Go's tailscale/hujson test tables (parse, format, patch), re-encoded in tests/fixtures/conformance, run against lib/domain/hujson: outputs must match byte for byte, errors word for word.
import { describe, expect, it } from 'vitest';
import { VECTORS_FILE, loadVectors, runVectors } from '../support/hujson-vectors';

describe('hujson conformance vectors', () => {
  const results = runVectors(loadVectors(VECTORS_FILE));

  it('has every category', () => {
    for (const category of ['parse', 'format', 'patch']) expect(results.filter((r) => r.category === category).length).toBeGreaterThan(30);
  });

  it.each(results.map((r) => [`${r.category} #${r.index}`, r] as const))('%s', (_name, r) => {
    expect(r.detail ?? '').toBe('');
    expect(r.ok).toBe(true);
    if (r.errorExact !== undefined) expect(r.errorExact).toBe(true);
  });
});
