// A user's clone has nothing beside it: no tracked file may name a path outside the repository
// (a sibling folder, a machine's home or work directory), and no relative path in code may climb
// above the repository root. Everything the tests, benchmarks and CI read is vendored
// (tests/fixtures, NOTICE).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
const textFiles = tracked.filter((f) => /\.(ts|tsx|mjs|cjs|js|json|sh|md|yml|yaml|prisma|sql|css|toml)$|(^|\/)(run|NOTICE|\.gitignore)$/.test(f));

// Built from parts so that this file does not match itself.
const sibling = ['..', 'shared'].join('/');
const FORBIDDEN = [
  new RegExp(`(^|[^.\\w])${sibling.replace(/\./g, '\\.')}`),
  new RegExp(`(^|[\\s'"\`(=:])/(${['work', 'home', 'root', 'Users', 'mnt'].join('|')})/`),
];

describe('the repository stands alone', () => {
  it('lists its tracked files', () => {
    expect(textFiles.length).toBeGreaterThan(300);
  });

  it('names no path outside the repository in any tracked file', () => {
    const hits: string[] = [];
    for (const file of textFiles) {
      readFileSync(join(root, file), 'utf8').split('\n').forEach((line, i) => {
        if (FORBIDDEN.some((re) => re.test(line))) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('climbs above the repository root with no relative path in code', () => {
    const hits: string[] = [];
    // Paths inside generated text (Prisma schema outputs) are relative to where that text lands.
    const exempt = new Set(['scripts/prisma-schemas.mjs']);
    for (const file of textFiles.filter((f) => /\.(ts|tsx|mjs|cjs|js|sh)$/.test(f) && !exempt.has(f))) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/['"`]((?:\.\.\/)+[^'"`\s]*|(?:\.\.\/)*\.\.)['"`]/g)) {
        const target = resolve(root, dirname(file), m[1]);
        if (relative(root, target).startsWith('..')) hits.push(`${file}: ${m[1]}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('detects what it looks for', () => {
    expect(FORBIDDEN[0].test(`join(ROOT, '${sibling}/specs')`)).toBe(true);
    expect(FORBIDDEN[1].test(`const f = '/${'work'}/x/y.json'`)).toBe(true);
    expect(FORBIDDEN.some((re) => re.test(`cd "$(dirname "$0")/.."`))).toBe(false);
  });
});
