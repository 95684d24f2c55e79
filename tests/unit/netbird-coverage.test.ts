// Every endpoint and method of NetBird's API reference (the seed document the product was specified
// from) has a route handler here. Behaviour is tested per area in tests/api/netbird-*.test.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const seed = join(root, '../shared/seeds/003_6a8d7d68c2113f31.txt');

/** "METHOD\n/api/path" pairs as the reference lists them above each example. */
function seedEndpoints(): string[] {
  const lines = readFileSync(seed, 'utf8').split('\n').map((l) => l.trim());
  const out = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    if (/^(GET|POST|PUT|DELETE|PATCH)$/.test(lines[i - 1]) && lines[i].startsWith('/api/')) out.add(`${lines[i - 1]} ${lines[i]}`);
  }
  return [...out].sort();
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

describe('NetBird API reference coverage', () => {
  const endpoints = existsSync(seed) ? seedEndpoints() : [];

  it('finds the reference', () => {
    expect(endpoints.length).toBeGreaterThan(60);
  });

  it.each(endpoints)('%s has a handler', (endpoint) => {
    const [method, path] = endpoint.split(' ');
    const file = routeFile(path);
    expect(file, `no route.ts for ${path}`).toBeDefined();
    expect(readFileSync(file!, 'utf8')).toMatch(new RegExp(`export const ${method}\\b|as ${method}\\b`));
  });
});
