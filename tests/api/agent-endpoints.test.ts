// Endpoints in the agent protocol: an agent reports its WireGuard listen port (at registration or
// through /api/agent/meta) and its interfaces; every map that holds the peer carries its endpoints,
// the address the server sees first. A change of endpoints moves the serial, so others re-sync.
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, newAccount } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { DEFAULT_META, reportMeta, wgKey } from '../support/peers';

let key = '';

beforeAll(async () => {
  const { token } = await newAccount();
  key = (await netbird(token)('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
});

/** Registration as an agent behind the given address (the test server trusts X-Forwarded-For from loopback). */
async function join(hostname: string, seenFrom: string, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) {
  const r = await fetch(`${baseUrl()}/api/agent/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': seenFrom },
    body: JSON.stringify({ setup_key: key, public_key: wgKey(), hostname, meta: { ...DEFAULT_META, ...meta }, ...extra }),
  });
  return { status: r.status, body: await r.json() };
}

async function mapOf(token: string, seenFrom = '198.18.99.99') {
  const r = await fetch(`${baseUrl()}/api/agent/sync`, { headers: { Authorization: `Bearer ${token}`, 'X-Forwarded-For': seenFrom } });
  expect(r.status).toBe(200);
  return r.json();
}

const peerIn = (map: { peers: { id: string; endpoints: string[] }[] }, id: string) => map.peers.find((p) => p.id === id);

describe('peer endpoints', () => {
  it('carries the seen address and the reported interfaces with the reported listen port', async () => {
    const a = await join('ep-a', '198.18.7.2', { listen_port: 51820 }, { network_addresses: [{ net_ip: '192.168.1.5/24' }, { net_ip: 'fe80::1/64' }, { net_ip: '2001:db8::5/64' }] });
    expect(a.status).toBe(201);
    const b = await join('ep-b', '198.18.7.3');
    const seenByB = peerIn(await mapOf(b.body.peer_token, '198.18.7.3'), a.body.peer.id);
    expect(seenByB?.endpoints).toEqual(['198.18.7.2:51820', '192.168.1.5:51820', '[2001:db8::5]:51820']);
    // B has not said where it listens: no endpoints for it.
    expect(peerIn(await mapOf(a.body.peer_token, '198.18.7.2'), b.body.peer.id)?.endpoints).toEqual([]);
  });

  it('takes a listen port reported later, and moves the serial for the other peers', async () => {
    const a = await join('late-a', '198.18.8.2', { listen_port: 51820 });
    const b = await join('late-b', '198.18.8.3', {}, { network_addresses: [{ net_ip: '10.9.8.7/24' }] });
    const before = await mapOf(a.body.peer_token, '198.18.8.2');
    const report = await reportMeta(b.body.peer_token, { meta: {}, listen_port: 41000 });
    expect(report.status).toBe(200);
    expect(report.body.changed).toBe(true);
    expect(report.body.serial).toBeGreaterThan(before.serial);
    const after = await mapOf(a.body.peer_token, '198.18.8.2');
    expect(peerIn(after, b.body.peer.id)?.endpoints).toEqual(['198.18.8.3:41000', '10.9.8.7:41000']);
    // The same report again changes nothing.
    const again = await reportMeta(b.body.peer_token, { meta: {}, listen_port: 41000 });
    expect(again.body).toEqual({ changed: false, serial: report.body.serial });
    // New interfaces are new endpoints: the serial moves although no policy has posture checks.
    const moved = await reportMeta(b.body.peer_token, { meta: { network_addresses: [{ net_ip: '10.9.8.8/24' }] } });
    expect(moved.body.serial).toBeGreaterThan(report.body.serial);
    expect(peerIn(await mapOf(a.body.peer_token, '198.18.8.2'), b.body.peer.id)?.endpoints).toEqual(['198.18.8.3:41000', '10.9.8.8:41000']);
  });

  it('puts a new seen address first when the agent moves, and moves the serial', async () => {
    const a = await join('roam-a', '198.18.9.2', { listen_port: 51820 });
    const b = await join('roam-b', '198.18.9.3', { listen_port: 51821 });
    const before = await mapOf(a.body.peer_token, '198.18.9.2');
    expect(peerIn(before, b.body.peer.id)?.endpoints).toEqual(['198.18.9.3:51821']);
    const roamed = await mapOf(b.body.peer_token, '198.18.9.33');
    expect(roamed.serial).toBeGreaterThan(before.serial);
    expect(peerIn(await mapOf(a.body.peer_token, '198.18.9.2'), b.body.peer.id)?.endpoints).toEqual(['198.18.9.33:51821']);
  });

  it('refuses a listen port that is not a port: 422 for a number out of range, 400 for another type', async () => {
    for (const listen_port of [0, 65536]) expect((await join(`bad-port-${listen_port}`, '198.18.10.2', { listen_port })).status).toBe(422);
    // Not an integer at all (zod's invalid_type).
    for (const listen_port of [1.5, '51820']) expect((await join('bad-port-type', '198.18.10.2', { listen_port })).status).toBe(400);
    const a = await join('port-ok', '198.18.10.3', { listen_port: 51820 });
    expect((await reportMeta(a.body.peer_token, { meta: {}, listen_port: -1 })).status).toBe(422);
  });
});
