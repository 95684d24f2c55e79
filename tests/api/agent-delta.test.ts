// Deltas on GET /api/agent/sync?serial=N&wait=S&base=<version> (docs/agent-protocol.md, "Deltas"):
// an agent whose own map a change does not touch gets nothing (304 at the end of its wait, with the
// new serial); one whose map changed gets a delta smaller than its full map, which applied to the
// map it held gives the full map; an unknown or unreadable base gets the full map.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyDelta } from '@/agent/map-delta';
import type { AgentMap } from '@/agent/client';
import { baseUrl } from '../support/fixtures';
import { accountWithSetupKey } from '../support/agent-account';
import type { netbird } from '../support/netbird-client';
import { register } from '../support/peers';

let nb: ReturnType<typeof netbird>;
let key = '';

beforeAll(async () => {
  ({ nb, key } = await accountWithSetupKey());
});

interface Answer {
  status: number;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  version: string | null;
  serial: number | null;
  ms: number;
}

async function poll(token: string, query: string): Promise<Answer> {
  const started = Date.now();
  const r = await fetch(`${baseUrl()}/api/agent/sync${query}`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await r.text();
  const serial = r.headers.get('x-meshdeck-serial');
  return { status: r.status, text, body: text ? JSON.parse(text) : undefined, version: r.headers.get('x-meshdeck-map'), serial: serial === null ? null : Number(serial), ms: Date.now() - started };
}

const since = (map: AgentMap, version: string, wait: number) => `?serial=${map.serial}&wait=${wait}&base=${encodeURIComponent(version)}`;
const later = (ms: number, f: () => Promise<unknown>) => new Promise((r) => setTimeout(r, ms)).then(f);

describe('map deltas', () => {
  it('base= (holding nothing) gets the full map with its version; a plain GET has no version headers', async () => {
    const peer = await register(key, 'delta-first');
    const first = await poll(peer.body.peer_token, '?base=');
    expect(first.status).toBe(200);
    expect(first.version).toMatch(/^1\.[\w-]{22}\.[rn](\.[\w-]{11}){7}$/);
    expect(first.serial).toBe(first.body.serial);
    expect(first.body.peers).toBeInstanceOf(Array);
    const plain = await poll(peer.body.peer_token, '');
    expect(plain.version).toBeNull();
    expect(plain.serial).toBeNull();
    expect(JSON.parse(plain.text).peers).toEqual(first.body.peers);
  });

  it('a change that does not touch the map: nothing until the wait ends, then 304 with the new serial', async () => {
    const x = await register(key, 'delta-untouched');
    const first = await poll(x.body.peer_token, '?base=');
    const group = (await nb('POST', '/api/groups', { name: `unused-${Date.now()}` })).body;
    const waiting = poll(x.body.peer_token, since(first.body, first.version!, 3));
    // Deleting a group nobody is in and nothing uses moves the serial but changes no map.
    await later(500, async () => expect((await nb('DELETE', `/api/groups/${group.id}`)).status).toBe(200));
    const answer = await waiting;
    expect(answer.status).toBe(304);
    expect(answer.text).toBe('');
    expect(answer.ms).toBeGreaterThanOrEqual(2900);
    expect(answer.serial).toBeGreaterThan(first.body.serial);
    expect(answer.version).toBe(first.version);
    // Named next, the new serial and the same version: nothing to send.
    const again = await poll(x.body.peer_token, `?serial=${answer.serial}&wait=0&base=${encodeURIComponent(answer.version!)}`);
    expect(again.status).toBe(304);
    expect(again.serial).toBe(answer.serial);
  });

  it('a change that touches the map: a delta smaller than the full map that gives the full map', async () => {
    const x = await register(key, 'delta-touched');
    const others = [];
    for (let i = 0; i < 6; i++) others.push(await register(key, `delta-other-${i}`));
    const first = await poll(x.body.peer_token, '?base=');
    const held = first.body as AgentMap;
    const y = others[2].body.peer.id;
    const waiting = poll(x.body.peer_token, since(held, first.version!, 20));
    await later(300, async () => {
      const rename = { name: 'delta-renamed', ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false };
      expect((await nb('PUT', `/api/peers/${y}`, rename)).status).toBe(200);
    });
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.delta.base).toBe(first.version);
    expect(answer.body.delta.peers_changed.map((p: { id: string }) => p.id)).toEqual([y]);
    expect(answer.body.delta.peers_changed[0].name).toBe('delta-renamed');
    expect(answer.body.delta.peers_removed).toEqual([]);
    expect(answer.body.delta.packet_filter).toBeUndefined();
    const full = await poll(x.body.peer_token, '?base=');
    expect(answer.text.length).toBeLessThan(full.text.length / 2);
    expect(answer.version).toBe(full.version);
    const next = applyDelta(held, first.version!, answer.body.serial, answer.body.delta);
    const strip = (m: AgentMap) => ({ ...m, peers: m.peers.map(({ connected: _c, last_seen: _l, ...rest }) => rest) });
    expect(strip(next!)).toEqual(strip(full.body));

    // A peer deleted: its id and its DNS record's name removed.
    const gone = others[4].body.peer;
    const waiting2 = poll(x.body.peer_token, since(full.body, full.version!, 20));
    await later(300, async () => expect((await nb('DELETE', `/api/peers/${gone.id}`)).status).toBe(200));
    const removal = await waiting2;
    expect(removal.status).toBe(200);
    expect(removal.body.delta.peers_removed).toEqual([gone.id]);
    expect(removal.body.delta.records_removed).toEqual([(full.body as AgentMap).peers.find((p) => p.id === gone.id)!.dns_label]);
    expect(removal.body.delta.peers_changed).toEqual([]);
  });

  it('an unknown or unreadable base gets the full map', async () => {
    const x = await register(key, 'delta-stale');
    const first = await poll(x.body.peer_token, '?base=');
    const unknown = first.version!.replace(/^1\.[\w-]{22}/, `1.${'A'.repeat(22)}`);
    // Behind (an older serial) with a list version the server does not know: the full map at once.
    const behind = await poll(x.body.peer_token, `?serial=${first.body.serial - 1}&wait=10&base=${encodeURIComponent(unknown)}`);
    expect(behind.status).toBe(200);
    expect(behind.body.delta).toBeUndefined();
    expect(behind.body.peers).toEqual(first.body.peers);
    expect(behind.ms).toBeLessThan(5000);
    // Not a version this server makes (say a server of another version): the full map even at the current serial.
    const garbage = await poll(x.body.peer_token, `?serial=${first.body.serial}&wait=10&base=not-a-version`);
    expect(garbage.status).toBe(200);
    expect(garbage.body.peers).toEqual(first.body.peers);
    expect(garbage.version).toBe(first.version);
  });
});
