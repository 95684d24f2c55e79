// An HTTP client for the NetBird API in tests: every 2xx response is validated against the official
// spec (the path template is found from the concrete path), every error against NetBird's
// `{message, code}` shape. Use it for all NetBird API tests so that no response escapes the check.
import { expect } from 'vitest';
import { baseUrl } from './fixtures';
import { sendJson, type CallResult } from './http';
import { netbirdApi } from './openapi';

export type { CallResult } from './http';

/** The spec's path template for a concrete path ("/api/peers/abc" → "/api/peers/{peerId}"). */
export const templateFor = (path: string) => netbirdApi().templateFor(path);

export function netbird(token: string | { cookie: string; origin?: string }) {
  const auth: Record<string, string> =
    typeof token === 'string' ? { Authorization: `Token ${token}` } : { Cookie: token.cookie, Origin: token.origin ?? baseUrl() };
  return async function call<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<CallResult<T>> {
    const r = await sendJson<T>(method, path, { ...auth, ...extraHeaders }, body);
    if (r.status < 300) {
      const template = templateFor(path);
      if (template && (netbirdApi().doc.paths as any)[template]?.[method.toLowerCase()]) netbirdApi().check(template, method, r.status, r.body);
    } else {
      expect(r.body, `${method} ${path} → ${r.status}: error body`).toEqual({ message: expect.any(String), code: r.status });
    }
    return r;
  };
}
