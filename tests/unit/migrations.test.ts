// The committed migrations, the snapshots and the schema agree, and the start-up migrator applies
// them exactly once, in Prisma's own bookkeeping format.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrationsDir, readMigrations } from '@/lib/db/migrate';
import { diffSchemas, isEmptyDiff } from '../../scripts/schema-engine';
// @ts-expect-error plain .mjs helper
import { postgresSchemaText } from '../../scripts/prisma-schemas.mjs';

const root = join(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function shape(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const out = Object.fromEntries(
    tables.map((t) => [
      t,
      {
        columns: db.prepare(`PRAGMA table_info("${t}")`).all(),
        indexes: (db.prepare(`PRAGMA index_list("${t}")`).all() as { name: string; unique: number }[]).map((i) => `${i.name}:${i.unique}`).sort(),
        fks: db.prepare(`PRAGMA foreign_key_list("${t}")`).all(),
      },
    ]),
  );
  db.close();
  return out;
}

describe('migrations', () => {
  it('snapshots equal the schemas (run `npm run db:migration:create -- <name>` after changing the schema)', async () => {
    expect(read('prisma/migrations/schema.snapshot.prisma')).toBe(read('prisma/schema.prisma'));
    expect(read('prisma/postgresql/migrations/schema.snapshot.prisma')).toBe(postgresSchemaText());
    expect(read('prisma/postgresql/schema.prisma')).toBe(postgresSchemaText());
    expect(isEmptyDiff(await diffSchemas(read('prisma/migrations/schema.snapshot.prisma'), read('prisma/schema.prisma')))).toBe(true);
  });

  it('both databases have the same migrations', () => {
    const names = (p: 'sqlite' | 'postgresql') => readMigrations(migrationsDir(p, root)).map((m) => m.name);
    expect(names('postgresql')).toEqual(names('sqlite'));
    expect(names('sqlite').length).toBeGreaterThan(0);
  });

  it('applies all migrations once and yields the database the schema describes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshdeck-mig-'));
    const file = join(dir, 'm.db');
    const first = await migrate({ provider: 'sqlite', file }, root);
    expect(first).toEqual(readMigrations(migrationsDir('sqlite', root)).map((m) => m.name));
    expect(await migrate({ provider: 'sqlite', file }, root)).toEqual([]);

    const db = new Database(file);
    const rows = db.prepare('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name').all() as { checksum: string; finished_at: unknown }[];
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations(migrationsDir('sqlite', root)).map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    // Written by hand into its migration (Prisma cannot say it): the charts read it in key order.
    for (const table of ['TrafficSearchRollup', 'TrafficSearchGroup', 'TrafficPortSum']) {
      expect((db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string }).sql).toMatch(/WITHOUT ROWID$/);
    }
    db.close();

    // A database made straight from the schema has the same tables, columns, indexes and keys.
    const direct = join(dir, 'direct.db');
    const d = new Database(direct);
    d.exec(await diffSchemas(null, read('prisma/schema.prisma')));
    d.close();
    expect(shape(file)).toEqual(shape(direct));
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshdeck-mig-'));
    cpSync(join(root, 'prisma'), join(dir, 'prisma'), { recursive: true });
    const file = join(dir, 'm.db');
    await migrate({ provider: 'sqlite', file }, dir);
    const [first] = readMigrations(migrationsDir('sqlite', dir));
    writeFileSync(join(dir, 'prisma/migrations', first.name, 'migration.sql'), first.sql + '\n-- edited\n');
    await expect(migrate({ provider: 'sqlite', file }, dir)).rejects.toThrow(/changed after it was applied/);
  });
});
