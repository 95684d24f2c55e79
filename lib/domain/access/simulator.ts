// The access simulator: "can this source reach that destination (on this protocol and port), and
// which rules decide it?" — against the saved state, and optionally with an unsaved policy document
// in place of the saved one ("after save"). One engine: the account's access model for the current
// serial (network-map.ts: its peers, their groups, posture results, the compiled document), the
// NetBird rules as netbird-compile.ts makes them, and explain.ts's per-pair reading of both.
// Documented in docs/console.md, "Access simulator".
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { allGroupId } from '../groups/all-group';
import { HujsonSyntaxError, lineLocator, parse } from '../hujson';
import { parseJsonList, parseJsonObject } from '../json';
import { parsePolicyText } from '../acl/check';
import { policyTextOf, topologyFromRows, topologyPeers, topologyUsers } from '../acl/topology';
import { compileNetbird } from '../policy/netbird-compile';
import { loadNetbirdPolicies } from '../policy/policy-source';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '../policy/tailscale/compile';
import type { PostureOracle, Probe } from '../policy/explain';
import { passesChecks } from '../posture/evaluate';
import type { Checks } from '../posture/rules';
import { POSTURE_PEER_COLUMNS, postureSubject } from '../posture/sources';
import { accessModel } from './network-map';
import { answer, type AccessAnswer, type AnswerInput } from './simulator-answer';
import { resolveDestination, resolveSource, type DestinationRef, type SourceRef } from './simulator-targets';

export type { AccessAnswer, Decider } from './simulator-answer';

export const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, sctp: 132 };

export interface AccessQuestion {
  source: SourceRef;
  destination: DestinationRef;
  /** tcp | udp | icmp | sctp | an IANA number; absent: any. */
  protocol?: string | number;
  port?: number;
  /** An unsaved policy document: also answer as if it were saved. */
  document?: string;
}

export interface AccessCheck {
  source: { kind: string; id: string; name: string; peers: number };
  destination: { kind: string; id: string; name: string };
  protocol: number | null;
  port: number | null;
  saved: AccessAnswer;
  /** With an unsaved document: the answer after saving it, or why it cannot be saved. */
  unsaved?: AccessAnswer | { error: string };
}

function probeOf(q: AccessQuestion): Probe {
  let protocol: number | undefined;
  if (q.protocol !== undefined && q.protocol !== 'any' && q.protocol !== '') {
    protocol = typeof q.protocol === 'number' ? q.protocol : (PROTOCOLS[q.protocol.toLowerCase()] ?? (/^\d{1,3}$/.test(q.protocol) ? Number(q.protocol) : NaN));
    if (!Number.isInteger(protocol) || protocol! < 0 || protocol! > 255) throw new ValidationError(`invalid protocol ${JSON.stringify(q.protocol)}: want tcp, udp, icmp, sctp or a number 0-255`, 'value', 'protocol');
  }
  if (q.port !== undefined && (!Number.isInteger(q.port) || q.port < 0 || q.port > 65535)) throw new ValidationError(`invalid port ${q.port}: want 0-65535`, 'value', 'port');
  return { ...(protocol !== undefined ? { protocol } : {}), ...(q.port !== undefined ? { port: q.port } : {}) };
}

/** The unsaved document compiled as a save would (its tests aside: the answer is wanted before they pass). */
function compileUnsaved(text: string, topology: Parameters<typeof compileTailscalePolicy>[1]): CompiledTailscalePolicy | { error: string } {
  try {
    const doc = parsePolicyText(text);
    const compiled = compileTailscalePolicy({ ...doc, tests: undefined, sshTests: undefined }, topology);
    return isCompileError(compiled) ? { error: compiled.error } : compiled;
  } catch (e) {
    if (e instanceof HujsonSyntaxError || e instanceof ValidationError) return { error: e.message };
    throw e;
  }
}

const locator = (text: string) => {
  let lineOf: ((pointer: string) => number | undefined) | undefined;
  return (pointer: string) => {
    try {
      return (lineOf ??= lineLocator(parse(text)))(pointer);
    } catch {
      return undefined;
    }
  };
};

