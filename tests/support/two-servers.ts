// Two production servers (`next start`) on one fresh PostgreSQL database — the one DATABASE_URL
// names, or a private cluster (postgres.ts) — with an owner's API token and a reusable setup key:
// the scale-out tests (tests/resilience/*-two-servers-pg, cross-process-pg).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@/lib/db/client';
import { seedToken } from '@/lib/domain/users/tokens';
import { api, OWNER } from './own-server';
import { postgresServer } from './postgres';
import { startServer, type RunningServer } from './server';
import { createTempDb } from './temp-db';

export interface TwoServers {
  a: RunningServer;
  b: RunningServer;
  /** Direct access to the shared database (checks, seeding). */
  db: Db;
  /** The owner's API token (valid on both: it lives in the database). */
  token: string;
  setupKey: string;
  /** Starts a stopped or killed server again on the same database, on a new port. */
  restart(which: 'a' | 'b'): Promise<RunningServer>;
  close(): Promise<void>;
}

/** Both servers start at the same time on the empty database (start-up is serialized by a lock). */
export async function startTwoServers(label: string): Promise<TwoServers> {
  const pg = postgresServer();
  const temp = await createTempDb(`meshdeck-${label}-`, pg.url);
  const dirs: string[] = [];
  const env = () => {
    const dir = mkdtempSync(join(tmpdir(), `meshdeck-${label}-`));
    dirs.push(dir);
    return {
      MESHDECK_DATA_DIR: dir,
      DATABASE_URL: temp.databaseUrl,
      MESHDECK_ADMIN_EMAIL: OWNER.email,
      MESHDECK_ADMIN_PASSWORD: OWNER.password,
      MESHDECK_ACCOUNT_DOMAIN: `${label}.test`,
    };
  };
  const envs = { a: env(), b: env() };
  const started = await Promise.allSettled([startServer(envs.a), startServer(envs.b)]);
  if (started.some((s) => s.status === 'rejected')) {
    for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
    await temp.drop();
    pg.stop();
    throw (started.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason;
  }
  const [a, b] = started.map((s) => (s as PromiseFulfilledResult<RunningServer>).value);
  const db = await createDb({ provider: 'postgresql', url: temp.databaseUrl });
  const owner = await db.user.findFirstOrThrow({ where: { email: OWNER.email } });
  const actor = { userId: owner.id, accountId: owner.accountId, role: 'owner' as const, name: owner.name, email: owner.email, via: 'token' as const };
  const token = (await seedToken(db, actor, owner.id, { name: label, expiresInDays: 1 })).plain;
  const key = await api(a.baseUrl, token)('POST', '/api/setup-keys', { name: label, type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 });
  const two: TwoServers = {
    a,
    b,
    db,
    token,
    setupKey: (await key.json()).key,
    restart: async (which) => (two[which] = await startServer(envs[which])),
    close: async () => {
      await Promise.all([two.a.stop(), two.b.stop()]);
      await db.$disconnect();
      await temp.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      pg.stop();
    },
  };
  return two;
}
