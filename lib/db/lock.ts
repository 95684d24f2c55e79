// The start-up lock: first-start work (migrations, the first account, the installation secrets)
// runs in one server process at a time, so servers starting at once on one database agree and the
// ones that wait find everything done.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DbConfig } from './config';

// Not the migrations' key (lib/db/migrate.ts takes that one inside this lock, on its own connection).
const PG_STARTUP_LOCK_KEY = 72707370;

export async function withStartupLock<T>(cfg: DbConfig, fn: () => Promise<T>): Promise<T> {
  return cfg.provider === 'sqlite' ? sqliteLock(cfg.file, fn) : pgLock(cfg.url, fn);
}

async function pgLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A session-level advisory lock: PostgreSQL releases it if this process dies.
    await client.query('SELECT pg_advisory_lock($1)', [PG_STARTUP_LOCK_KEY]);
    return await fn();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PG_STARTUP_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

// SQLite: the write lock of a small companion file `<db>-startup-lock`. Holding it on the database
// itself would block this process's own writes; a second file is a plain cross-process mutex that
// other starting processes wait for (busy timeout) and that the OS releases if the holder dies.
async function sqliteLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const { default: Database } = await import('better-sqlite3');
  mkdirSync(dirname(file), { recursive: true });
  const lock = new Database(`${file}-startup-lock`, { timeout: 120_000 });
  try {
    lock.exec('BEGIN IMMEDIATE');
    return await fn();
  } finally {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
  }
}
