// What the policy engine reads from the NetBird-style policies: every enabled rule of every enabled
// policy of an account, flattened into plain objects, in policy order then rule order. Disabled
// policies and rules are left out here so the engine never has to know about them.
import type { Tx } from '../../db/client';
import { parseJsonList } from '../json';
import { readRule } from './policy-rules';
import type { NetbirdRuleInput } from './netbird-compile';

/** The engine's input shape (lib/domain/policy/netbird-compile.ts). */
export type NetbirdPolicyRule = NetbirdRuleInput;

export async function loadNetbirdPolicies(db: Tx, accountId: string): Promise<NetbirdPolicyRule[]> {
  // Rules in a query of their own, filtered by account: an `include` would list every policy's id
  // as a parameter (refused beyond 999 on SQLite).
  const [policies, rows] = await Promise.all([
    db.policy.findMany({ where: { accountId, enabled: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    db.policyRule.findMany({ where: { enabled: true, policy: { accountId, enabled: true } }, orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
  ]);
  const rulesOf = new Map<string, typeof rows>();
  for (const row of rows) (rulesOf.get(row.policyId) ?? rulesOf.set(row.policyId, []).get(row.policyId)!).push(row);
  return policies.flatMap((p) => {
    const postureChecks = parseJsonList(p.sourcePostureChecks);
    return (rulesOf.get(p.id) ?? []).map((row) => {
      const r = readRule(row);
      return {
        policyId: p.id,
        policyName: p.name,
        ruleId: r.id,
        ruleName: r.name,
        action: r.action === 'drop' ? 'drop' : 'accept',
        bidirectional: r.bidirectional,
        protocol: r.protocol,
        ports: r.ports,
        portRanges: r.portRanges,
        sourceGroups: r.sources,
        destinationGroups: r.destinations,
        ...(r.sourceResource ? { sourceResource: r.sourceResource } : {}),
        ...(r.destinationResource ? { destinationResource: r.destinationResource } : {}),
        postureChecks: [...postureChecks],
      };
    });
  });
}
