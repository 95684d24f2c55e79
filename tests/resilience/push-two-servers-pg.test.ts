// Push across servers: an agent long-polls server A (GET /api/agent/sync?serial=N&wait=S) while an
// admin changes the network through server B on the same PostgreSQL database. A learns of it from
// the database: B's transaction NOTIFYs when it commits and A listens (lib/db/notify.ts), besides
// A's 500 ms read of the waiting accounts' serials. Every answer within 1 s of B's answer, and a
// median under 200 ms (the poll alone gives about 250–300 ms).
// Uses DATABASE_URL when it points at PostgreSQL; otherwise starts a private cluster and stops it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client';
import type { Role } from '@/lib/domain/users/roles';
import { seedToken } from '@/lib/domain/users/tokens';
import { api, registerPeer } from '../support/own-server';
import { postgresServer, type PostgresServer } from '../support/postgres';
import { startServer, type RunningServer } from '../support/server';
import { createTempDb } from '../support/temp-db';

const EMAIL = 'owner@push.test';
const PASSWORD = 'correct-horse-battery-staple';

let pg: PostgresServer;
const cleanups: (() => Promise<void> | void)[] = [];
let a: RunningServer;
let b: RunningServer;
let token = '';

beforeAll(async () => {
  pg = postgresServer();
  const temp = await createTempDb('meshdeck-push-', pg.url);
  cleanups.push(() => temp.drop());
  const env = () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshdeck-push-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { MESHDECK_DATA_DIR: dir, DATABASE_URL: temp.databaseUrl, MESHDECK_ADMIN_EMAIL: EMAIL, MESHDECK_ADMIN_PASSWORD: PASSWORD };
  };
  a = await startServer(env());
  cleanups.push(() => a.stop());
  b = await startServer(env());
  cleanups.push(() => b.stop());
  const db = await createDb({ provider: 'postgresql', url: temp.databaseUrl });
  cleanups.push(() => db.$disconnect());
  const owner = await db.user.findFirstOrThrow({ where: { email: EMAIL } });
  const actor = { userId: owner.id, accountId: owner.accountId, role: owner.role as Role, name: owner.name, email: owner.email, via: 'token' as const };
  token = (await seedToken(db, actor, owner.id, { name: 'push', expiresInDays: 1 })).plain;
});

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  pg?.stop();
});

describe('push across two servers on one PostgreSQL database', () => {
  it('answers an agent waiting on A within 1 s of a change made through B', async () => {
    const key = (await (await api(a.baseUrl, token)('POST', '/api/setup-keys', { name: 'push', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).json()).key;
    const agent = await (await registerPeer(a.baseUrl, key, 'push-agent')).json();
    const other = await (await registerPeer(a.baseUrl, key, 'push-other')).json();
    const auth = { Authorization: `Bearer ${agent.peer_token}` };
    const { serial } = await (await fetch(`${a.baseUrl}/api/agent/sync`, { headers: auth })).json();
    const latencies: number[] = [];
    for (let round = 0; round < 5; round++) {
      const current = serial + round;
      const waiting = fetch(`${a.baseUrl}/api/agent/sync?serial=${current}&wait=20`, { headers: auth }).then(async (r) => ({ status: r.status, body: await r.json(), at: Date.now() }));
      await new Promise((r) => setTimeout(r, 300 + round * 150));
      const rename = { name: `push-other-${round}`, ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false };
      const changed = await api(b.baseUrl, token)('PUT', `/api/peers/${other.peer.id}`, rename);
      expect(changed.status).toBe(200);
      const changedAt = Date.now();
      const answer = await waiting;
      expect(answer.status).toBe(200);
      expect(answer.body.serial).toBe(current + 1);
      expect(answer.body.peers.find((p: { id: string }) => p.id === other.peer.id).name).toBe(rename.name);
      latencies.push(answer.at - changedAt);
    }
    console.log(`change through B → map from A: ${latencies.join(', ')} ms`);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect([...latencies].sort((x, y) => x - y)[2]).toBeLessThan(200);
  });
});
