// The account's effective access, computed once per network serial and shared by every caller:
// listings, accessible-peers, the agent network map, the console's effective access. A change
// anywhere bumps the serial (lib/domain/serial.ts); the next caller updates the model from the
// previous one and the peer store (only what changed is recomputed), everyone else reuses it.
import { inTransaction, type Tx } from '../../db/client';
import type { Peer } from '../../db/models';
import { peerSnapshot } from './peer-store';
import { allGroupId } from '../groups/all-group';
import { loadAclAccess, type AclAccess } from '../acl/access';
import { AccessModel, type FilterRule, type ModelPeer, type PeerAccess } from '../policy/evaluate';
import { compileNetbird } from '../policy/netbird-compile';
import { loadNetbirdPolicies } from '../policy/policy-source';
import { loadSourcePosture, type SourcePosture } from '../posture/sources';
import { networkSerial } from '../serial';
import type { PeerNode } from '../policy/peer-set';
import type { SshPolicy } from '../policy/tailscale/ssh-policy';
import type { VisibleSet } from '../policy/tailscale/visibility';

/**
 * The account's effective access: its NetBird policies and its access-policy document together.
 * A peer sees the union of both; its packet filter holds the rules of both.
 */
export class EffectiveAccess {
  private readonly merged = new Map<string, PeerAccess>();

  constructor(
    readonly netbird: AccessModel,
    readonly acl: AclAccess | null,
    /** Set when some policy has posture checks (lib/domain/posture/sources.ts). */
    private readonly posture?: SourcePosture,
  ) {}

  /** Whether the peer passes the posture checks of a NetBird policy (true when it has none). */
  passesPosture(policyId: string, peerId: string): boolean {
    return this.posture ? this.posture.passes(policyId, peerId) : true;
  }

  access(peerId: string): PeerAccess {
    if (!this.acl) return this.netbird.access(peerId);
    let out = this.merged.get(peerId);
    if (out) return out;
    const base = this.netbird.access(peerId);
    if (!this.netbird.peers.get(peerId)?.active) return base;
    const aclFilter = this.acl.filter(peerId) as FilterRule[];
    const acl = this.acl;
    out = new MergedAccess(base, () => acl.peers(peerId), [...base.filter, ...aclFilter], aclFilter.length ? [...base.rules, 'acl'] : base.rules);
    this.merged.set(peerId, out);
    return out;
  }

  /**
   * How many peers it sees under both, without building its list: a listing of N peers must not
   * cost N² (every peer's union of two N-long lists was 12 s at 5,000 peers and ran out of memory on
   * the way to 25,000). Both sides' lists are shared by similar peers, so the size of each pair's
   * union is counted once; the peer itself is left out when either side lists it.
   */
  visibleCount(peerId: string): number {
    const a = this.acl ? this.netbird.sharedVisible(peerId) : null;
    if (!a) return this.netbird.visibleCount(peerId);
    // Every active peer already, and the document's peers are all active.
    if (a === 'everyone') return this.netbird.activeCount - 1;
    const b = this.acl!.visible(peerId);
    if (!b) return a.nodes.length - (a.self ? 1 : 0);
    return this.unionSize(a.nodes, b.nodes) - (a.self || b.includesSelf ? 1 : 0);
  }

  private readonly unions = new WeakMap<readonly unknown[], WeakMap<readonly unknown[], number>>();

  private unionSize(a: readonly PeerNode[], b: VisibleSet['nodes']): number {
    let byB = this.unions.get(a);
    if (!byB) this.unions.set(a, (byB = new WeakMap()));
    let size = byB.get(b);
    if (size === undefined) {
      const ids = new Set(a.map((n) => n.peer.id));
      for (const n of b) ids.add(n.name);
      byB.set(b, (size = ids.size));
    }
    return size;
  }

  private readonly lists = new WeakMap<readonly unknown[], WeakMap<object, SharedList>>();
  private readonly single = new WeakMap<readonly unknown[], SharedList>();
  private everyoneList?: SharedList;

