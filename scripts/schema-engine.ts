// Prisma's own WebAssembly schema engine, loaded without a bundler (its package entry imports a
// .wasm file as an ES module, which Node cannot do). Used only at development time to write
// migrations: `diff` between two schema texts needs no database at all.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

let ready: Promise<void> | undefined;
function init(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': bg as never });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as unknown as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return ready;
}

/** SQL that turns a database shaped like `from` (or an empty one) into one shaped like `to`. */
export async function diffSchemas(from: string | null, to: string): Promise<string> {
  await init();
  // The engine wants an adapter even for a pure schema diff; an in-memory SQLite one is never queried.
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: ':memory:' }));
  const engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', to]] }, () => {}, factory);
  try {
    const target = (content: string) => ({ tag: 'schemaDatamodel' as const, files: [{ path: 'schema.prisma', content }] });
    const result = await engine.diff({
      from: from === null ? { tag: 'empty' } : target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

/** True when the diff script contains no statement (only comments / blank lines). */
export function isEmptyDiff(sql: string): boolean {
  return sql.split('\n').every((l) => !l.trim() || l.trim().startsWith('--'));
}
