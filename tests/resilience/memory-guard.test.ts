// Near its heap limit the server refuses new requests with 503 and Retry-After, in each API's error
// shape, instead of running out of memory and dying. The threshold is lowered for the test
// (MESHDECK_MEMORY_GUARD) so that every request finds the heap "full".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { createTempDb, type TempDb } from '../support/temp-db';

let temp: TempDb;
let server: RunningServer;

beforeAll(async () => {
  temp = await createTempDb('meshdeck-memguard-');
  // startServer waits for /api/health, which the guard answers 503 too: start, then check.
  server = await startServer({ MESHDECK_DATA_DIR: temp.dataDir, DATABASE_URL: temp.databaseUrl, MESHDECK_ADMIN_PASSWORD: 'memory-guard-password-1', MESHDECK_MEMORY_GUARD: '0.000001' }, { healthy: (status) => status === 503 });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await temp?.drop();
});

describe('memory guard', () => {
  it('answers 503 with Retry-After in the dialect’s shape, and the process keeps running', async () => {
    const nb = await fetch(`${server.baseUrl}/api/groups`, { headers: { Authorization: 'Token nbp_000000000000000000000000000000000000' } });
    expect(nb.status).toBe(503);
    expect(nb.headers.get('retry-after')).toBe('5');
    expect(await nb.json()).toEqual({ message: 'the server is short of memory; try again shortly', code: 503 });
    const zt = await fetch(`${server.baseUrl}/edge/client/v1/version`);
    expect(zt.status).toBe(503);
    expect((await zt.json()).error.message).toMatch(/short of memory/);
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(503);
  });
});