  /**
   * The peers this peer sees as a list shared with every peer that sees the same ones (it may
   * include the peer itself): agent maps serialize each shared list once, not once per agent.
   * Null for an inactive peer. The same object for peers with the same list, while this model lives.
   */
  visibleList(peerId: string): SharedList | null {
    const a = this.netbird.sharedVisible(peerId);
    if (!a) return null;
    if (a === 'everyone') return (this.everyoneList ??= { ids: this.netbird.activeIds() });
    const b = this.acl?.visible(peerId);
    if (!b) {
      let list = this.single.get(a.nodes);
      if (!list) this.single.set(a.nodes, (list = { ids: a.nodes.map((n) => n.peer.id) }));
      return list;
    }
    let byB = this.lists.get(a.nodes);
    if (!byB) this.lists.set(a.nodes, (byB = new WeakMap()));
    let list = byB.get(b.nodes);
    if (!list) {
      const ids = new Set(a.nodes.map((n) => n.peer.id));
      for (const n of b.nodes) ids.add(n.name);
      byB.set(b.nodes, (list = { ids: [...ids] }));
    }
    return list;
  }

  /** The peer's SSH policy (NetBird policies grant none: NetBird SSH is port 22 in the packet filter). */
  ssh(peerId: string): SshPolicy {
    if (!this.acl || !this.netbird.peers.get(peerId)?.active) return { rules: [] };
    return this.acl.ssh(peerId);
  }
}

/** Ids of the peers some peers see, shared by all of them (see EffectiveAccess.visibleList). */
export interface SharedList {
  readonly ids: readonly string[];
}

const sets = new WeakMap<SharedList, ReadonlySet<string>>();

/** The list as a set, built once per list. */
export function listSet(list: SharedList): ReadonlySet<string> {
  let set = sets.get(list);
  if (!set) sets.set(list, (set = new Set(list.ids)));
  return set;
}

/** NetBird access plus the document's: peers are the union (reason "acl"), built when asked. */
class MergedAccess implements PeerAccess {
  private ids?: readonly string[];
  private reasons?: Map<string, Set<string>>;

  private aclList?: readonly string[];

  constructor(
    private readonly base: PeerAccess,
    /** The document's peers, listed only when asked (an agent map serializes a shared list instead). */
    private readonly aclPeersOf: () => readonly string[],
    readonly filter: FilterRule[],
    readonly rules: readonly string[],
  ) {}

  private get aclPeers(): readonly string[] {
    return (this.aclList ??= this.aclPeersOf());
  }

  get peerIds(): readonly string[] {
    return (this.ids ??= [...new Set([...this.base.peerIds, ...this.aclPeers])]);
  }

  get visible(): ReadonlyMap<string, ReadonlySet<string>> {
    if (this.reasons) return this.reasons;
    const out = new Map<string, Set<string>>([...this.base.visible].map(([id, why]) => [id, new Set(why)]));
    for (const id of this.aclPeers) {
      const why = out.get(id) ?? new Set<string>();
      why.add('acl');
      out.set(id, why);
    }
    return (this.reasons = out);
  }
}

interface Cached {
  serial: number;
  model: Promise<EffectiveAccess>;
}

const g = globalThis as unknown as { __meshdeckModels?: Map<string, Cached> };
const cache = (g.__meshdeckModels ??= new Map());

/** The peers a model is built from: every peer of the account, oldest first, and its groups. */
export interface PeerSource {
  peers: readonly Peer[];
  groupsOf: ReadonlyMap<string, readonly string[]>;
}

const NO_GROUPS: readonly string[] = Object.freeze([]);
/** Model peers by store row (rows stay the same objects while unchanged). */
const modelPeerOf = new WeakMap<Peer, ModelPeer>();

