// The account's effective access, computed once per network serial and shared by every caller:
// accessible-peers, the agent network map, and (later) ACL previews. A change anywhere bumps the
// serial (lib/domain/serial.ts); the next caller rebuilds the model, everyone else reuses it.
import type { Tx } from '../db/client';
import { allGroupId } from './groups-core';
import { AccessModel, type ModelPeer } from './policy/evaluate';
import { compileNetbird } from './policy/netbird-compile';
import { loadNetbirdPolicies } from './policy-source';
import { networkSerial } from './serial';

interface Cached {
  serial: number;
  model: Promise<AccessModel>;
}

const g = globalThis as unknown as { __meshdeckModels?: Map<string, Cached> };
const cache = (g.__meshdeckModels ??= new Map());

async function buildModel(db: Tx, accountId: string): Promise<AccessModel> {
  const [peers, memberships, blocked, rules, allId, resources] = await Promise.all([
    db.peer.findMany({ where: { accountId }, select: { id: true, ip: true, ipv6: true, userId: true, approvalRequired: true } }),
    db.groupPeer.findMany({ where: { group: { accountId } }, select: { groupId: true, peerId: true } }),
    db.user.findMany({ where: { accountId, status: 'blocked' }, select: { id: true } }),
    loadNetbirdPolicies(db, accountId),
    allGroupId(db, accountId),
    db.networkResource.findMany({ where: { accountId }, select: { id: true, address: true } }),
  ]);
  const groupsOf = new Map<string, string[]>();
  for (const m of memberships) {
    const list = groupsOf.get(m.peerId);
    if (list) list.push(m.groupId);
    else groupsOf.set(m.peerId, [m.groupId]);
  }
  const blockedUsers = new Set(blocked.map((u) => u.id));
  const modelPeers: ModelPeer[] = peers.map((p) => ({
    id: p.id,
    ip: p.ip,
    ipv6: p.ipv6,
    groups: groupsOf.get(p.id) ?? [],
    active: !p.approvalRequired && !(p.userId && blockedUsers.has(p.userId)),
  }));
  const addresses = new Map(resources.map((r) => [r.id, r.address]));
  return new AccessModel(modelPeers, compileNetbird(rules, allId, (id) => addresses.get(id)));
}

/**
 * The access model for the account's current serial. Inside a write transaction pass
 * `shared: false`: a model built from uncommitted data must not be cached for others.
 */
export async function accessModel(db: Tx, accountId: string, shared = true): Promise<{ serial: number; model: AccessModel }> {
  const serial = await networkSerial(db, accountId);
  if (!shared) return { serial, model: await buildModel(db, accountId) };
  let entry = cache.get(accountId);
  if (!entry || entry.serial !== serial) {
    entry = { serial, model: buildModel(db, accountId) };
    cache.set(accountId, entry);
    entry.model.catch(() => cache.delete(accountId));
  }
  return { serial, model: await entry.model };
}
