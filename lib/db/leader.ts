// Which server process runs the periodic work (ephemeral peer clean-up, journal pruning) when
// several share one database: the one holding a lock that the database releases when its holder
// dies. PostgreSQL: a session-level advisory lock on a connection of its own. SQLite: the write
// lock of a companion file `<db>-leader-lock` (the OS releases it with the process). The others
// try again every few seconds, so the work resumes on another process when the leader is gone.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Client } from 'pg';
import type { Database } from 'better-sqlite3';
import { dbConfig, type DbConfig } from './config';

// Not the start-up lock's key nor the migrations' (lib/db/lock.ts, lib/db/migrate.ts).
const PG_LEADER_KEY = 72707371;

export interface Leadership {
  /** Whether this process holds the lock now. */
  readonly leading: boolean;
  close(): Promise<void>;
}

/** Competes for leadership for as long as the process runs; `onChange` hears when this process gains or loses it. */
export function competeForLeadership(onChange: (leading: boolean) => void = () => {}, retryMs = 3000, cfg: DbConfig = dbConfig()): Leadership {
  let leading = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let pgClient: Client | null = null;
  let sqlite: Database | null = null;
  const set = (v: boolean) => {
    if (v === leading) return;
    leading = v;
    onChange(v);
  };
  const attempt = async () => {
    if (closed || leading) return;
    try {
      if (cfg.provider === 'postgresql') {
        const { Client: PgClient } = await import('pg');
        const c = new PgClient({ connectionString: cfg.url });
        // A lost connection loses the lock too: step down and compete again.
        c.on('error', () => undefined);
        c.on('end', () => {
          if (pgClient !== c) return;
          pgClient = null;
          set(false);
        });
        await c.connect();
        const { rows } = await c.query('SELECT pg_try_advisory_lock($1) AS ok', [PG_LEADER_KEY]);
        if (rows[0]?.ok && !closed) {
          pgClient = c;
          set(true);
        } else await c.end();
      } else {
        const { default: Sqlite } = await import('better-sqlite3');
        mkdirSync(dirname(cfg.file), { recursive: true });
        const db = new Sqlite(`${cfg.file}-leader-lock`, { timeout: 0 });
        try {
          db.exec('BEGIN IMMEDIATE');
          sqlite = db;
          set(true);
        } catch {
          db.close();
        }
      }
    } catch (e) {
      console.error('meshdeck: competing for the periodic work failed:', e instanceof Error ? e.message : e);
    }
  };
  const loop = () => {
    void attempt().finally(() => {
      if (!closed) (timer = setTimeout(loop, retryMs)).unref();
    });
  };
  loop();
  return {
    get leading() {
      return leading;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = pgClient;
      pgClient = null;
      await c?.end().catch(() => {});
      if (sqlite?.inTransaction) sqlite.exec('ROLLBACK');
      sqlite?.close();
      sqlite = null;
      set(false);
    },
  };
}
