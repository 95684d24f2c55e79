// Tailscale's policy-file wire format: the stored HuJSON text as `application/hujson` unless the
// client asks for `application/json` (then the parsed document without comments), always with
// the quoted ETag. Preview's query: modern `type` + `previewFor`, or the legacy `user`.
import { z } from 'zod';
import { quotedEtag } from '../../domain/acl/document';
import { toJSONValue } from '../../domain/hujson';
import { reply } from '../../http/route';

export const wantsJson = (req: Request) => /\bapplication\/json\b/i.test(req.headers.get('accept') ?? '');

export function policyResponse(req: Request, doc: { text: string; etag: string }) {
  const headers = { ETag: quotedEtag(doc.etag) };
  if (wantsJson(req)) return reply(toJSONValue(doc.text), 200, headers);
  return reply(doc.text, 200, { ...headers, 'Content-Type': 'application/hujson' });
}

export const previewQuery = z.object({
  type: z.enum(['user', 'ipport']).optional(),
  previewFor: z.string().optional(),
  user: z.string().optional(),
});
