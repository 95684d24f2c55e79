// Every operation of NetBird's OpenAPI spec (vendored in tests/fixtures/specs) has a route handler
// here, except the cloud-only and experimental ones (their tags say `x-cloud-only` or
// `x-experimental`: billing, MSP, EDR, IdP sync, remote jobs) and the few self-hosted ones listed in
// NOT_SERVED_*, which the README names as not supported yet. A served operation left in that list fails too, so the list cannot go stale. Behaviour is
// tested per area in tests/api/netbird-*.test.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../..');
const specFile = join(root, 'tests/fixtures/specs/netbird-management.openapi.yml');

/**
 * Self-hosted operations meshdeck does not serve yet (README: "What is not supported yet"): whole
 * families by path prefix, and single operations.
 */
const NOT_SERVED_FAMILIES = ['/api/instance', '/api/setup', '/api/users/invites', '/api/dns/zones', '/api/identity-providers', '/api/reverse-proxies', '/api/agent-network'];
const NOT_SERVED_SINGLE = new Set(['PUT /api/users/{userId}/password', 'GET /api/events/proxy']);
const inFamily = (path: string, family: string) => path === family || path.startsWith(`${family}/`);
const notServed = (endpoint: string) =>
  NOT_SERVED_SINGLE.has(endpoint) || NOT_SERVED_FAMILIES.some((family) => inFamily(endpoint.split(' ')[1], family));

interface Operation { endpoint: string; optional: boolean }

/** "METHOD /api/path" of every operation in the spec, and whether all of its tags are cloud-only or experimental (not required here). */
function specOperations(): Operation[] {
  type Tag = { name: string; 'x-cloud-only'?: boolean; 'x-experimental'?: boolean };
  const doc = parse(readFileSync(specFile, 'utf8'), { maxAliasCount: -1 }) as { tags: Tag[]; paths: Record<string, Record<string, { tags?: string[] }>> };
  const notSelfHosted = new Set(doc.tags.filter((t) => t['x-cloud-only'] || t['x-experimental']).map((t) => t.name));
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      const tags = op.tags ?? [];
      out.push({ endpoint: `${method.toUpperCase()} ${path}`, optional: tags.length > 0 && tags.every((t) => notSelfHosted.has(t)) });
    }
  }
  return out;
}

/** The route file serving a path: literal folders first, else the `[param]` folder of that level. */
function routeFile(path: string): string | undefined {
  let dir = join(root, 'app');
  for (const seg of path.split('/').filter(Boolean)) {
    if (!seg.startsWith('{') && existsSync(join(dir, seg))) {
      dir = join(dir, seg);
      continue;
    }
    const param = readdirSync(dir, { withFileTypes: true }).find((d) => d.isDirectory() && /^\[[^.]+\]$/.test(d.name));
    if (!param) return undefined;
    dir = join(dir, param.name);
  }
  const file = join(dir, 'route.ts');
  return existsSync(file) ? file : undefined;
}

function served(endpoint: string): boolean {
  const [method, path] = endpoint.split(' ');
  const file = routeFile(path);
  return !!file && new RegExp(`export const ${method}\\b|as ${method}\\b`).test(readFileSync(file, 'utf8'));
}

describe("NetBird OpenAPI spec coverage", () => {
  const operations = specOperations();
  const selfHosted = operations.filter((o) => !o.optional).map((o) => o.endpoint).filter((e) => !notServed(e));

  it('reads the spec', () => {
    expect(operations.length).toBeGreaterThan(200);
    expect(selfHosted.length).toBeGreaterThan(70);
  });

  it.each(selfHosted)('%s has a handler', (endpoint) => {
    expect(served(endpoint), `no handler for ${endpoint}`).toBe(true);
  });

  it('lists as not served only operations of the spec that have no handler', () => {
    const inSpec = new Set(operations.map((o) => o.endpoint));
    for (const endpoint of NOT_SERVED_SINGLE) expect(inSpec.has(endpoint), `${endpoint} is not in the spec`).toBe(true);
    for (const prefix of NOT_SERVED_FAMILIES) expect([...inSpec].some((e) => inFamily(e.split(' ')[1], prefix)), `no ${prefix} in the spec`).toBe(true);
    for (const endpoint of inSpec) {
      if (notServed(endpoint)) expect(served(endpoint), `${endpoint} is served now: take it out of the not-served lists and the README`).toBe(false);
    }
  });
});
