// What the Tailscale routes share on the HTTP side: which tailnet a path names (modern
// `/tailnet/{tailnet}` or legacy `/domain/{domain}`), the empty 200 answer of Tailscale's actions,
// and the policy file as a request body and as an answer.
import { MAX_POLICY_BYTES } from '../domain/acl/document';
import { ValidationError } from '../domain/errors';
import { policyFile } from '../dialects/tailscale/acl';
import { readText } from './body';
import { reply } from './route';

export const tailnetParam = (params: Record<string, string>) => params.tailnet ?? params.domain ?? '-';

/** Tailscale answers its device actions and deletions with 200 and no body. */
export const done = () => reply(undefined, 200);

/** A policy file is at most MAX_POLICY_BYTES (1 MiB, as any body); larger ones are 413. */
export async function readPolicyBody(req: Request): Promise<string> {
  const text = await readText(req, MAX_POLICY_BYTES);
  if (!text.trim()) throw new ValidationError('empty policy file', 'parse');
  return text;
}

/** The policy file in the shape the client accepts, with its ETag. */
export function policyReply(req: Request, doc: { text: string; etag: string }) {
  const { body, headers } = policyFile(doc, req.headers.get('accept'));
  return reply(body, 200, headers);
}
