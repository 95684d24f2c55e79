// The committed migrations, the snapshots and the schema agree, and the start-up migrator applies
// them exactly once, in Prisma's own bookkeeping format.
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
    for (const table of ['TrafficSearchRollup', 'TrafficPortSum']) {
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

  it('20261206133402_traffic_group_numbers gives stored events their group\'s number and day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshdeck-mig-'));
    cpSync(join(root, 'prisma'), join(dir, 'prisma'), { recursive: true });
    const name = '20261206133402_traffic_group_numbers';
    const aside = join(dir, name);
    renameSync(join(dir, 'prisma/migrations', name), aside);
    const file = join(dir, 'm.db');
    await migrate({ provider: 'sqlite', file }, dir);
    const db = new Database(file);
    db.exec(`INSERT INTO "Account" ("id", "name", "domain") VALUES ('a1', 'one', 'one.example'), ('a2', 'two', 'two.example')`);
    const group = db.prepare(
      `INSERT INTO "TrafficSearchGroup" ("accountId", "groupKey", "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail") VALUES (?, ?, 'p', 's', 'd', 'u', 6, 'INGRESS', 'P2P', 't', '')`,
    );
    // The same key in two accounts is two groups; the keys sort against the order written.
    for (const [account, key] of [['a1', 'k-b'], ['a1', 'k-a'], ['a2', 'k-b']]) group.run(account, key);
    const event = db.prepare(
      `INSERT INTO "TrafficEvent" ("accountId", "flowId", "reporterId", "windowStart", "windowEnd", "srcPort", "windowHour", "searchGroup") VALUES (?, ?, 'p', '2026-12-05T10:00:00.000+00:00', '2026-12-05T10:00:01.000+00:00', ?, ?, ?)`,
    );
    const hour = Date.UTC(2026, 11, 5, 10) / 3_600_000;
    event.run('a1', 'f1', 40_001, hour, 'k-a');
    event.run('a1', 'f2', 40_002, hour + 20, 'k-b');
    event.run('a2', 'f3', 40_003, hour, 'k-b');
    event.run('a2', 'f4', null, null, null);
    db.close();

    renameSync(aside, join(dir, 'prisma/migrations', name));
    expect(await migrate({ provider: 'sqlite', file }, dir)).toEqual([name]);
    const after = new Database(file, { readonly: true });
    const ids = new Map((after.prepare('SELECT "accountId", "groupKey", "id" FROM "TrafficSearchGroup"').all() as { accountId: string; groupKey: string; id: number }[]).map((g) => [`${g.accountId}|${g.groupKey}`, g.id]));
    expect(new Set(ids.values()).size).toBe(3);
    expect(after.prepare('SELECT "flowId", "searchGroupId", "windowDay" FROM "TrafficEvent" ORDER BY "flowId"').all()).toEqual([
      { flowId: 'f1', searchGroupId: ids.get('a1|k-a'), windowDay: Math.floor(hour / 24) },
      { flowId: 'f2', searchGroupId: ids.get('a1|k-b'), windowDay: Math.floor((hour + 20) / 24) },
      { flowId: 'f3', searchGroupId: ids.get('a2|k-b'), windowDay: Math.floor(hour / 24) },
      { flowId: 'f4', searchGroupId: null, windowDay: null },
    ]);
    expect(Math.floor((hour + 20) / 24)).toBe(Math.floor(hour / 24) + 1);
    after.close();
  });
});
