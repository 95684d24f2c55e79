// Tailscale's policy-file wire format: the stored HuJSON text as `application/hujson` unless the
// client asks for `application/json` (then the parsed document without comments), always with
// the quoted ETag. Preview's query: modern `type` + `previewFor`, or the legacy `user`.
import { z } from 'zod';
import { quotedEtag } from '../../domain/acl/document';
import { toJSONValue } from '../../domain/hujson';

const wantsJson = (accept: string | null) => /\bapplication\/json\b/i.test(accept ?? '');

/** The answer's body and headers for a policy document, given the request's Accept header. */
export function policyFile(doc: { text: string; etag: string }, accept: string | null): { body: unknown; headers: Record<string, string> } {
  const headers = { ETag: quotedEtag(doc.etag) };
  if (wantsJson(accept)) return { body: toJSONValue(doc.text), headers };
  return { body: doc.text, headers: { ...headers, 'Content-Type': 'application/hujson' } };
}

export const previewQuery = z.object({
  type: z.enum(['user', 'ipport']).optional(),
  previewFor: z.string().optional(),
  user: z.string().optional(),
});
