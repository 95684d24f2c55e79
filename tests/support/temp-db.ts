// A fresh, empty database for one test run: a SQLite file in a temp folder, or — when DATABASE_URL
// points at PostgreSQL — a new database created on that server (dropped again afterwards).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface TempDb {
  dataDir: string;
  /** What the server gets as DATABASE_URL ('' = default SQLite under dataDir). */
  databaseUrl: string;
  drop(): Promise<void>;
}

/** `base`: the PostgreSQL server to create the database on (default DATABASE_URL; SQLite when neither is one). */
export async function createTempDb(prefix = 'meshdeck-test-', base = process.env.DATABASE_URL): Promise<TempDb> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  if (!base || !/^postgres(ql)?:\/\//.test(base)) {
    return { dataDir, databaseUrl: '', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { default: pg } = await import('pg');
  const name = `meshdeck_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
