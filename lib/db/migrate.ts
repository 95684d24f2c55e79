// Applies the committed Prisma migrations at start, offline.
//
// The Prisma CLI cannot run here (it downloads its native schema engine), so meshdeck applies the
// SQL files of prisma/migrations (SQLite) or prisma/postgresql/migrations itself and records them in
// Prisma's standard `_prisma_migrations` table with the same checksum (SHA-256 of migration.sql).
// Anyone online can therefore still use stock `prisma migrate deploy/status` on the same database.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DbConfig } from './config';

export interface Migration { name: string; sql: string; checksum: string }

export function migrationsDir(provider: DbConfig['provider'], root = process.cwd()): string {
  return join(/*turbopackIgnore: true*/ root, provider === 'sqlite' ? 'prisma/migrations' : 'prisma/postgresql/migrations');
}

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;
// Same key Prisma Migrate takes, so meshdeck and `prisma migrate deploy` never run at once.
const PG_LOCK_KEY = 72707369;

function pending(all: Migration[], applied: { migration_name: string; checksum: string }[]): Migration[] {
  const done = new Map(applied.map((r) => [r.migration_name, r.checksum]));
  for (const m of all) {
    const sum = done.get(m.name);
    if (sum && sum !== m.checksum) {
      throw new Error(`migration ${m.name} was changed after it was applied (checksum differs); restore the file`);
    }
  }
  return all.filter((m) => !done.has(m.name));
}

/** Applies what is missing; returns the names applied. Each migration runs in its own transaction. */
export async function migrate(cfg: DbConfig, root = process.cwd()): Promise<string[]> {
  const all = readMigrations(migrationsDir(cfg.provider, root));
  return cfg.provider === 'sqlite' ? migrateSqlite(cfg.file, all) : migratePostgres(cfg.url, all);
}

async function migrateSqlite(file: string, all: Migration[]): Promise<string[]> {
  const { default: Database } = await import('better-sqlite3');
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SQLITE_TABLE);
    const applied = db
      .prepare('SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
      .all() as { migration_name: string; checksum: string }[];
    const todo = pending(all, applied);
    const record = db.prepare(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
    );
    for (const m of todo) {
      const started = Date.now();
      // IMMEDIATE takes the write lock up front so two starting processes cannot interleave.
      db.transaction(() => {
        db.exec(m.sql);
        record.run(randomUUID(), m.checksum, m.name, started, Date.now());
      }).immediate();
    }
    return todo.map((m) => m.name);
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, all: Migration[]): Promise<string[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PG_LOCK_KEY]);
    await client.query(PG_TABLE);
    const { rows } = await client.query(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const todo = pending(all, rows);
    for (const m of todo) {
      const started = new Date();
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 1)',
          [randomUUID(), m.checksum, m.name, started],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PG_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