/** Read inside a transaction (uncommitted data must not reach the shared store). */
async function readPeerSource(db: Tx, accountId: string): Promise<PeerSource> {
  const [peers, memberships] = await Promise.all([
    db.peer.findMany({ where: { accountId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    db.groupPeer.findMany({ where: { peer: { accountId } }, select: { groupId: true, peerId: true } }),
  ]);
  const groupsOf = new Map<string, string[]>();
  for (const m of memberships) {
    const list = groupsOf.get(m.peerId);
    if (list) list.push(m.groupId);
    else groupsOf.set(m.peerId, [m.groupId]);
  }
  return { peers, groupsOf };
}

/**
 * `previous`: the model of an earlier serial; its peer sets and signatures that the change did not
 * touch are reused (AccessModel.update), so one changed peer or rule does not redo everything.
 */
async function buildModel(db: Tx, accountId: string, source: PeerSource, previous?: Promise<EffectiveAccess>): Promise<EffectiveAccess> {
  const [blocked, rules, allId, resources] = await Promise.all([
    db.user.findMany({ where: { accountId, status: 'blocked' }, select: { id: true } }),
    loadNetbirdPolicies(db, accountId),
    allGroupId(db, accountId),
    db.networkResource.findMany({ where: { accountId }, select: { id: true, address: true } }),
  ]);
  const { peers, groupsOf } = source;
  const blockedUsers = new Set(blocked.map((u) => u.id));
  // Posture checks restrict policy sources through synthetic groups; no policy with checks, no work.
  const posture = rules.some((r) => r.postureChecks.length)
    ? await loadSourcePosture(db, accountId, rules, peers.map((p) => ({ id: p.id, groups: groupsOf.get(p.id) ?? [] })), allId, peers)
    : undefined;
  const modelPeers: ModelPeer[] = peers.map((p) => {
    const extra = posture?.groupsOf.get(p.id);
    const groups = (groupsOf.get(p.id) ?? NO_GROUPS) as string[];
    const active = !p.approvalRequired && !(p.userId && blockedUsers.has(p.userId));
    // The same object as last time when nothing it holds changed: the model compares by identity first.
    const last = extra ? undefined : modelPeerOf.get(p);
    if (last && last.groups === groups && last.active === active) return last;
    const node = { id: p.id, ip: p.ip, ipv6: p.ipv6, groups: extra ? [...groups, ...extra] : groups, active };
    if (!extra) modelPeerOf.set(p, node);
    return node;
  });
  const addresses = new Map(resources.map((r) => [r.id, r.address]));
  const compiled = compileNetbird(posture?.rules ?? rules, allId, (id) => addresses.get(id));
  const before = await previous?.catch(() => undefined);
  const netbird = before ? before.netbird.update(modelPeers, compiled) : new AccessModel(modelPeers, compiled);
  const active = new Set(modelPeers.filter((p) => p.active).map((p) => p.id));
  const acl = await loadAclAccess(db, accountId, peers.filter((p) => active.has(p.id)), before?.acl?.compiled);
  return new EffectiveAccess(netbird, acl, posture);
}

/**
 * The access model for the account's current serial, built from the in-memory peer store
 * (lib/domain/access/peer-store.ts) and shared by every request. Inside a write transaction it is
 * built from what the transaction sees and not shared: uncommitted data must not be cached.
 */
export async function accessModel(db: Tx, accountId: string, shared = true): Promise<{ serial: number; model: EffectiveAccess }> {
  const serial = await networkSerial(db, accountId);
  if (!shared || inTransaction(db)) return { serial, model: await buildModel(db, accountId, await readPeerSource(db, accountId)) };
  let entry = cache.get(accountId);
  if (!entry || entry.serial !== serial) {
    // The snapshot is taken after the serial was read, so it holds at least what that serial covers.
    const previous = entry?.model;
    entry = { serial, model: peerSnapshot(db, accountId).then((snap) => buildModel(db, accountId, snap, previous)) };
    cache.set(accountId, entry);
    entry.model.catch(() => cache.delete(accountId));
  }
  return { serial, model: await entry.model };
}
