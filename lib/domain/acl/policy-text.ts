// Reading and checking a submitted access-policy document: HuJSON syntax first (Go's hujson
// message with line and column), then Tailscale's semantics against the account's real topology,
// with Tailscale's exact rejection messages. Nothing here writes.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { accountTopology } from './topology';
import { ValidationError } from '../errors';
import { parsePolicyText } from './check';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '../policy/tailscale/compile';
import type { PolicyDoc } from '../policy/tailscale/document';
import type { Topology } from '../policy/tailscale/topology';

export { parsePolicyText };

/** Compiles against the topology; a rejection (including failed tests) is a ValidationError. */
export function compileOrThrow(doc: PolicyDoc, topology: Topology): CompiledTailscalePolicy {
  const result = compileTailscalePolicy(doc, topology);
  if (isCompileError(result)) throw new ValidationError(result.error, 'value');
  return result;
}

/** Parses and fully validates a document for saving; returns its JSON value. */
export async function checkPolicyText(db: Tx, actor: Actor, text: string): Promise<PolicyDoc> {
  const doc = parsePolicyText(text);
  compileOrThrow(doc, await accountTopology(db, actor));
  return doc;
}
