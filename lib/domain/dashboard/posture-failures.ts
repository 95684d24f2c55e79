// "Peers failing a posture check": peers that an enabled NetBird policy names as a source (through
// its groups, All, or the peer itself) and that fail one of that policy's posture checks, so the
// policy does not apply to them (the same evaluation as the access model, lib/domain/posture/sources.ts).
// Version and network comparisons are not something the database can do, so the peers' posture
// columns are read and checked here; the result depends only on what moves the network serial
// (policies, checks, memberships and the meta checks read), so it is computed once per serial.
import { inTransaction, type Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import { perSerial } from '../access/per-serial';
import { ALL_GROUP_NAME } from '../groups/all-group';
import { parseJsonObject } from '../json';
import { loadNetbirdPolicies } from '../policy/policy-source';
import { passesChecks } from '../posture/evaluate';
import type { Checks } from '../posture/rules';
import type { PostureSubject } from '../posture/evaluate';
import { POSTURE_PEER_COLUMNS, postureSubject, type PosturePeerRow } from '../posture/sources';
import { peerSnapshot } from '../access/peer-store';
import { networkSerial } from '../serial';

interface PolicyNeeds {
  checks: string[];
  everyone: boolean;
  groups: Set<string>;
  peers: Set<string>;
}

async function computeFailing(db: Tx, accountId: string): Promise<Set<string>> {
  const rules = (await loadNetbirdPolicies(db, accountId)).filter((r) => r.postureChecks.length);
  if (!rules.length) return new Set();
  const all = await db.group.findUnique({ where: { accountId_name: { accountId, name: ALL_GROUP_NAME } }, select: { id: true } });
  const policies = new Map<string, PolicyNeeds>();
  for (const r of rules) {
    let p = policies.get(r.policyId);
    if (!p) policies.set(r.policyId, (p = { checks: r.postureChecks, everyone: false, groups: new Set(), peers: new Set() }));
    for (const g of r.sourceGroups) {
      if (g === all?.id) p.everyone = true;
      else p.groups.add(g);
    }
    if (r.sourceResource?.type === 'peer') p.peers.add(r.sourceResource.id);
  }
  const list = [...policies.values()];
  const defs = await db.postureCheck.findMany({ where: { accountId }, select: { id: true, checks: true } });
  const checks = new Map(defs.map((d) => [d.id, parseJsonObject<Checks>(d.checks) ?? {}]));
  const { rows, groupsOf } = await candidates(db, accountId, list);
  const failing = new Set<string>();
  for (const row of rows) {
    const groups = groupsOf.get(row.id) ?? [];
    for (const p of list) {
      if (!p.everyone && !p.peers.has(row.id) && !groups.some((g) => p.groups.has(g))) continue;
      const subject = subjectOf(row);
      // A check the policy names but that no longer exists is skipped, as in the access model.
      if (p.checks.some((id) => checks.has(id) && !passesChecks(checks.get(id)!, subject))) {
        failing.add(row.id);
        break;
      }
    }
  }
  return failing;
}

/** What the checks read of a store row, parsed once per row object (store rows stay the same objects while unchanged). */
const subjects = new WeakMap<PosturePeerRow, PostureSubject>();
function subjectOf(row: PosturePeerRow): PostureSubject {
  let s = subjects.get(row);
  if (!s) subjects.set(row, (s = postureSubject(row)));
  return s;
}

/**
 * The peers the policies name as sources, with their groups. Outside a write transaction from the
 * in-memory peer store (lib/domain/access/peer-store.ts: no read of 100,000 rows per change); inside
 * one from the database, only the members of the named groups.
 */
async function candidates(db: Tx, accountId: string, list: PolicyNeeds[]): Promise<{ rows: readonly PosturePeerRow[]; groupsOf: ReadonlyMap<string, readonly string[]> }> {
  if (!inTransaction(db)) {
    const snap = await peerSnapshot(db, accountId);
    return { rows: snap.peers, groupsOf: snap.groupsOf };
  }
  const groupIds = [...new Set(list.flatMap((p) => [...p.groups]))];
  const memberships = await inChunks(groupIds, (chunk) => db.groupPeer.findMany({ where: { groupId: { in: chunk }, group: { accountId } }, select: { groupId: true, peerId: true } }));
  const groupsOf = new Map<string, string[]>();
  for (const m of memberships) (groupsOf.get(m.peerId) ?? groupsOf.set(m.peerId, []).get(m.peerId)!).push(m.groupId);
  const everyone = list.some((p) => p.everyone);
  const named = [...new Set([...groupsOf.keys(), ...list.flatMap((p) => [...p.peers])])];
  const rows = everyone
    ? await db.peer.findMany({ where: { accountId }, select: { id: true, ...POSTURE_PEER_COLUMNS } })
    : await inChunks(named, (chunk) => db.peer.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, ...POSTURE_PEER_COLUMNS } }));
  return { rows, groupsOf };
}

/** The ids of the account's peers failing a posture check of a policy they are a source of (every peer; callers narrow to what the actor sees). */
export async function failingPostureIds(db: Tx, accountId: string): Promise<ReadonlySet<string>> {
  // Inside a write transaction nothing is shared (what it reads may not be committed).
  if (inTransaction(db)) return computeFailing(db, accountId);
  const serial = await networkSerial(db, accountId);
  return perSerial(accountId, serial, 'dashboard:posture-failing', () => computeFailing(db, accountId));
}
