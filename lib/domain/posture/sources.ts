// Enforcing posture checks in the one access model (lib/domain/access/network-map.ts), as NetBird does: a
// policy's rules apply to a source peer only if it passes every posture check of the policy;
// destinations are not checked. Rather than teaching the engine about checks, each rule of such a
// policy gets as its source a synthetic group ("posture:<policyId>") holding exactly the source
// peers that pass, and those peers get that group. The engine's fast path stays as it is, and peers
// with the same groups and the same posture results still share one computed map. The synthetic
// ids live only in the model: nothing shows model groups or rule selectors by id.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Peer } from '../../db/models';
import { parseJsonArray, parseJsonObject } from '../json';
import type { NetbirdRuleInput } from '../policy/netbird-compile';
import { passesChecks, type PostureSubject } from './evaluate';
import type { Checks } from './rules';

export const POSTURE_GROUP_PREFIX = 'posture:';

export interface SourcePosture {
  /** The rules, those of policies with posture checks rewritten to their synthetic source group. */
  rules: NetbirdRuleInput[];
  /** The synthetic groups each passing peer joins, in rule order. */
  groupsOf: Map<string, string[]>;
  /** Whether the peer passes every posture check of the policy (true for a policy without checks). */
  passes(policyId: string, peerId: string): boolean;
}

interface PeerGroups {
  id: string;
  groups: readonly string[];
}

/**
 * `checks`: the account's posture check definitions by id. A check id a policy names but that no
 * longer exists is skipped (NetBird's evaluation skips it too); a peer without posture data fails.
 */
export function restrictSourcesByPosture(
  rules: NetbirdRuleInput[],
  peers: readonly PeerGroups[],
  subjects: ReadonlyMap<string, PostureSubject>,
  checks: ReadonlyMap<string, Checks>,
  allGroupId: string | undefined,
): SourcePosture {
  const checksOf = new Map(rules.map((r) => [r.policyId, r.postureChecks]));
  const results = new Map<string, boolean>();
  const passes = (policyId: string, peerId: string): boolean => {
    const ids = checksOf.get(policyId) ?? [];
    if (!ids.length) return true;
    const key = `${policyId}\u0000${peerId}`;
    let ok = results.get(key);
    if (ok === undefined) {
      const subject = subjects.get(peerId);
      ok = ids.every((id) => {
        const def = checks.get(id);
        return !def || (!!subject && passesChecks(def, subject));
      });
      results.set(key, ok);
    }
    return ok;
  };

  const membersOf = new Map<string, string[]>();
  for (const p of peers) {
    for (const g of p.groups) {
      const list = membersOf.get(g);
      if (list) list.push(p.id);
      else membersOf.set(g, [p.id]);
    }
  }
  const known = new Set(peers.map((p) => p.id));
  const groupsOf = new Map<string, string[]>();
  // One synthetic group per policy and distinct source (rules of a policy usually share theirs).
  const idBySource = new Map<string, string>();
  const countOf = new Map<string, number>();

  const out = rules.map((rule) => {
    if (!rule.postureChecks.length) return rule;
    const peerSource = rule.sourceResource?.type === 'peer' ? rule.sourceResource.id : '';
    const sourceKey = `${rule.policyId}\u0000${rule.sourceGroups.join('\u0001')}\u0000${peerSource}`;
    let id = idBySource.get(sourceKey);
    if (!id) {
      const n = countOf.get(rule.policyId) ?? 0;
      countOf.set(rule.policyId, n + 1);
      id = `${POSTURE_GROUP_PREFIX}${rule.policyId}${n ? `:${n}` : ''}`;
      idBySource.set(sourceKey, id);
      const candidates = new Set<string>();
      if (allGroupId !== undefined && rule.sourceGroups.includes(allGroupId)) for (const p of peers) candidates.add(p.id);
      else for (const g of rule.sourceGroups) for (const p of membersOf.get(g) ?? []) candidates.add(p);
      if (peerSource && known.has(peerSource)) candidates.add(peerSource);
      for (const peerId of candidates) {
        if (!passes(rule.policyId, peerId)) continue;
        const list = groupsOf.get(peerId);
        if (list) list.push(id);
        else groupsOf.set(peerId, [id]);
      }
    }
    // Network resources (host, subnet) named as the source are not peers and cannot pass a check.
    const { sourceResource: _dropped, ...rest } = rule;
    return { ...rest, sourceGroups: [id] };
  });
  return { rules: out, groupsOf, passes };
}

/** Whether an enabled policy of the account names posture checks (then maps depend on peers' meta). */
export async function anyPolicyWithPostureChecks(db: Tx, accountId: string): Promise<boolean> {
  return !!(await db.policy.findFirst({ where: { accountId, enabled: true, NOT: { sourcePostureChecks: '[]' } }, select: { id: true } }));
}

/** The peer columns posture checks read (a Prisma `select`). */
export const POSTURE_PEER_COLUMNS = { os: true, osVersion: true, kernelVersion: true, version: true, countryCode: true, cityName: true, networkAddresses: true, reportedFiles: true } as const;

export type PosturePeerRow = Pick<Peer, 'id' | keyof typeof POSTURE_PEER_COLUMNS>;

/** What the checks read of a peer, from its stored columns (the dashboard's failure counts and the access simulator name failing checks from it). */
export function postureSubject(p: PosturePeerRow): PostureSubject {
  return {
    os: p.os,
    osVersion: p.osVersion,
    kernelVersion: p.kernelVersion,
    version: p.version,
    countryCode: p.countryCode,
    cityName: p.cityName,
    networkAddresses: parseJsonArray(p.networkAddresses),
    files: parseJsonArray(p.reportedFiles),
  };
}

/**
 * The posture inputs of the account's peers and its check definitions, read only when needed.
 * `rows`: the peers with POSTURE_PEER_COLUMNS when the caller already read them; else read here.
 */
export async function loadSourcePosture(
  db: Tx,
  accountId: string,
  rules: NetbirdRuleInput[],
  peers: readonly PeerGroups[],
  allGroupId: string | undefined,
  rows?: readonly PosturePeerRow[],
): Promise<SourcePosture> {
  const ids = [...new Set(rules.flatMap((r) => r.postureChecks))];
  const [subjectRows, defs] = await Promise.all([
    rows ?? db.peer.findMany({ where: { accountId }, select: { id: true, ...POSTURE_PEER_COLUMNS } }),
    inChunks(ids, (chunk) => db.postureCheck.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, checks: true } })),
  ]);
  const subjects = new Map(subjectRows.map((p): [string, PostureSubject] => [p.id, postureSubject(p)]));
  const checks = new Map(defs.map((d) => [d.id, parseJsonObject<Checks>(d.checks) ?? {}]));
  return restrictSourcesByPosture(rules, peers, subjects, checks, allGroupId);
}

