// Helpers for tests that need peers: WireGuard-shaped keys, registration through the agent API,
// and direct inserts of groups and policies (for slices whose APIs a test does not exercise).
import { randomBytes } from 'node:crypto';
import { baseUrl, testDb } from './fixtures';
import { newId } from '@/lib/domain/ids';
import { jsonList } from '@/lib/domain/json';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { allocatePeerAddresses } from '@/lib/domain/peers/ipam';

export const wgKey = () => randomBytes(32).toString('base64');

export const DEFAULT_META = { os: 'linux', os_version: 'Debian 12', kernel_version: '6.1.0', version: '0.60.0', ui_version: '', serial_number: 'SN1' };

/** `meta`: fields to send instead of (or next to) DEFAULT_META's. */
export async function register(setupKey: string, hostname = `host-${newId().slice(-5)}`, publicKey = wgKey(), meta: Record<string, unknown> = {}) {
  const r = await fetch(`${baseUrl()}/api/agent/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ setup_key: setupKey, public_key: publicKey, hostname, meta: { ...DEFAULT_META, ...meta } }),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined, publicKey };
}

export async function sync(peerToken: string) {
  const r = await fetch(`${baseUrl()}/api/agent/sync`, { headers: { Authorization: `Bearer ${peerToken}` } });
  return { status: r.status, body: await r.json() };
}

/** POST /api/agent/meta with the peer token; `body` is sent as is when given as a string. */
export async function reportMeta(peerToken: string, body: unknown) {
  const r = await fetch(`${baseUrl()}/api/agent/meta`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${peerToken}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

export async function insertGroup(accountId: string, name: string, peerIds: string[] = []) {
  const db = await testDb();
  const g = await db.group.create({ data: { id: newId(), accountId, name } });
  if (peerIds.length) await db.groupPeer.createMany({ data: peerIds.map((peerId) => ({ groupId: g.id, peerId })) });
  await bumpNetworkSerial(db, accountId);
  return g;
}

export async function insertPolicy(accountId: string, rule: { sources: string[]; destinations: string[]; protocol?: string; ports?: string[]; bidirectional?: boolean; action?: string }) {
  const db = await testDb();
  const p = await db.policy.create({
    data: {
      id: newId(),
      accountId,
      name: `policy-${newId().slice(-4)}`,
      rules: {
        create: [
          {
            id: newId(),
            name: 'rule',
            action: rule.action ?? 'accept',
            protocol: rule.protocol ?? 'all',
            bidirectional: rule.bidirectional ?? false,
            ports: jsonList(rule.ports ?? []),
            sources: jsonList(rule.sources),
            destinations: jsonList(rule.destinations),
          },
        ],
      },
    },
  });
  await bumpNetworkSerial(db, accountId);
  return p;
}

/** A peer row straight in the database, with free addresses and a unique DNS label. */
export async function insertPeer(accountId: string, name = `peer-${newId().slice(-6)}`, data: Record<string, unknown> = {}) {
  const db = await testDb();
  const { ip, ipv6 } = await allocatePeerAddresses(db, accountId);
  const peer = await db.peer.create({
    data: { id: newId(), accountId, name, hostname: name, dnsLabel: `${name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${newId().slice(-6)}`, ip, ipv6, wgPubKey: wgKey(), ...data },
  });
  await bumpNetworkSerial(db, accountId);
  return peer;
}
