// Write bursts for the kill -9 tests (tests/resilience/kill-*.test.ts): workers that write groups,
// peers, flow reports and policy-document saves in turn, recording each write the server
// acknowledged (2xx) so the test can look for all of them after the kill.
import { api, registerPeer } from './own-server';

export interface Acknowledged {
  groups: string[];
  peers: string[];
  flows: string[];
  /** Marker comments of policy documents whose save was acknowledged, in order. */
  acl: string[];
}

export const noneAcknowledged = (): Acknowledged => ({ groups: [], peers: [], flows: [], acl: [] });

export interface BurstTarget {
  base: string;
  /** An owner's API token. */
  token: string;
  /** A reusable setup key. */
  setupKey: string;
  /** An agent's token: flow reports are written only with one. */
  peerToken?: string;
}

export interface WriterOptions {
  /** Checked before each write: the worker ends when it says so (default: never, i.e. until the server is gone). */
  done?: () => boolean;
  /** Every answer, by kind of write (a survivor's answers are checked for 5xx). */
  answered?: (kind: string, status: number) => void;
  /** A request that got no answer (connection refused or reset); the worker ends after it. */
  failed?: (kind: string, error: unknown) => void;
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

/** One worker: writes of every kind in turn until `done` or the server is gone; records what was acknowledged. */
export async function writer(t: BurstTarget, n: number, ack: Acknowledged, opts: WriterOptions = {}): Promise<void> {
  const call = api(t.base, t.token);
  const kinds = t.peerToken ? ['group', 'peer', 'flows', 'acl'] : ['group', 'peer', 'acl'];
  for (let i = 0; !opts.done?.(); i++) {
    const kind = kinds[(n + i) % kinds.length];
    try {
      switch (kind) {
        case 'group': {
          const r = await call('POST', '/api/groups', { name: `burst-${rand()}` });
          opts.answered?.(kind, r.status);
          if (r.status === 200) ack.groups.push((await r.json()).id);
          break;
        }
        case 'peer': {
          const r = await registerPeer(t.base, t.setupKey, `burst-${rand()}`);
          opts.answered?.(kind, r.status);
          if (r.status === 201) ack.peers.push((await r.json()).peer.id);
          break;
        }
        case 'flows': {
          const ids = Array.from({ length: 50 }, () => `f-${rand()}${rand()}`);
          const r = await fetch(`${t.base}/api/agent/flows`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${t.peerToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ events: flowEvents(ids) }),
          });
          opts.answered?.(kind, r.status);
          if (r.status < 300) ack.flows.push(...ids);
          break;
        }
        case 'acl': {
          const marker = `burst-${rand()}`;
          const saved = await fetch(`${t.base}/api/v2/tailnet/-/acl`, {
            method: 'POST',
            headers: { Authorization: `Token ${t.token}`, 'Content-Type': 'application/hujson' },
            body: `// ${marker}\n{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]}`,
          });
          opts.answered?.(kind, saved.status);
          if (saved.status === 200) ack.acl.push(marker);
          break;
        }
      }
    } catch (e) {
      // The server is gone: anything unanswered was never acknowledged.
      opts.failed?.(kind, e);
      return;
    }
  }
}
