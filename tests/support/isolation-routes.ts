// Every HTTP endpoint of the app, found by walking app/**/route.ts (not a hand-picked list), so the
// account-isolation sweep covers a route as soon as its file exists: its path template with
// [param] segments, its exported methods, and which API (dialect) it belongs to.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from './server';

export type Api = 'netbird' | 'tailscale' | 'zerotier' | 'ziti' | 'console' | 'agent' | 'other';

export interface Endpoint {
  /** e.g. /api/groups/[groupId] */
  template: string;
  method: string;
  params: string[];
  api: Api;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function routeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...routeFiles(p));
    else if (e.name === 'route.ts' || e.name === 'route.tsx') out.push(p);
  }
  return out;
}

/** The HTTP methods a route file exports: `export const GET`, `export async function GET`, `export { GET, POST } from`, `export { handler as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()!.trim();
      if (name) found.add(name);
    }
  }
  if (/export\s*\*\s*from/.test(source)) throw new Error('`export *` in a route file: the sweep cannot tell its methods');
  return METHODS.filter((m) => found.has(m));
}

export function apiOf(template: string): Api {
  if (template.startsWith('/api/v2/')) return 'tailscale';
  if (template.startsWith('/api/console/')) return 'console';
  if (template.startsWith('/api/agent/') || template === '/agent/meshdeck-agent.mjs') return 'agent';
  if (template.startsWith('/edge/client/v1')) return 'ziti';
  if (template.startsWith('/api/auth/') || template === '/api/health' || template === '/metrics') return 'other';
  if (template.startsWith('/api/')) return 'netbird';
  return 'zerotier';
}

export function allEndpoints(): Endpoint[] {
  const appDir = join(ROOT, 'app');
  const out: Endpoint[] = [];
  for (const file of routeFiles(appDir).sort()) {
    const dir = relative(appDir, file).split(sep).slice(0, -1);
    // Route groups `(name)` are not part of the URL.
    const segs = dir.filter((s) => !/^\(.*\)$/.test(s));
    const template = '/' + segs.join('/');
    const params = segs.filter((s) => s.startsWith('[')).map((s) => s.replace(/^\[(\.\.\.)?|\]$/g, ''));
    for (const method of exportedMethods(readFileSync(file, 'utf8'))) out.push({ template, method, params, api: apiOf(template) });
  }
  return out;
}

/** The template with each [param] replaced by the value `fill` gives it. */
export function fillTemplate(template: string, fill: (param: string) => string): string {
  return template.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => encodeURIComponent(fill(name)));
}
