// kill -9 in the middle of write bursts loses no acknowledged write: groups created, peers
// registered, flow reports stored and policy-document saves answered 2xx before the kill are all
// there after a restart on the same database, and the database is intact (SQLite's integrity check).
// Three rounds, on SQLite, or on PostgreSQL when DATABASE_URL points at one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerPeer, startOwnServer, type OwnServer } from '../support/own-server';

const ROUNDS = 3;
const WORKERS = 8;
const BURST_MS = 2500;

let own: OwnServer;

beforeAll(async () => {
  own = await startOwnServer('kill9');
}, 180_000);

afterAll(async () => {
  await own?.close();
});

interface Acknowledged {
  groups: string[];
  peers: string[];
  flows: string[];
  /** Marker comments of policy documents whose save was acknowledged, in order. */
  acl: string[];
}

const rand = () => Math.random().toString(36).slice(2, 10);

function flowEvents(ids: string[]) {
  const start = new Date().toISOString();
  return ids.map((flow_id) => ({
    flow_id,
    source: { id: '', type: 'PEER', name: '', geo_location: { city_name: '', country_code: '' }, os: 'Linux', address: '100.64.0.10:51820', dns_label: null },
    destination: { id: '', type: 'PEER', name: '', geo_location: { city_name: '', country_code: '' }, os: null, address: '100.64.0.11:443', dns_label: null },
    user: { id: '', email: '', name: '' },
    policy: { id: '', name: '' },
    icmp: { type: 0, code: 0 },
    protocol: 6,
    direction: 'INGRESS',
    rx_bytes: 100,
    rx_packets: 1,
    tx_bytes: 200,
    tx_packets: 2,
    window_start: start,
    window_end: start,
    events: [{ type: 'TYPE_START', timestamp: start }],
  }));
}

/** One worker: writes of every kind in turn until the server dies; records what was acknowledged. */
async function writer(base: string, n: number, ack: Acknowledged) {
  const call = api(base, own.token);
  for (let i = 0; ; i++) {
    try {
      switch ((n + i) % 4) {
        case 0: {
          const r = await call('POST', '/api/groups', { name: `burst-${rand()}` });
          if (r.status === 200) ack.groups.push((await r.json()).id);
          break;
        }
        case 1: {
          const r = await registerPeer(base, own.setupKey, `burst-${rand()}`);
          if (r.status === 201) ack.peers.push((await r.json()).peer.id);
          break;
        }
        case 2: {
          const ids = Array.from({ length: 50 }, () => `f-${rand()}${rand()}`);
          const r = await fetch(`${base}/api/agent/flows`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${own.peerToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ events: flowEvents(ids) }),
          });
          if (r.status < 300) ack.flows.push(...ids);
          break;
        }
        case 3: {
          const marker = `burst-${rand()}`;
          const saved = await fetch(`${base}/api/v2/tailnet/-/acl`, {
            method: 'POST',
            headers: { Authorization: `Token ${own.token}`, 'Content-Type': 'application/hujson' },
            body: `// ${marker}\n{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]}`,
          });
          if (saved.status === 200) ack.acl.push(marker);
          break;
        }
      }
    } catch {
      return; // the server is gone: anything unanswered was never acknowledged
    }
  }
}

describe('kill -9 during write bursts', () => {
  it(`keeps every acknowledged write over ${ROUNDS} rounds`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const ack: Acknowledged = { groups: [], peers: [], flows: [], acl: [] };
      const base = own.server.baseUrl;
      const writers = Promise.all(Array.from({ length: WORKERS }, (_, n) => writer(base, n, ack)));
      await new Promise((r) => setTimeout(r, BURST_MS));
      await own.server.kill9();
      await writers;
      await own.restart();

      const call = api(own.server.baseUrl, own.token);
      for (const id of ack.groups) expect((await call('GET', `/api/groups/${id}`)).status, `group ${id}`).toBe(200);
      const peers = await own.db.peer.count({ where: { id: { in: ack.peers } } });
      expect(peers).toBe(ack.peers.length);
      let flows = 0;
      for (let i = 0; i < ack.flows.length; i += 500) flows += await own.db.trafficEvent.count({ where: { flowId: { in: ack.flows.slice(i, i + 500) } } });
      expect(flows).toBe(ack.flows.length);
      if (ack.acl.length) {
        const versions = await own.db.aclVersion.findMany({ select: { text: true } });
        for (const marker of ack.acl) expect(versions.some((v) => v.text.includes(marker)), `policy save ${marker}`).toBe(true);
        // The current document is the last acknowledged save or one that came after it.
        expect((await own.db.aclDocument.findFirstOrThrow()).text.startsWith('// burst-')).toBe(true);
      }
      if (!own.temp.databaseUrl) expect(await own.db.$queryRawUnsafe('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      console.log(`round ${round}: acknowledged ${ack.groups.length} groups, ${ack.peers.length} peers, ${ack.flows.length} flow events, ${ack.acl.length} policy saves; all present`);
      expect(ack.groups.length + ack.peers.length + ack.flows.length + ack.acl.length).toBeGreaterThan(10);
    }
  });
});
