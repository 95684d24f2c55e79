// The console's live check (lib/domain/acl/check.ts), the very code its web worker runs: syntax
// errors at the parser's line/column, semantic errors at the offending name, every test assertion
// with pass/fail and its line, and the standard JSON. Also: a 5,000-line document checks quickly.
import { describe, expect, it } from 'vitest';
import { checkPolicy, locateMessage } from '@/lib/domain/acl/check';
import { topologyFromRows } from '@/lib/domain/acl/topology';
import { policyDocument } from '../support/hujson-policy';

const topology = topologyFromRows(
  [
    { id: 'u1', email: 'odin@example.com', role: 'owner', isServiceUser: false },
    { id: 'u2', email: 'thor@example.com', role: 'user', isServiceUser: false },
  ],
  [
    { id: 'p1', name: 'odin-laptop', hostname: 'odin-laptop', userId: 'u1', ip: '100.64.0.1', ipv6: '', tags: '[]', advertisedRoutes: '[]', enabledRoutes: '[]' },
    { id: 'p2', name: 'db', hostname: 'db', userId: 'u1', ip: '100.64.0.2', ipv6: '', tags: '["tag:db"]', advertisedRoutes: '[]', enabledRoutes: '[]' },
  ],
);

const GOOD = `// comment
{
	"tagOwners": {"tag:db": ["odin@example.com"]},
	"hosts": {"db": "100.64.0.2"},
	"acls": [
		{"action": "accept", "src": ["odin@example.com"], "dst": ["tag:db:5432"]}, // trailing comma next
	],
	"tests": [
		{"src": "odin@example.com", "accept": ["db:5432"], "deny": ["db:22"]},
	],
}
`;

describe('acl check (live validation)', () => {
  it('accepts a good HuJSON document: standard JSON, no problems, every assertion passing with its line', () => {
    const c = checkPolicy(GOOD, topology);
    expect(c.problems).toEqual([]);
    expect(JSON.parse(c.json!)).toMatchObject({ hosts: { db: '100.64.0.2' }, acls: [{ action: 'accept' }] });
    expect(c.json).not.toContain('//');
    expect(c.tests).toEqual([
      { test: 0, src: 'odin@example.com', want: 'accept', dst: 'db:5432', pass: true, line: 9 },
      { test: 0, src: 'odin@example.com', want: 'deny', dst: 'db:22', pass: true, line: 9 },
    ]);
  });

  it('places a syntax error at the parser’s line and column and gives no JSON', () => {
    const c = checkPolicy('{\n  "acls": [\n    {"action": accept}\n  ]\n}\n', topology);
    expect(c.json).toBeNull();
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toMatchObject({ line: 3, column: 16 });
    expect(c.problems[0].message).toMatch(/^hujson: line 3, column 16: invalid literal/);
  });

  it('places a semantic error on the name it mentions', () => {
    const text = GOOD.replace('"tag:db:5432"', '"tag:nope:5432"');
    const c = checkPolicy(text, topology);
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0].message).toContain('tag:nope');
    expect(c.problems[0].line).toBe(6);
    expect(text.split('\n')[5].slice(c.problems[0].column - 1, c.problems[0].endColumn - 1)).toContain('tag:nope');
  });

  it('falls back to line 1 when the message names nothing in the text', () => {
    expect(locateMessage('{}', 'something odd')).toEqual({ line: 1, column: 1, length: 0 });
  });

  it('reports a failing test per assertion, at the assertion’s line, as the problem blocking a save', () => {
    const text = GOOD.replace('"deny": ["db:22"]', '"deny": [\n\t\t\t"db:5432",\n\t\t]');
    const c = checkPolicy(text, topology);
    expect(c.tests.map((t) => [t.dst, t.want, t.pass, t.line])).toEqual([
      ['db:5432', 'accept', true, 9],
      ['db:5432', 'deny', false, 10],
    ]);
    expect(c.problems).toEqual([expect.objectContaining({ line: 10, message: expect.stringContaining('test(s) failed') })]);
  });

  it('rejects a document that is not an object, at line 1', () => {
    const c = checkPolicy('[1, 2]', topology);
    expect(c.problems[0]).toMatchObject({ line: 1, message: 'json: cannot unmarshal array into Go value of type policy.ACLPolicy' });
  });

  it('checks a 5,000-line document fast enough for live markers', () => {
    const text = policyDocument(5000);
    expect(text.split('\n').length).toBeGreaterThanOrEqual(5000);
    // Best of three, with a loose bound: the speed figure itself is `npm run bench -- policy`
    // (validate a 5,000-line document); this only catches an accidental blow-up.
    const times = [0, 1, 2].map(() => {
      const started = performance.now();
      expect(checkPolicy(text, topology).problems).toEqual([]);
      return performance.now() - started;
    });
    expect(Math.min(...times)).toBeLessThan(2000);
  });
});
