// An HTTP client for the NetBird API in tests: every 2xx response is validated against the official
// spec (the path template is found from the concrete path), every error against NetBird's
// `{message, code}` shape. Use it for all NetBird API tests so that no response escapes the check.
import { expect } from 'vitest';
import { baseUrl } from './fixtures';
import { netbirdApi } from './openapi';

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

let templates: { template: string; re: RegExp; params: number }[] | undefined;

/** The spec's path template for a concrete path ("/api/peers/abc" → "/api/peers/{peerId}"). */
export function templateFor(path: string): string | undefined {
  templates ??= Object.keys(netbirdApi().doc.paths as object).map((t) => ({
    template: t,
    re: new RegExp('^' + t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$'),
    params: (t.match(/\{/g) ?? []).length,
  }));
  const p = path.split('?')[0];
  return templates.filter((t) => t.re.test(p)).sort((a, b) => a.params - b.params)[0]?.template;
}

export function netbird(token: string | { cookie: string; origin?: string }) {
  const auth: Record<string, string> =
    typeof token === 'string' ? { Authorization: `Token ${token}` } : { Cookie: token.cookie, Origin: token.origin ?? baseUrl() };
  return async function call<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<CallResult<T>> {
    const r = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { ...auth, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...extraHeaders },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await r.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (r.status < 300) {
      const template = templateFor(path);
      if (template) {
        const op = (netbirdApi().doc.paths as any)[template]?.[method.toLowerCase()];
        if (op) netbirdApi().check(template, method, r.status, parsed);
      }
    } else {
      expect(parsed, `${method} ${path} → ${r.status}: error body`).toEqual({ message: expect.any(String), code: r.status });
    }
    return { status: r.status, body: parsed as T, headers: r.headers };
  };
}
