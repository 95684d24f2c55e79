// The periodic work (ephemeral peer clean-up, journal pruning) runs in one process of several on
// one PostgreSQL database, and moves to another when that one dies (kill -9: no shutdown, the
// database releases the leader's advisory lock with its connection).
// Uses DATABASE_URL when it points at PostgreSQL; otherwise starts a private cluster and stops it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresServer, type PostgresServer } from '../support/postgres';
import { startServer, type RunningServer } from '../support/server';
import { createTempDb } from '../support/temp-db';

const LEADS = /this process runs the periodic work/g;
let pg: PostgresServer;
let databaseUrl = '';
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  pg = postgresServer();
  const temp = await createTempDb('meshdeck-leader-', pg.url);
  cleanups.push(() => temp.drop());
  databaseUrl = temp.databaseUrl;
});

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  pg?.stop();
});

async function start(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'meshdeck-leader-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const s = await startServer({ MESHDECK_DATA_DIR: dir, DATABASE_URL: databaseUrl, MESHDECK_ADMIN_EMAIL: 'owner@leader.test', MESHDECK_ADMIN_PASSWORD: 'correct-horse-battery-staple' });
  cleanups.push(() => s.stop());
  return s;
}

const leads = (s: RunningServer) => (s.output().match(LEADS) ?? []).length;

async function until(what: () => boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (!what()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

describe('one leader for the periodic work across processes', () => {
  it('runs it in exactly one of two processes, and in the other within seconds after a kill -9', async () => {
    const a = await start();
    await until(() => leads(a) === 1, 10_000);
    const b = await start();
    // b competes every 3 s: give it two tries, it must not lead while a lives.
    await new Promise((r) => setTimeout(r, 7000));
    expect(leads(b)).toBe(0);
    expect(leads(a)).toBe(1);
    await a.kill9();
    const took = await until(() => leads(b) === 1, 10_000);
    console.log(`leader killed → the other process leads after ${took} ms`);
    expect(took).toBeLessThan(8000);
  }, 60_000);
});
