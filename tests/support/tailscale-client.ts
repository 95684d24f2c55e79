// An HTTP client for the Tailscale API v2 in tests: every 2xx response is validated against the
// official spec (paths there are relative to /api/v2; the legacy /domain/{domain}/... paths are
// checked as their /tailnet/{tailnet}/... twins), a 200 the spec documents without content must be
// empty, and every error must be Tailscale's `{"message": "..."}`.
import { expect } from 'vitest';
import { sendJson, type CallResult } from './http';
import { OpenApi } from './openapi';

type Json = Record<string, unknown>;

/**
 * Test-only tightening: the spec's objects name their fields but do not forbid others, so a
 * misspelt or invented field would pass. Here every object schema that lists properties and says
 * nothing about others accepts only the listed ones.
 */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (!node || typeof node !== 'object') return;
  const o = node as Json;
  if (o.properties && typeof o.properties === 'object' && o.additionalProperties === undefined) o.additionalProperties = false;
  for (const v of Object.values(o)) closeObjects(v);
}

function strict(doc: Json) {
  closeObjects((doc.components as Json).schemas);
  for (const item of Object.values(doc.paths as Json)) {
    for (const op of Object.values(item as Json)) closeObjects((op as Json)?.responses);
  }
}

let spec: OpenApi | undefined;
export const tailscaleApi = () => (spec ??= new OpenApi('tailscale-v2.openapi.yaml', strict));

/** The spec's template for a concrete path ("/api/v2/device/abc/tags" → "/device/{deviceId}/tags"). */
export const templateFor = (path: string) => tailscaleApi().templateFor(path.replace(/^\/api\/v2/, '').replace(/^\/domain\//, '/tailnet/'));

export type { CallResult } from './http';

/** Basic auth with the token as user name (Tailscale's `curl -u "<token>:"`), or a Bearer token. */
export function tailscale(token: string, style: 'basic' | 'bearer' = 'basic') {
  const auth = style === 'basic' ? `Basic ${Buffer.from(`${token}:`).toString('base64')}` : `Bearer ${token}`;
  return async function call<T = any>(method: string, path: string, body?: unknown): Promise<CallResult<T>> {
    const r = await sendJson<T>(method, path, { Authorization: auth }, body);
    if (r.status < 300) {
      const template = templateFor(path);
      expect(template, `${method} ${path}: not a path of the Tailscale spec`).toBeDefined();
      const api = tailscaleApi();
      if (api.responseSchema(template!, method, r.status)) api.check(template!, method, r.status, r.body);
      else expect(r.body, `${method} ${path} → ${r.status}: the spec documents no body`).toBeUndefined();
    } else {
      expect(r.body, `${method} ${path} → ${r.status}: error body`).toEqual({ message: expect.any(String) });
    }
    return r;
  };
}
