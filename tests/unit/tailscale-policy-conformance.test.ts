// The vendored captures of Tailscale's decisions (tests/fixtures/conformance): pass rates may not drop.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapture, tally, type CaptureRecord } from '@/lib/domain/policy/tailscale/conformance';

const dir = resolve(import.meta.dirname, '../fixtures/conformance/tailscale-policy');

// Pass rates reached with those captures.
const MINIMUM: Record<string, number> = { acl: 1, policytest: 1, grant: 1, routes: 1, ssh: 1, sshtest: 1, nodeattrs: 1 };

describe('Tailscale policy conformance captures', () => {
  it('pass rates per category stay at or above the recorded level', () => {
    const outcomes = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()))
      .map((line) => runCapture(JSON.parse(line) as CaptureRecord));
    const totals = tally(outcomes);
    expect(totals.get('acl')?.passed).toBeGreaterThan(0);
    expect(totals.get('policytest')?.passed).toBeGreaterThan(0);
    for (const [category, t] of totals) {
      const rate = t.passed / (t.passed + t.failed);
      const failing = outcomes.filter((o) => o.category === category && !o.passed).map((o) => `${o.id}: ${o.diff}`);
      expect(rate, `${category} failures:\n${failing.join('\n')}`).toBeGreaterThanOrEqual(MINIMUM[category] ?? 0);
    }
  });
});
