// An HTTP client for meshdeck's ZeroTier API in tests. Every 2xx JSON answer of a path the official
// service spec describes is validated against it; every error must be ZeroTier's error shape as
// meshdeck sends it (`{message}`). The spec's schemas list properties without requiring any, so
// they are read more strictly here: the properties meshdeck always sends are required (see ERRATA).
import { expect } from 'vitest';
import { baseUrl } from './fixtures';
import { OpenApi } from './openapi';

type Json = Record<string, any>;

/**
 * Reading of ZeroTier's spec used here:
 * - OpenAPI 3.0's `nullable: true` becomes JSON Schema's `type: [t, "null"]` (routes' `via`).
 * - Properties meshdeck always answers with are required, so a missing field fails a test; the
 *   ones it leaves out on purpose (documented in docs/zerotier.md) stay optional: remoteTraceTarget
 *   when unset (ZeroTier sends null, the spec says string), a member's `identity` (unknown until the
 *   node contacts the controller), a route's `via` in the service view.
 */
function errata(doc: Json) {
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const o = node as Json;
    if (o.nullable === true && typeof o.type === 'string') {
      o.type = [o.type, 'null'];
      delete o.nullable;
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(doc);
  const s = doc.components.schemas;
  const allBut = (schema: Json, except: string[]) => Object.keys(schema.properties).filter((k) => !except.includes(k));
  s.ControllerStatus.required = allBut(s.ControllerStatus, []);
  s.ControllerNetwork.required = allBut(s.ControllerNetwork, ['remoteTraceTarget']);
  s.ControllerNetworkMember.required = allBut(s.ControllerNetworkMember, ['identity']);
  s.Status.required = allBut(s.Status, []);
  s.Network.allOf[1].required = allBut(s.Network.allOf[1], []);
  s.Peer.required = allBut(s.Peer, []);
  s.Peer.properties.paths.items.required = Object.keys(s.Peer.properties.paths.items.properties);
  s.Network.allOf[1].properties.routes.items.required = ['target', 'flags', 'metric'];
}

let spec: OpenApi | undefined;
export const zerotierApi = () => (spec ??= new OpenApi('zerotier-service-v1.openapi.json', errata));

let templates: { template: string; re: RegExp; params: number }[] | undefined;

export function ztTemplateFor(path: string): string | undefined {
  templates ??= Object.keys(zerotierApi().doc.paths as object).map((t) => ({
    template: t,
    re: new RegExp('^' + t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$'),
    params: (t.match(/\{/g) ?? []).length,
  }));
  const p = path.split('?')[0];
  return templates.filter((t) => t.re.test(p)).sort((a, b) => a.params - b.params)[0]?.template;
}

export interface ZtResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export type AuthStyle = 'header' | 'query' | 'bearer';

/** Calls the ZeroTier API with the token in one of ZeroTier's styles (X-ZT1-Auth by default). */
export function zt(token: string | null, style: AuthStyle = 'header') {
  return async function call<T = any>(method: string, path: string, body?: unknown): Promise<ZtResult<T>> {
    const headers: Record<string, string> = {};
    let url = `${baseUrl()}${path}`;
    if (token !== null) {
      if (style === 'header') headers['X-ZT1-Auth'] = token;
      else if (style === 'bearer') headers.Authorization = `Bearer ${token}`;
      else url += `${path.includes('?') ? '&' : '?'}auth=${encodeURIComponent(token)}`;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(url, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await r.text();
    let parsed: unknown = undefined;
    const json = (r.headers.get('content-type') ?? '').includes('application/json');
    if (json && text) parsed = JSON.parse(text);
    if (r.status < 300) {
      if (json) {
        const template = ztTemplateFor(path);
        const op = template ? (zerotierApi().doc.paths as Json)[template]?.[method.toLowerCase()] : undefined;
        if (op) zerotierApi().check(template!, method, r.status, parsed);
      }
    } else {
      expect(json, `${method} ${path} → ${r.status}: JSON error body`).toBe(true);
      expect(parsed, `${method} ${path} → ${r.status}: error body`).toEqual({ message: expect.any(String) });
    }
    return { status: r.status, body: parsed as T, text, headers: r.headers };
  };
}
