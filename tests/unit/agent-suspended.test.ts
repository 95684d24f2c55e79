// A suspended account's agent keeps its map: the server's 403 "account is suspended" is a pause
// (retried with backoff, like an unreachable server), while any other refusal stops the agent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_SUSPENDED as AGENT_SIDE, Refused, sync, Unreachable } from '@/agent/client';
import { ACCOUNT_SUSPENDED } from '@/lib/domain/accounts/suspension';

let server: Server;
let base = '';
let answer = { status: 403, message: ACCOUNT_SUSPENDED };

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: answer.message, code: answer.status }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('agent sync against a suspended account', () => {
  it('agrees with the server on the message', () => {
    expect(AGENT_SIDE).toBe(ACCOUNT_SUSPENDED);
  });

  it('is a pause that keeps the map; other 403s stop the agent', async () => {
    answer = { status: 403, message: ACCOUNT_SUSPENDED };
    await expect(sync(base, 'mdpeer_x', null, 0)).rejects.toBeInstanceOf(Unreachable);
    answer = { status: 403, message: 'peer login expired: log in again' };
    await expect(sync(base, 'mdpeer_x', null, 0)).rejects.toBeInstanceOf(Refused);
  });
});
