// Reading request bodies: size-capped, JSON-parsed, schema-checked. Every failure is a ValidationError
// or PayloadTooLargeError raised before any domain code runs, so nothing is written.
import { z } from 'zod';
import { PayloadTooLargeError, ValidationError } from '../domain/errors';

export const DEFAULT_MAX_BODY = 1024 * 1024;

export async function readText(req: Request, max = DEFAULT_MAX_BODY): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > max) throw new PayloadTooLargeError(`request body too large (limit ${max} bytes)`);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new PayloadTooLargeError(`request body too large (limit ${max} bytes)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): unknown {
  if (!text.trim()) throw new ValidationError("couldn't parse JSON request: body is empty", 'parse');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValidationError(`couldn't parse JSON request: ${(e as Error).message}`, 'parse');
  }
}

function issuePath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** Checks a value against a schema; wrong JSON types are `type` errors, the rest `value` errors. */
export function check<S extends z.ZodType>(schema: S, value: unknown, what: 'body' | 'query'): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const path = issuePath(first.path);
  const kind = r.error.issues.some((i) => i.code === 'invalid_type') ? 'type' : 'value';
  const message = r.error.issues
    .slice(0, 5)
    .map((i) => {
      const p = issuePath(i.path);
      return p ? `${p}: ${i.message}` : `${what}: ${i.message}`;
    })
    .join('; ');
  throw new ValidationError(`invalid ${what}: ${message}`, kind, path || undefined);
}
