// Where meshdeck keeps its data. SQLite under ./data by default; PostgreSQL when DATABASE_URL says so.
import { isAbsolute, join, resolve } from 'node:path';

export type DbConfig =
  | { provider: 'sqlite'; file: string }
  | { provider: 'postgresql'; url: string };

export function dataDir(env: Record<string, string | undefined> = process.env): string {
  return resolve(/*turbopackIgnore: true*/ env.MESHDECK_DATA_DIR || join(/*turbopackIgnore: true*/ process.cwd(), 'data'));
}

export function dbConfig(env: Record<string, string | undefined> = process.env): DbConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { provider: 'sqlite', file: join(/*turbopackIgnore: true*/ dataDir(env), 'meshdeck.db') };
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: 'postgresql', url };
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/^\/\//, '').split('?')[0];
    return { provider: 'sqlite', file: isAbsolute(path) ? path : resolve(/*turbopackIgnore: true*/ process.cwd(), path) };
  }
  throw new Error(`DATABASE_URL must start with file:, postgres:// or postgresql:// (got "${url.split(':')[0]}:...")`);
}

/** The connection string with its password hidden, for logs. */
export function describeDb(cfg: DbConfig): string {
  return cfg.provider === 'sqlite' ? `SQLite ${cfg.file}` : `PostgreSQL ${cfg.url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}`;
}