export async function checkAccess(db: Tx, actor: Actor, q: AccessQuestion): Promise<AccessCheck> {
  const accountId = actor.accountId;
  const probe = probeOf(q);
  const [source, destination] = await Promise.all([resolveSource(db, accountId, q.source), resolveDestination(db, accountId, q.destination)]);
  const [{ model }, policies, allId, resources, savedText] = await Promise.all([
    accessModel(db, accountId),
    loadNetbirdPolicies(db, accountId),
    allGroupId(db, accountId),
    db.networkResource.findMany({ where: { accountId }, select: { id: true, address: true } }),
    policyTextOf(db, accountId),
  ]);
  const addresses = new Map(resources.map((r) => [r.id, r.address]));
  const withChecks = new Set(policies.filter((p) => p.postureChecks.length).map((p) => p.policyId));
  const posture: PostureOracle = { hasChecks: (id) => withChecks.has(id), passes: (id, peer) => model.passesPosture(id, peer) };
  const base: Omit<AnswerInput, 'acl' | 'lineOf'> = { peers: model.netbird.peers, rules: compileNetbird(policies, allId, (id) => addresses.get(id)), posture, allGroupId: allId };
  const saved = answer({ ...base, acl: model.acl?.compiled ?? null, lineOf: locator(savedText) }, source, destination, probe);

  let unsaved: AccessCheck['unsaved'];
  if (q.document !== undefined) {
    const [users, peers] = await Promise.all([topologyUsers(db, accountId), topologyPeers(db, accountId)]);
    const active = peers.filter((p) => model.netbird.peers.get(p.id)?.active);
    const compiled = compileUnsaved(q.document, topologyFromRows(users, active));
    unsaved = 'error' in compiled ? compiled : answer({ ...base, acl: compiled, lineOf: locator(q.document) }, source, destination, probe);
  }
  await nameFailedChecks(db, accountId, [saved, ...(unsaved && !('error' in unsaved) ? [unsaved] : [])]);
  return {
    source: { kind: source.kind, id: source.id, name: source.name, peers: source.peerIds.length },
    destination: { kind: destination.asked, id: destination.id, name: destination.name },
    protocol: probe.protocol ?? null,
    port: probe.port ?? null,
    saved,
    ...(unsaved ? { unsaved } : {}),
  };
}

/** For each posture decider: the checks of its policy that its peer fails, by name. */
async function nameFailedChecks(db: Tx, accountId: string, answers: AccessAnswer[]) {
  const wanted = answers.flatMap((a) => a.deciders).filter((d) => d.kind === 'netbird' && d.effect === 'posture');
  if (!wanted.length) return;
  const policyIds = [...new Set(wanted.map((d) => (d.kind === 'netbird' ? d.policyId : '')))];
  const peerIds = [...new Set(wanted.map((d) => (d.kind === 'netbird' ? d.peerId! : '')))];
  const [policies, checks, peers] = await Promise.all([
    db.policy.findMany({ where: { accountId, id: { in: policyIds } }, select: { id: true, sourcePostureChecks: true } }),
    db.postureCheck.findMany({ where: { accountId }, select: { id: true, name: true, checks: true } }),
    db.peer.findMany({ where: { accountId, id: { in: peerIds } }, select: { id: true, ...POSTURE_PEER_COLUMNS } }),
  ]);
  const checkIds = new Map(policies.map((p) => [p.id, parseJsonList(p.sourcePostureChecks)]));
  const defs = new Map(checks.map((c) => [c.id, c]));
  const subjects = new Map(peers.map((p) => [p.id, postureSubject(p)]));
  for (const d of wanted) {
    if (d.kind !== 'netbird') continue;
    const subject = subjects.get(d.peerId!);
    d.failedChecks = (checkIds.get(d.policyId) ?? [])
      .map((id) => defs.get(id))
      .filter((c): c is NonNullable<typeof c> => !!c && (!subject || !passesChecks(parseJsonObject<Checks>(c.checks) ?? {}, subject)))
      .map((c) => ({ id: c.id, name: c.name }));
  }
}
