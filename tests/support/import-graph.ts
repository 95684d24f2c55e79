// The repository's import graph, read from the sources as text: which file imports which (static,
// `import type`, `export … from` and dynamic `import()` alike), resolved to repository paths. Bare
// specifiers (packages, node:*) are kept as they are written.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

export interface ImportEdge {
  from: string;
  /** A repository path (`lib/domain/ids.ts`) or a bare specifier (`zod`, `next/server`, `node:fs`). */
  to: string;
  typeOnly: boolean;
}

const SOURCE = /\.(ts|tsx|mts)$/;
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(join(root, d))) {
      const rel = join(d, name);
      if (name === 'node_modules' || name === 'generated' || name.startsWith('.')) continue;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (SOURCE.test(name)) out.push(rel.split('\\').join('/'));
    }
  };
  for (const d of dirs) if (existsSync(join(root, d))) walk(d);
  return out.sort();
}

function resolve(root: string, from: string, spec: string): string {
  if (!spec.startsWith('.') && !spec.startsWith('@/')) return spec;
  const base = spec.startsWith('@/') ? spec.slice(2) : normalize(join(dirname(from), spec)).split('\\').join('/');
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const p = base + ext;
    if (existsSync(join(root, p)) && statSync(join(root, p)).isFile()) return p;
  }
  return base;
}

export function importsOf(root: string, file: string): ImportEdge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const edges: ImportEdge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    // `import { type A, type B } from` is type-only too when every name is a type.
    const names = m[0].match(/\{([^}]*)\}/)?.[1];
    const allTypes = !!names && names.split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '));
    edges.push({ from: file, to: resolve(root, file, spec), typeOnly: !!m[2] || allTypes });
  }
  return edges;
}

/** Import cycles among the given files (strongly connected components of more than one file, or a file importing itself). */
export function cycles(files: string[], edges: ImportEdge[]): string[][] {
  const inSet = new Set(files);
  const next = new Map<string, string[]>();
  for (const e of edges) if (inSet.has(e.to)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (next.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return found;
}

export const repoPath = (root: string, p: string) => relative(root, p).split('\\').join('/');
