// Helpers for the ZeroTier API tests: the controller's address, new networks, row counts.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { testDb } from './fixtures';
import type { zt } from './zerotier-client';

type Call = ReturnType<typeof zt>;

export async function controllerAddress(call: Call): Promise<string> {
  const r = await call('GET', '/status');
  expect(r.status).toBe(200);
  return r.body.address;
}

/** A new network with a random id (the `______` form), optionally configured. */
export async function createNetwork(call: Call, body: Record<string, unknown> = {}): Promise<any> {
  const address = await controllerAddress(call);
  const r = await call('POST', `/controller/network/${address}______`, body);
  expect(r.status).toBe(200);
  return r.body;
}

export const randomNodeId = () => {
  let id = randomBytes(5).toString('hex');
  if (id.startsWith('ff') || id === '0000000000') id = '1' + id.slice(1);
  return id;
};

/** Rows of every ZeroTier table and of peers, to prove a refused request wrote nothing. */
export async function ztCounts() {
  const db = await testDb();
  const [networks, members, peers, joins, moons, nodes, audit] = await Promise.all([
    db.zeroTierNetwork.count(),
    db.zeroTierMember.count(),
    db.peer.count(),
    db.zeroTierJoin.count(),
    db.zeroTierMoon.count(),
    db.zeroTierNode.count(),
    db.auditEvent.count(),
  ]);
  return { networks, members, peers, joins, moons, nodes, audit };
}

export async function auditCodes(targetId: string): Promise<string[]> {
  const db = await testDb();
  return (await db.auditEvent.findMany({ where: { targetId }, orderBy: [{ timestamp: 'asc' }, { id: 'asc' }], select: { activityCode: true } })).map((e) => e.activityCode);
}
