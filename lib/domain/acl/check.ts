// Checking a policy text against a given topology with no database: the HuJSON syntax, Tailscale's
// semantics and the document's `tests`, each problem placed at a line and column of the text. Only
// pure modules are imported, so the console runs this very code in a web worker for live markers
// while the server runs it for validation and saving: one engine, one verdict.
import { ValidationError } from '../errors';
import { HujsonSyntaxError, lineLocator, parse, toJSONValue } from '../hujson';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '../policy/tailscale/compile';
import type { PolicyDoc } from '../policy/tailscale/document';
import { runPolicyTests } from '../policy/tailscale/tests';
import type { Topology } from '../policy/tailscale/topology';

/** The JSON value of a policy text; not an object → the message Go's decoder gives. */
export function parsePolicyText(text: string): PolicyDoc {
  const value = toJSONValue(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'string' ? 'string' : typeof value;
    throw new ValidationError(`json: cannot unmarshal ${kind} into Go value of type policy.ACLPolicy`, 'value');
  }
  return value as PolicyDoc;
}

export interface PolicyProblem {
  message: string;
  /** 1-based, as editors count. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One destination of one entry of `tests`: must be accepted (or denied) for its source. */
export interface TestAssertion {
  test: number;
  src: string;
  proto?: string;
  want: 'accept' | 'deny';
  dst: string;
  pass: boolean;
  line: number;
}

export interface PolicyCheck {
  /** Standard JSON of the document (what the engine reads), or null on a syntax error. */
  json: string | null;
  problems: PolicyProblem[];
  tests: TestAssertion[];
}

const lineEnd = (text: string, line: number) => (text.split('\n')[line - 1] ?? '').length + 1;

function problemAt(text: string, message: string, line: number, column = 1): PolicyProblem {
  return { message, line, column, endLine: line, endColumn: Math.max(column + 1, lineEnd(text, line)) };
}

/**
 * Where a semantic message points: the first quoted name it mentions (`tag not found: "tag:x"`)
 * as a JSON string in the text, else the section it names (`acls`, `tests`...), else line 1.
 */
export function locateMessage(text: string, message: string): { line: number; column: number; length: number } {
  const names = [...message.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  const candidates = [...names.reverse().map((n) => JSON.stringify(n)), ...names.map((n) => n)];
  const section = /^(\w+)[=:\s[]/.exec(message)?.[1];
  if (section) candidates.push(`"${section}"`);
  for (const needle of candidates) {
    const at = needle.length > 2 ? text.indexOf(needle) : -1;
    if (at < 0) continue;
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return { line, column: at - before.lastIndexOf('\n'), length: needle.length };
  }
  return { line: 1, column: 1, length: 0 };
}

/** Every assertion of `tests`, run alone against the policy compiled without its tests. */
export function testAssertions(policy: CompiledTailscalePolicy, tests: unknown, lineOf: (pointer: string) => number | undefined = () => undefined): TestAssertion[] {
  if (!Array.isArray(tests)) return [];
  const out: TestAssertion[] = [];
  tests.forEach((t, i) => {
    if (!t || typeof t !== 'object') return;
    const test = t as Record<string, unknown>;
    const src = typeof test.src === 'string' ? test.src : '';
    const base = { src: test.src, ...(test.proto !== undefined ? { proto: test.proto } : {}) };
    const passes = (one: Record<string, unknown>) => runPolicyTests({ ...policy, doc: { ...policy.doc, tests: [one] } });
    for (const want of ['accept', 'deny'] as const) {
      const list = test[want];
      if (!Array.isArray(list)) continue;
      list.forEach((d, j) => {
        out.push({
          test: i,
          src,
          ...(test.proto !== undefined ? { proto: String(test.proto) } : {}),
          want,
          dst: String(d),
          pass: passes({ ...base, [want]: [d] }),
          line: lineOf(`/tests/${i}/${want}/${j}`) ?? lineOf(`/tests/${i}`) ?? 1,
        });
      });
    }
  });
  return out;
}

/** The whole check the console shows and the server enforces (see checkPolicyText). */
export function checkPolicy(text: string, topology: Topology): PolicyCheck {
  let doc: PolicyDoc;
  try {
    doc = parsePolicyText(text);
  } catch (e) {
    if (e instanceof HujsonSyntaxError) return { json: null, problems: [problemAt(text, e.message, e.line, e.column)], tests: [] };
    if (e instanceof ValidationError) return { json: null, problems: [problemAt(text, e.message, 1)], tests: [] };
    throw e;
  }
  const json = JSON.stringify(doc, null, 2);
  const bare = compileTailscalePolicy({ ...doc, tests: undefined, sshTests: undefined }, topology);
  if (isCompileError(bare)) return { json, problems: [located(text, bare.error)], tests: [] };
  // Line numbers cost a second parse: only documents with tests need them.
  let locate: ((pointer: string) => number | undefined) | undefined;
  const lineOf = (pointer: string) => (locate ??= lineLocator(parse(text)))(pointer);
  const tests = testAssertions(bare, doc.tests, lineOf);
  // Without tests the full compile is the bare one: skip it (this check runs on every keystroke).
  const full = doc.tests === undefined && doc.sshTests === undefined ? bare : compileTailscalePolicy(doc, topology);
  if (!isCompileError(full)) return { json, problems: [], tests };
  const failed = tests.filter((t) => !t.pass);
  if (full.error === 'test(s) failed' && failed.length) {
    const problems = failed.map((t) => problemAt(text, `test(s) failed: ${t.src} → ${t.dst}: want ${t.want === 'accept' ? 'Accept, got Drop' : 'Drop, got Accept'}`, t.line));
    return { json, problems, tests };
  }
  if (full.error === 'test(s) failed' && doc.sshTests !== undefined) return { json, problems: [problemAt(text, full.error, lineOf('/sshTests') ?? 1)], tests };
  return { json, problems: [located(text, full.error)], tests };
}

function located(text: string, message: string): PolicyProblem {
  const at = locateMessage(text, message);
  if (!at.length) return problemAt(text, message, at.line, at.column);
  return { message, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + at.length };
}
