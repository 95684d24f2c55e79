// Signals between meshdeck processes on one PostgreSQL database: NOTIFY on a channel, LISTEN on a
// connection of its own (outside the Prisma pool, which hands connections to any query). A
// notification sent inside a transaction is delivered when it commits, so listeners never hear of
// a change they cannot read yet. SQLite has no such thing: there the callers fall back to polling.
import type { Client } from 'pg';
import { dbConfig, type DbConfig } from './config';

/** An account's network serial moved; the payload is the account id. */
export const SERIAL_CHANNEL = 'meshdeck_serial';

export interface Listening {
  /** Whether the listening connection is up now. */
  readonly connected: boolean;
  close(): Promise<void>;
}

const RECONNECT_MS = 1000;

/**
 * Listens on `channel` for as long as the process runs, reconnecting after a lost connection;
 * null on SQLite. `onConnect` runs after every (re)connection: notifications sent while the
 * connection was down are lost, so the caller reads what it waits for again.
 */
export function listen(channel: string, onMessage: (payload: string) => void, onConnect: () => void = () => {}, cfg: DbConfig = dbConfig()): Listening | null {
  if (cfg.provider !== 'postgresql') return null;
  let client: Client | null = null;
  let closed = false;
  let connected = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const { Client: PgClient } = await import('pg');
    const c = new PgClient({ connectionString: cfg.url });
    const lost = (e?: Error) => {
      if (client !== c) return;
      client = null;
      connected = false;
      if (e) console.error(`meshdeck: listening on ${channel} lost its connection (${e.message}); reconnecting`);
      void c.end().catch(() => {});
      if (!closed) (retry = setTimeout(() => void connect(), RECONNECT_MS)).unref();
    };
    client = c;
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage(n.payload ?? '');
    });
    try {
      await c.connect();
      // The channel is a fixed identifier of this file, never user input.
      await c.query(`LISTEN ${channel}`);
      if (client !== c || closed) return void c.end().catch(() => {});
      connected = true;
      onConnect();
    } catch (e) {
      lost(e as Error);
    }
  };
  void connect();
  return {
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      connected = false;
      await c?.end().catch(() => {});
    },
  };
}
