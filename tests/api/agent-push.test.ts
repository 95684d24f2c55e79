// Push through long-poll on GET /api/agent/sync?serial=N&wait=S: an unchanged map is not sent
// again (304), a waiting agent gets its new map right after a change — made through the API of this
// server or written into the database by another process — and a deleted peer's wait ends in 401.
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, newAccount, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register } from '../support/peers';

let nb: ReturnType<typeof netbird>;
let accountId = '';
let key = '';

beforeAll(async () => {
  const a = await newAccount();
  nb = netbird(a.token);
  accountId = a.account.id;
  key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
});

async function poll(token: string, query: string) {
  const started = Date.now();
  const r = await fetch(`${baseUrl()}/api/agent/sync${query}`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined, ms: Date.now() - started, at: Date.now() };
}

describe('long-poll sync', () => {
  it('answers 304 without a body for the serial the agent has, and the map for any other', async () => {
    const peer = await register(key, 'push-same');
    const first = await poll(peer.body.peer_token, '');
    expect(first.status).toBe(200);
    const same = await poll(peer.body.peer_token, `?serial=${first.body.serial}`);
    expect(same.status).toBe(304);
    expect(same.body).toBeUndefined();
    const older = await poll(peer.body.peer_token, `?serial=${first.body.serial - 1}&wait=10`);
    expect(older.status).toBe(200);
    expect(older.body.serial).toBe(first.body.serial);
    expect(older.ms).toBeLessThan(5000);
  });

  it('holds the request until the serial moves through the API, then sends the new map at once', async () => {
    const peer = await register(key, 'push-api');
    const other = await register(key, 'push-api-other');
    const { serial } = (await poll(peer.body.peer_token, '')).body;
    const waiting = poll(peer.body.peer_token, `?serial=${serial}&wait=20`);
    await new Promise((r) => setTimeout(r, 500));
    const changedAt = Date.now();
    const rename = { name: 'push-api-renamed', ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false };
    expect((await nb('PUT', `/api/peers/${other.body.peer.id}`, rename)).status).toBe(200);
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.serial).toBeGreaterThan(serial);
    expect(answer.body.peers.find((p: { id: string }) => p.id === other.body.peer.id)?.name).toBe('push-api-renamed');
    expect(answer.at - changedAt).toBeLessThan(1000);
    console.log(`long-poll: map answered ${answer.at - changedAt} ms after the API change was sent`);
  });

  it('sees a serial written by another process (a second server on the same database) within 1 s', async () => {
    const peer = await register(key, 'push-other');
    const { serial } = (await poll(peer.body.peer_token, '')).body;
    const waiting = poll(peer.body.peer_token, `?serial=${serial}&wait=20`);
    await new Promise((r) => setTimeout(r, 500));
    const db = await testDb();
    const changedAt = Date.now();
    await db.account.update({ where: { id: accountId }, data: { networkSerial: { increment: 1 } } });
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.serial).toBe(serial + 1);
    expect(answer.at - changedAt).toBeLessThan(1000);
  });

  it('answers 304 when nothing changed during the wait', async () => {
    const other = await newAccount();
    const k = (await netbird(other.token)('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    const peer = await register(k, 'push-quiet');
    const { serial } = (await poll(peer.body.peer_token, '')).body;
    const quiet = await poll(peer.body.peer_token, `?serial=${serial}&wait=1.5`);
    expect(quiet.status).toBe(304);
    expect(quiet.ms).toBeGreaterThanOrEqual(1400);
    expect(quiet.ms).toBeLessThan(4000);
  });

  it('ends the wait of a peer deleted meanwhile with 401', async () => {
    const peer = await register(key, 'push-deleted');
    const { serial } = (await poll(peer.body.peer_token, '')).body;
    const waiting = poll(peer.body.peer_token, `?serial=${serial}&wait=20`);
    await new Promise((r) => setTimeout(r, 300));
    expect((await nb('DELETE', `/api/peers/${peer.body.peer.id}`)).status).toBe(200);
    const answer = await waiting;
    expect(answer.status).toBe(401);
    expect(answer.ms).toBeLessThan(5000);
  });

  it('refuses a serial or wait that is not a number (422, as NetBird answers invalid values)', async () => {
    const peer = await register(key, 'push-bad');
    for (const q of ['?serial=abc', '?serial=-1', '?serial=1&wait=soon']) {
      expect((await poll(peer.body.peer_token, q)).status, q).toBe(422);
    }
  });
});
