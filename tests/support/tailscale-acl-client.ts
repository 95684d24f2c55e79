// A client for the Tailscale policy-file endpoints in tests. Unlike tailscale-client.ts it sends
// raw HuJSON/JSON bodies with the headers these endpoints read (Accept, If-Match, Content-Type),
// and validates each 2xx against the spec's schema for the media type actually answered
// (`application/hujson`: a string; `application/json`: the JSON schema), every ETag's shape, and
// every error against Tailscale's `{"message": "..."}`.
import { expect } from 'vitest';
import { baseUrl } from './fixtures';
import { tailscaleApi, templateFor } from './tailscale-client';

type Json = Record<string, unknown>;

export interface AclResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface AclRequest {
  body?: string | object;
  accept?: 'json' | 'hujson';
  ifMatch?: string;
  contentType?: string;
}

function mediaSchema(template: string, method: string, status: number, media: string): Json | undefined {
  const op = ((tailscaleApi().doc.paths as Json)[template] as Json)[method.toLowerCase()] as Json;
  const res = (op.responses as Json)[String(status)] as Json | undefined;
  expect(res, `${method} ${template}: spec has no ${status} response`).toBeDefined();
  return ((res!.content as Json | undefined)?.[media] as Json | undefined)?.schema as Json | undefined;
}

export function tailscaleAcl(token: string) {
  const auth = `Basic ${Buffer.from(`${token}:`).toString('base64')}`;
  return async function call<T = any>(method: string, path: string, opts: AclRequest = {}): Promise<AclResult<T>> {
    const headers: Record<string, string> = { Authorization: auth };
    if (opts.accept) headers.Accept = opts.accept === 'json' ? 'application/json' : 'application/hujson';
    if (opts.ifMatch !== undefined) headers['If-Match'] = opts.ifMatch;
    const raw = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    if (raw !== undefined) headers['Content-Type'] = opts.contentType ?? (typeof opts.body === 'string' ? 'application/hujson' : 'application/json');
    const r = await fetch(`${baseUrl()}${path}`, { method, headers, body: raw });
    const text = await r.text();
    const type = r.headers.get('content-type') ?? '';
    let body: unknown = text;
    if (type.includes('application/json')) body = JSON.parse(text);
    if (r.status < 300) {
      const template = templateFor(path);
      expect(template, `${method} ${path}: not a path of the Tailscale spec`).toBeDefined();
      if (type.includes('application/hujson')) {
        const schema = mediaSchema(template!, method, r.status, 'application/hujson');
        expect(schema, `${method} ${path}: spec documents no HuJSON answer`).toEqual({ type: 'string' });
        expect(typeof body).toBe('string');
      } else {
        expect(type, `${method} ${path}: content type`).toContain('application/json');
        tailscaleApi().check(template!, method, r.status, body);
      }
    } else {
      expect(type).toContain('application/json');
      expect(body, `${method} ${path} → ${r.status}: error body`).toEqual({ message: expect.any(String) });
    }
    if (r.status < 300 && templateFor(path) === '/tailnet/{tailnet}/acl') expect(r.headers.get('etag'), `${method} ${path}: ETag`).toMatch(/^"[0-9a-f]{64}"$/);
    return { status: r.status, body: body as T, text, headers: r.headers };
  };
}
