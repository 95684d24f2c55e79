// A server of a test's own (resilience tests): a fresh database (SQLite, or PostgreSQL when
// DATABASE_URL says so), the production server on it, an owner's API token and an agent's peer
// token, and a way to start the server again on the same database after killing it.
import { createDb, type Db } from '@/lib/db/client';
import { dbConfig } from '@/lib/db/config';
import { seedToken } from '@/lib/domain/users/tokens';
import { startServer, type RunningServer } from './server';
import { createTempDb, type TempDb } from './temp-db';

export interface OwnServer {
  server: RunningServer;
  temp: TempDb;
  db: Db;
  /** The owner's API token. */
  token: string;
  /** A reusable setup key. */
  setupKey: string;
  /** The agent token of one registered peer. */
  peerToken: string;
  /**
   * Starts the server again on the same database (after kill9 or stop); on a new port unless
   * `samePort` (clients that keep the URL, like agents, find it again).
   */
  restart(opts?: { samePort?: boolean }): Promise<RunningServer>;
  close(): Promise<void>;
}

/** The owner the server creates at first start (console sign-in). */
export const OWNER = { email: 'owner@resilience.test', password: 'resilience-owner-password-1' };

export const api = (base: string, token: string) => (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Token ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export async function registerPeer(base: string, setupKey: string, hostname: string) {
  const publicKey = Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256))).toString('base64');
  return fetch(`${base}/api/agent/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ setup_key: setupKey, public_key: publicKey, hostname, meta: {} }),
  });
}

/** `host`: the address the server listens on (default loopback). */
export async function startOwnServer(label: string, extraEnv: Record<string, string> = {}, host?: string): Promise<OwnServer> {
  const temp = await createTempDb(`meshdeck-${label}-`);
  const env = {
    MESHDECK_DATA_DIR: temp.dataDir,
    DATABASE_URL: temp.databaseUrl,
    MESHDECK_ADMIN_EMAIL: OWNER.email,
    MESHDECK_ADMIN_PASSWORD: OWNER.password,
    MESHDECK_ACCOUNT_DOMAIN: 'resilience.test',
    ...extraEnv,
  };
  const own = { temp } as OwnServer;
  own.server = await startServer(env, { host });
  own.db = await createDb(dbConfig({ MESHDECK_DATA_DIR: temp.dataDir, DATABASE_URL: temp.databaseUrl || undefined }));
  const owner = await own.db.user.findFirstOrThrow({ where: { email: OWNER.email } });
  const actor = { userId: owner.id, accountId: owner.accountId, role: 'owner' as const, name: owner.name, email: owner.email, via: 'token' as const };
  own.token = (await seedToken(own.db, actor, owner.id, { name: label, expiresInDays: 1 })).plain;
  const key = await api(own.server.baseUrl, own.token)('POST', '/api/setup-keys', { name: label, type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 });
  own.setupKey = (await key.json()).key;
  const reg = await registerPeer(own.server.baseUrl, own.setupKey, `${label}-agent`);
  if (reg.status !== 201) throw new Error(`agent registration answered ${reg.status}: ${await reg.text()}`);
  own.peerToken = (await reg.json()).peer_token;
  own.restart = async (opts = {}) => (own.server = await startServer(env, { host, port: opts.samePort ? own.server.port : undefined }));
  own.close = async () => {
    await own.db.$disconnect();
    await own.server.stop();
    await temp.drop();
  };
  return own;
}
