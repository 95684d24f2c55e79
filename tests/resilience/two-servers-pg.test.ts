// Servers starting at once on one empty database (PostgreSQL, and one SQLite file), each with a
// data folder of its own: both must come up healthy, exactly one first account may exist, and what
// one server made with the installation secrets (a console session cookie, the Ziti CA key sealed
// with the server key) must work through the other.
// Uses DATABASE_URL when it points at PostgreSQL; otherwise starts a private cluster and stops it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import type { DbConfig } from '@/lib/db/config';
import type { Role } from '@/lib/domain/users/roles';
import { seedToken } from '@/lib/domain/users/tokens';
import { postgresServer, type PostgresServer } from '../support/postgres';
import { startServer, type RunningServer } from '../support/server';
import { createTempDb } from '../support/temp-db';

const EMAIL = 'owner@race.test';
const PASSWORD = 'correct-horse-battery-staple';

let pgBase = '';
let pg: PostgresServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  pg = postgresServer();
  pgBase = pg.url;
});

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  pg?.stop();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'meshdeck-race-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function emptyPgDatabase(): Promise<string> {
  const db = await createTempDb('meshdeck-race-', pgBase);
  cleanups.push(() => db.drop());
  return db.databaseUrl;
}

/** Two servers started at the same moment, each with its own data folder. */
async function startTwo(databaseUrl: string): Promise<[RunningServer, RunningServer]> {
  const env = (dir: string) => ({ MESHDECK_DATA_DIR: dir, DATABASE_URL: databaseUrl, MESHDECK_ADMIN_EMAIL: EMAIL, MESHDECK_ADMIN_PASSWORD: PASSWORD, NEXTAUTH_SECRET: '' });
  const [a, b] = await Promise.allSettled([startServer(env(tempDir())), startServer(env(tempDir()))]);
  for (const s of [a, b]) if (s.status === 'fulfilled') cleanups.push(() => s.value.stop());
  for (const s of [a, b]) if (s.status === 'rejected') throw s.reason;
  return [(a as PromiseFulfilledResult<RunningServer>).value, (b as PromiseFulfilledResult<RunningServer>).value];
}

/** The console's sign-in (next-auth credentials flow) against one server; returns its cookies. */
async function signIn(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => jar.set(c.split(';')[0].split('=')[0], c.split(';')[0].slice(c.indexOf('=') + 1)));
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, json: 'true', callbackUrl: '/app' }),
  });
  keep(r);
  expect([...jar.keys()].some((k) => k.endsWith('next-auth.session-token'))).toBe(true);
  return cookie();
}

async function ownerToken(db: Db): Promise<string> {
  const owner = await db.user.findFirstOrThrow({ where: { email: EMAIL } });
  const actor = { userId: owner.id, accountId: owner.accountId, role: owner.role as Role, name: owner.name, email: owner.email, via: 'token' as const };
  return (await seedToken(db, actor, owner.id, { name: 'race', expiresInDays: 1 })).plain;
}

async function checkPair(cfg: DbConfig, databaseUrl: string) {
  const [a, b] = await startTwo(databaseUrl);
  const db = await createDb(cfg);
  cleanups.push(() => db.$disconnect());
  expect(await db.account.count()).toBe(1);
  expect(await db.user.count()).toBe(1);
  const token = await ownerToken(db);
  for (const s of [a, b]) {
    expect((await fetch(`${s.baseUrl}/api/health`)).status).toBe(200);
    const me = await fetch(`${s.baseUrl}/api/users/current`, { headers: { Authorization: `Token ${token}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe(EMAIL);
  }
  // A console session made through A is accepted by B: its API and its console pages (proxy.ts).
  const cookie = await signIn(a.baseUrl);
  expect((await fetch(`${b.baseUrl}/api/users/current`, { headers: { Cookie: cookie } })).status).toBe(200);
  const page = await fetch(`${b.baseUrl}/app`, { headers: { Cookie: cookie }, redirect: 'manual' });
  expect(page.headers.get('location') ?? '').not.toContain('/app/login');
  expect(page.status).toBeLessThan(400);
  // The Ziti CA is created through A, its key sealed with the server key; B signs an enrollment
  // JWT with it, so B must unseal what A sealed.
  for (const [i, s] of [a, b].entries()) {
    const r = await fetch(`${s.baseUrl}/api/console/ziti/identities`, {
      method: 'POST',
      headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `race-${i}`, type: 'Device', enrollment_method: 'ott' }),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    expect((await r.json()).enrollment.jwt).toBeTruthy();
  }
}

describe('two servers starting at once', () => {
  it('on an empty PostgreSQL database', async () => {
    const url = await emptyPgDatabase();
    await checkPair({ provider: 'postgresql', url }, url);
  });

  it('on one new SQLite file', async () => {
    const file = join(tempDir(), 'meshdeck.db');
    await checkPair({ provider: 'sqlite', file }, `file:${file}`);
  });
});
