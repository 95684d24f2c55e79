// Helpers for the events slice's API tests: peers with agent tokens (made directly in the database,
// as the peers API is another slice), realistic flow events, and a spec check for the locations
// lists (NetBird answers arrays of Country / City objects there; see docs/netbird-events.md).
import { randomBytes, randomInt } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { newId } from '@/lib/domain/ids';
import type { Prisma } from '@/lib/db/models';
import { hashSecret, newAccessToken } from '@/lib/domain/secrets';
import { baseUrl, testDb } from './fixtures';
import { netbird } from './netbird-client';
import { netbirdApi } from './openapi';

export interface TestPeer {
  id: string;
  name: string;
  ip: string;
  token: string;
}

/** A peer row with an agent token of its own (sent as `Authorization: Bearer <token>`). */
export async function newPeer(accountId: string, data: Partial<Prisma.PeerUncheckedCreateInput> = {}): Promise<TestPeer> {
  const db = await testDb();
  const id = newId();
  const token = newAccessToken('nbpeer_');
  const name = data.name ?? `peer-${id.slice(-6)}`;
  const ip = `100.${64 + randomInt(64)}.${randomInt(256)}.${1 + randomInt(254)}`;
  await db.peer.create({
    data: { id, accountId, name, dnsLabel: `${name}-${id.slice(-6)}`, ip, wgPubKey: randomBytes(32).toString('base64'), agentTokenHash: hashSecret(token), ...data },
  });
  return { id, name, ip, token };
}

/** POST /api/agent/flows as a peer. */
export function postFlows(peerToken: string, body: unknown) {
  return netbird('')('POST', '/api/agent/flows', body, { Authorization: `Bearer ${peerToken}` });
}

export interface FlowOptions {
  flowId?: string;
  src?: { id?: string; type?: string; name?: string; address?: string };
  dst?: { id?: string; type?: string; name?: string; address?: string };
  user?: { id: string; email: string; name: string };
  protocol?: number;
  direction?: string;
  start?: string;
  types?: string[];
  bytes?: number;
}

/** A flow event as a NetBird agent reports it. */
export function flow(o: FlowOptions = {}) {
  const start = o.start ?? '2025-03-20T16:23:58.125397Z';
  const end = new Date(Date.parse(start) + 5_000).toISOString();
  return {
    flow_id: o.flowId ?? crypto.randomUUID(),
    source: { id: '', type: 'PEER', name: '', geo_location: { city_name: 'Berlin', country_code: 'DE' }, os: 'Linux', address: '100.64.0.10:51820', dns_label: 'src.meshdeck.internal', ...o.src },
    destination: { id: '', type: 'PEER', name: '', geo_location: { city_name: '', country_code: '' }, os: null, address: '100.64.0.11:443', dns_label: null, ...o.dst },
    user: o.user ?? { id: '', email: '', name: '' },
    policy: { id: 'ch8i4ug6lnn4g9hqv7m0', name: 'All to All' },
    icmp: { type: 0, code: 0 },
    protocol: o.protocol ?? 6,
    direction: o.direction ?? 'INGRESS',
    rx_bytes: o.bytes ?? 1234,
    rx_packets: 5,
    tx_bytes: o.bytes ?? 4321,
    tx_packets: 7,
    window_start: start,
    window_end: end,
    events: (o.types ?? ['TYPE_START']).map((type) => ({ type, timestamp: start })),
  };
}

let ajv: InstanceType<typeof Ajv2020> | undefined;

/**
 * GET a NetBird locations list and check every item against the spec's component schema
 * (`Country` or `City`). The spec's response schemas for these two paths say a bare string list
 * and a single City, while NetBird's server (and its clients) use arrays of these objects.
 */
export async function getLocationList(token: string, path: string, component: 'Country' | 'City') {
  const r = await fetch(`${baseUrl()}${path}`, { headers: { Authorization: `Token ${token}` } });
  const body = await r.json();
  expect(r.status, JSON.stringify(body).slice(0, 200)).toBe(200);
  expect(Array.isArray(body)).toBe(true);
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addKeyword('example');
    ajv.addSchema({ components: netbirdApi().doc.components, $id: 'spec' });
  }
  const validate = ajv.compile({ $ref: `spec#/components/schemas/${component}` });
  for (const item of body) {
    if (!validate(item)) throw new Error(`${path}: ${JSON.stringify(item)} is not a ${component}: ${ajv.errorsText(validate.errors)}`);
  }
  return body as Record<string, unknown>[];
}
