// Access policies in NetBird's form: a Policy with an ordered list of PolicyRule rows. Every change
// can alter peers' network maps, so each one bumps the account's network serial.
import type { Tx } from '../../db/client';
import { chunks } from '../../db/chunks';
import type { Policy } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { NotFoundError } from '../errors';
import { groupSummaryMap, type GroupSummary } from '../groups/summaries';
import { newId } from '../ids';
import { jsonList, parseJsonList } from '../json';
import { readRule, validatePolicy, type PolicyInput, type StoredRule } from './policy-rules';
import { bumpNetworkSerial } from '../serial';

export interface PolicyView {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  sourcePostureChecks: string[];
  rules: (StoredRule & { id: string; sourceGroups: GroupSummary[]; destinationGroups: GroupSummary[] })[];
}

// json.ts writes string lists only; port ranges, resources and the authorized-groups map are small
// objects written here as JSON text and read back with json.ts's parsers.
const objectJson = (v: object | undefined) => (v ? JSON.stringify(v) : '');

function ruleColumns(r: StoredRule, position: number) {
  return {
    position,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    action: r.action,
    bidirectional: r.bidirectional,
    protocol: r.protocol,
    ports: jsonList(r.ports),
    portRanges: JSON.stringify(r.portRanges),
    sources: jsonList(r.sources),
    destinations: jsonList(r.destinations),
    sourceResource: objectJson(r.sourceResource),
    destinationResource: objectJson(r.destinationResource),
    authorizedGroups: JSON.stringify(r.authorizedGroups),
  };
}

async function viewsOf(db: Tx, accountId: string, policies: Policy[]): Promise<PolicyView[]> {
  if (!policies.length) return [];
  const [rows, groups] = await Promise.all([
    // One policy, or the account's: a list of every policy's id would bind a parameter per policy.
    db.policyRule.findMany({ where: policies.length === 1 ? { policyId: policies[0].id } : { policy: { accountId } }, orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
    groupSummaryMap(db, accountId),
  ]);
  const resolve = (ids: string[]) => ids.flatMap((id) => groups.get(id) ?? []);
  return policies.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    enabled: p.enabled,
    sourcePostureChecks: parseJsonList(p.sourcePostureChecks),
    rules: rows
      .filter((r) => r.policyId === p.id)
      .map(readRule)
      .map((r) => ({ ...r, sourceGroups: resolve(r.sources), destinationGroups: resolve(r.destinations) })),
  }));
}

async function findPolicy(db: Tx, actor: Actor, policyId: string) {
  const policy = await db.policy.findFirst({ where: { id: policyId, accountId: actor.accountId } });
  if (!policy) throw new NotFoundError('policy', policyId);
  return policy;
}

export async function listPolicies(db: Tx, actor: Actor): Promise<PolicyView[]> {
  const policies = await db.policy.findMany({ where: { accountId: actor.accountId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return viewsOf(db, actor.accountId, policies);
}

export async function getPolicy(db: Tx, actor: Actor, policyId: string): Promise<PolicyView> {
  return (await viewsOf(db, actor.accountId, [await findPolicy(db, actor, policyId)]))[0];
}

export async function createPolicy(db: Tx, actor: Actor, input: PolicyInput): Promise<PolicyView> {
  const valid = await validatePolicy(db, actor.accountId, input);
  const policy = await db.policy.create({
    data: {
      id: newId(),
      accountId: actor.accountId,
      name: valid.name,
      description: valid.description,
      enabled: valid.enabled,
      sourcePostureChecks: jsonList(valid.sourcePostureChecks),
    },
  });
  await db.policyRule.createMany({ data: valid.rules.map((r, i) => ({ id: newId(), policyId: policy.id, ...ruleColumns(r, i) })) });
  await bumpNetworkSerial(db, actor.accountId);
  const view = await getPolicy(db, actor, policy.id);
  await recordChange(db, actor, { code: 'policy.add', activity: 'Policy added', targetId: view.id, meta: { name: view.name } });
  return view;
}

/** Replaces the policy and its rule list; rules whose id the request gives keep that id. */
export async function updatePolicy(db: Tx, actor: Actor, policyId: string, input: PolicyInput): Promise<PolicyView> {
  const policy = await findPolicy(db, actor, policyId);
  const current = await db.policyRule.findMany({ where: { policyId: policy.id }, select: { id: true } });
  const valid = await validatePolicy(db, actor.accountId, input, new Set(current.map((r) => r.id)));
  await db.policy.update({
    where: { id: policy.id },
    data: { name: valid.name, description: valid.description, enabled: valid.enabled, sourcePostureChecks: jsonList(valid.sourcePostureChecks) },
  });
  const kept = new Set(valid.rules.flatMap((r) => (r.id ? [r.id] : [])));
  const dropped = current.map((r) => r.id).filter((id) => !kept.has(id));
  for (const chunk of chunks(dropped)) await db.policyRule.deleteMany({ where: { policyId: policy.id, id: { in: chunk } } });
  for (const [i, r] of valid.rules.entries()) {
    if (r.id) await db.policyRule.update({ where: { id: r.id }, data: ruleColumns(r, i) });
    else await db.policyRule.create({ data: { id: newId(), policyId: policy.id, ...ruleColumns(r, i) } });
  }
  await bumpNetworkSerial(db, actor.accountId);
  const view = await getPolicy(db, actor, policy.id);
  await recordChange(db, actor, { code: 'policy.update', activity: 'Policy updated', targetId: view.id, meta: { name: view.name } });
  return view;
}

export async function deletePolicy(db: Tx, actor: Actor, policyId: string) {
  const policy = await findPolicy(db, actor, policyId);
  await db.policy.delete({ where: { id: policy.id } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'policy.delete', activity: 'Policy deleted', targetId: policy.id, meta: { name: policy.name } });
  return policy;
}
