// The layering of docs/architecture.md, checked on the sources: which folder may import which, no
// import cycles in lib/, and route files that only parse, call the domain and shape the answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importsOf, sourceFiles, type ImportEdge } from '../support/import-graph';

const ROOT = join(__dirname, '../..');
const files = sourceFiles(ROOT, ['lib', 'app', 'components', 'agent']);
const edges = files.flatMap((f) => importsOf(ROOT, f));
const show = (list: ImportEdge[]) => list.map((e) => `${e.from} -> ${e.to}`);
const under = (p: string, ...dirs: string[]) => dirs.some((d) => p === d || p.startsWith(`${d}/`));
const isNext = (t: string) => t === 'next' || t.startsWith('next/') || t.startsWith('next-auth') || t.startsWith('react');

describe('import directions', () => {
  it('the domain imports neither HTTP, dialects, server glue, app, components nor Next.js', () => {
    const bad = edges.filter((e) => under(e.from, 'lib/domain') && (under(e.to, 'lib/http', 'lib/dialects', 'lib/server', 'app', 'components') || isNext(e.to)));
    expect(show(bad)).toEqual([]);
  });

  it('a dialect imports only the domain, zod, Node built-ins, types of lib/db and its own files', () => {
    const bad = edges.filter((e) => {
      if (!under(e.from, 'lib/dialects')) return false;
      const vendor = e.from.split('/')[2];
      if (under(e.to, `lib/dialects/${vendor}`) || under(e.to, 'lib/domain')) return false;
      if (e.to === 'zod' || e.to.startsWith('node:')) return false;
      if (e.typeOnly && under(e.to, 'lib/db', 'lib/generated')) return false;
      return true;
    });
    expect(show(bad)).toEqual([]);
  });

  it('lib/db does not import the domain (nothing runs back up a layer)', () => {
    expect(show(edges.filter((e) => under(e.from, 'lib/db') && under(e.to, 'lib/domain', 'lib/dialects', 'lib/http', 'lib/server')))).toEqual([]);
  });

  it('lib/http does not import route files or components; components do not import lib/http or lib/db', () => {
    const bad = edges.filter(
      (e) => (under(e.from, 'lib/http') && under(e.to, 'app', 'components')) || (under(e.from, 'components') && under(e.to, 'lib/http', 'lib/db') && !e.typeOnly),
    );
    expect(show(bad)).toEqual([]);
  });

  it('the agent shares types with the server, not its database or HTTP layer', () => {
    const bad = edges.filter((e) => under(e.from, 'agent') && (under(e.to, 'lib/db', 'lib/http', 'lib/server', 'lib/generated', 'app') || (under(e.to, 'lib/domain', 'lib/dialects') && !e.typeOnly)));
    expect(show(bad)).toEqual([]);
  });

  it('lib/ has no import cycles (type-only imports included)', () => {
    expect(cycles(files.filter((f) => under(f, 'lib')), edges)).toEqual([]);
  });

  it('the reader finds imports (so the checks above can fail)', () => {
    const route = edges.filter((e) => e.from === 'lib/http/route.ts').map((e) => e.to);
    expect(route).toContain('lib/domain/audit.ts');
    expect(cycles(['a.ts', 'b.ts'], [{ from: 'a.ts', to: 'b.ts', typeOnly: true }, { from: 'b.ts', to: 'a.ts', typeOnly: false }])).toEqual([['a.ts', 'b.ts']]);
  });
});

describe('route files only parse, call and shape', () => {
  const routes = files.filter((f) => under(f, 'app') && /\/route\.tsx?$/.test(f));

  it('no route file bumps the network serial (the domain write does)', () => {
    expect(routes.filter((f) => /\bbumpNetworkSerial\b/.test(readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('no route file builds or writes an audit entry (the domain write records it)', () => {
    const offenders = routes.filter((f) => /\baudit\s*\(|\brecordChange\s*\(|\brecordAudit\s*\(|\bactivity:\s*['"`]/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('no route file queries the database itself (the domain reads and writes)', () => {
    const offenders = routes.filter((f) => /\bdb\.[a-zA-Z]+\.(find|create|update|delete|upsert|count|aggregate|groupBy)\w*\(|\$(query|execute)Raw/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('route files are a few lines each', () => {
    const long = routes.filter((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').length > 120);
    expect(long).toEqual([]);
  });
});
