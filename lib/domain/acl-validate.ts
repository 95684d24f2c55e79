// "Validate and test policy file": either a whole new document (HuJSON or JSON object) that is
// parsed, compiled and tested, or a list of tests run against the stored document. Nothing is
// saved. The verdict is data, not an error: `{}` when all is well, else Tailscale's
// `{"message": ..., "data": [{"user": src, "errors": [...]}]}`.
import type { Tx } from '../db/client';
import type { Actor } from './actor';
import { getAclDocument } from './acl-document';
import { parsePolicyText } from './acl-policy';
import { accountTopology } from './acl-topology';
import { DomainError, ValidationError } from './errors';
import { toJSONValue } from './hujson';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from './policy/tailscale/compile';
import type { PolicyDoc } from './policy/tailscale/document';
import { runPolicyTests } from './policy/tailscale/tests';

export interface TestFailure {
  user: string;
  errors: string[];
}

export type ValidationVerdict = Record<string, never> | { message: string; data?: TestFailure[] };

/** The request body: a JSON array of tests, or a policy document (HuJSON or JSON object). */
export async function validatePolicy(db: Tx, actor: Actor, text: string): Promise<ValidationVerdict> {
  let value: unknown;
  try {
    value = toJSONValue(text);
  } catch (e) {
    if (e instanceof ValidationError) return { message: e.message };
    throw e;
  }
  if (Array.isArray(value)) {
    const stored = parsePolicyText((await getAclDocument(db, actor)).text);
    return verdict({ ...stored, tests: value, sshTests: undefined }, await accountTopology(db, actor));
  }
  let doc: PolicyDoc;
  try {
    doc = parsePolicyText(text);
  } catch (e) {
    if (e instanceof DomainError) return { message: e.message };
    throw e;
  }
  return verdict(doc, await accountTopology(db, actor));
}

function verdict(doc: PolicyDoc, topology: Parameters<typeof compileTailscalePolicy>[1]): ValidationVerdict {
  const result = compileTailscalePolicy(doc, topology);
  if (!isCompileError(result)) return {};
  if (result.error !== 'test(s) failed') return { message: result.error };
  // Compile without the tests, then run each destination of each test alone to say what failed.
  const bare = compileTailscalePolicy({ ...doc, tests: undefined, sshTests: undefined }, topology);
  if (isCompileError(bare)) return { message: bare.error };
  const data = testFailures(bare, doc.tests);
  return data.length ? { message: result.error, data } : { message: result.error };
}

function testFailures(policy: CompiledTailscalePolicy, tests: unknown): TestFailure[] {
  if (!Array.isArray(tests)) return [];
  const out: TestFailure[] = [];
  for (const t of tests) {
    if (!t || typeof t !== 'object') continue;
    const test = t as Record<string, unknown>;
    const src = typeof test.src === 'string' ? test.src : '';
    const passes = (one: Record<string, unknown>) => runPolicyTests({ ...policy, doc: { ...policy.doc, tests: [one] } });
    const errors: string[] = [];
    const base = { src: test.src, ...(test.proto !== undefined ? { proto: test.proto } : {}) };
    for (const d of Array.isArray(test.accept) ? test.accept : []) {
      if (!passes({ ...base, accept: [d] })) errors.push(`address ${JSON.stringify(String(d))}: want: Accept, got: Drop`);
    }
    for (const d of Array.isArray(test.deny) ? test.deny : []) {
      if (!passes({ ...base, deny: [d] })) errors.push(`address ${JSON.stringify(String(d))}: want: Drop, got: Accept`);
    }
    if (errors.length) out.push({ user: src, errors });
  }
  return out;
}
