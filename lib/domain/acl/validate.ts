// "Validate and test policy file": either a whole new document (HuJSON or JSON object) that is
// parsed, compiled and tested, or a list of tests run against the stored document. Nothing is
// saved. The verdict is data, not an error: `{}` when all is well, else Tailscale's
// `{"message": ..., "data": [{"user": src, "errors": [...]}]}`.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { getAclDocument } from './document';
import { parsePolicyText } from './policy-text';
import { accountTopology } from './topology';
import { DomainError, ValidationError } from '../errors';
import { toJSONValue } from '../hujson';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '../policy/tailscale/compile';
import type { PolicyDoc } from '../policy/tailscale/document';
import { testAssertions } from './check';

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
  const out: TestFailure[] = [];
  let last: { test: number; failure: TestFailure } | undefined;
  for (const a of testAssertions(policy, tests)) {
    if (a.pass) continue;
    if (last?.test !== a.test) out.push((last = { test: a.test, failure: { user: a.src, errors: [] } }).failure);
    last.failure.errors.push(`address ${JSON.stringify(a.dst)}: want: ${a.want === 'accept' ? 'Accept, got: Drop' : 'Drop, got: Accept'}`);
  }
  return out;
}
