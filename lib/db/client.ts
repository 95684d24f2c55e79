// The one Prisma client of the process, on SQLite or PostgreSQL depending on DATABASE_URL.
// Both generated clients come from the same schema, so the SQLite client's types describe both.
import { PrismaClient } from '../generated/sqlite/client';
import type { Prisma } from '../generated/sqlite/client';
import { dbConfig, type DbConfig } from './config';

export type Db = PrismaClient;
/** What domain services take: the client itself or an interactive transaction of it. */
export type Tx = Prisma.TransactionClient;

/**
 * Whether `db` is an interactive transaction. Prisma 7's transaction client has a $transaction of
 * its own (testing for that said "no" inside every transaction); it lacks $connect and $disconnect.
 */
export const inTransaction = (db: Tx) => typeof (db as { $connect?: unknown }).$connect !== 'function';

/** Runs `work` in a transaction of `db`, or on `db` itself when it already is one. */
export function atomically<T>(db: Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(db) ? work(db) : (db as unknown as Db).$transaction(work);
}

export async function createDb(cfg: DbConfig = dbConfig()): Promise<Db> {
  if (cfg.provider === 'sqlite') {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    // busy timeout: concurrent writers wait for the lock instead of failing at once.
    const adapter = new PrismaBetterSqlite3({ url: `file:${cfg.file}`, timeout: 10_000 });
    const db = new PrismaClient({ adapter });
    // The adapter keeps one connection. GROUP BY and UNION sort in temporary storage: in memory,
    // and with a larger page cache (allocated as used), the traffic charts' sorts of 100,000-row
    // inputs do not spill to temporary files (about a third faster).
    await db.$executeRawUnsafe('PRAGMA temp_store = MEMORY');
    // WAL (set by the migrator) with NORMAL sync: a commit no longer waits for an fsync of the log,
    // only checkpoints do. A crash of the process loses nothing; a power cut may lose the last
    // commits but never corrupts the file (SQLite's documented guarantee for WAL + NORMAL).
    await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    await db.$executeRawUnsafe('PRAGMA cache_size = -65536');
    return db;
  }
  const [{ PrismaPg }, { PrismaClient: PgClient }] = await Promise.all([
    import('@prisma/adapter-pg'),
    import('../generated/postgresql/client'),
  ]);
  const adapter = new PrismaPg({ connectionString: cfg.url, max: Number(process.env.DATABASE_POOL_SIZE || 10) });
  return new PgClient({ adapter }) as unknown as Db;
}

// Next.js bundles each route separately; a global keeps one client (one pool) per process.
const holder = globalThis as unknown as { __meshdeckDb?: Promise<Db> };

export function getDb(): Promise<Db> {
  holder.__meshdeckDb ??= createDb();
  return holder.__meshdeckDb;
}
