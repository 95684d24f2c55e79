// Ephemeral peers offline longer than the configured age are removed by the server's periodic job
// (lib/server/ephemeral-cleanup.ts). A server of its own, on a database of its own, runs the job
// every second with an age of 3 s, so no other test's peers are touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { dbConfig } from '@/lib/db/config';
import { networkSerial } from '@/lib/domain/serial';
import { seedToken } from '@/lib/domain/users/tokens';
import { actorOf } from '../support/fixtures';
import { wgKey, DEFAULT_META } from '../support/peers';
import { startServer, type RunningServer } from '../support/server';
import { createTempDb, type TempDb } from '../support/temp-db';

let tmp: TempDb;
let server: RunningServer;
let db: Db;
let token = '';

beforeAll(async () => {
  tmp = await createTempDb('meshdeck-ephemeral-');
  server = await startServer({
    MESHDECK_DATA_DIR: tmp.dataDir,
    DATABASE_URL: tmp.databaseUrl,
    MESHDECK_ADMIN_EMAIL: 'owner@ephemeral.test',
    MESHDECK_ADMIN_PASSWORD: 'ephemeral-owner-password',
    MESHDECK_EPHEMERAL_PEER_TTL: '3',
    MESHDECK_EPHEMERAL_CLEANUP_INTERVAL: '1',
  });
  db = await createDb(dbConfig({ MESHDECK_DATA_DIR: tmp.dataDir, DATABASE_URL: tmp.databaseUrl || undefined }));
  const owner = await db.user.findFirstOrThrow({ where: { email: 'owner@ephemeral.test' } });
  token = (await seedToken(db, actorOf(owner), owner.id, { name: 'ephemeral', expiresInDays: 1 })).plain;
}, 90_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await tmp?.drop();
});

async function call(method: string, path: string, body?: unknown, auth = `Token ${token}`) {
  const r = await fetch(`${server.baseUrl}${path}`, { method, headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

async function registerWith(setupKey: string, hostname: string) {
  const r = await call('POST', '/api/agent/register', { setup_key: setupKey, public_key: wgKey(), hostname, meta: DEFAULT_META }, '');
  expect(r.status).toBe(201);
  return { id: r.body.peer.id as string, token: r.body.peer_token as string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ephemeral peer clean-up', () => {
  it('removes ephemeral peers offline longer than the age, with an audit event and a serial bump; keeps the rest', async () => {
    const key = async (ephemeral: boolean) => {
      const r = await call('POST', '/api/setup-keys', { name: ephemeral ? 'ci runners' : 'servers', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0, ephemeral });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.key as string;
    };
    const ephemeralKey = await key(true);
    const silent = await registerWith(ephemeralKey, 'ci-gone');
    const alive = await registerWith(ephemeralKey, 'ci-alive');
    const regular = await registerWith(await key(false), 'server');
    const accountId = (await db.peer.findUniqueOrThrow({ where: { id: silent.id } })).accountId;
    const serialBefore = await networkSerial(db, accountId);
    // `alive` keeps checking in (lastSeen is written at most every 10 s, so it is kept fresh
    // here directly), `silent` and `regular` say nothing.
    const deadline = Date.now() + 15_000;
    let gone = false;
    while (!gone && Date.now() < deadline) {
      await db.peer.update({ where: { id: alive.id }, data: { lastSeen: new Date() } });
      await sleep(500);
      gone = !(await db.peer.findUnique({ where: { id: silent.id } }));
    }
    expect(gone).toBe(true);
    expect(await db.peer.findUnique({ where: { id: alive.id } })).not.toBeNull();
    expect(await db.peer.findUnique({ where: { id: regular.id } })).not.toBeNull();
    expect(await networkSerial(db, accountId)).toBeGreaterThan(serialBefore);
    const events = await db.auditEvent.findMany({ where: { accountId, activityCode: 'user.peer.delete', targetId: silent.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'system', initiatorId: 'system' });
    // Its agent token no longer works.
    expect((await call('GET', '/api/agent/sync', undefined, `Bearer ${silent.token}`)).status).toBe(401);
    expect(server.output()).toMatch(/removed 1 ephemeral peer/);
  }, 30_000);
});
