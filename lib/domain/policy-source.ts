// Placeholder loader of NetBird policies for the engine (replaced by the policies slice).
import type { Tx } from '../db/client';
import { parseJsonArray, parseJsonList, parseJsonObject } from './json';
import type { NetbirdRuleInput } from './policy/netbird-compile';

export async function loadNetbirdPolicies(db: Tx, accountId: string): Promise<NetbirdRuleInput[]> {
  const policies = await db.policy.findMany({ where: { accountId, enabled: true }, include: { rules: { where: { enabled: true }, orderBy: { position: 'asc' } } } });
  return policies.flatMap((p) =>
    p.rules.map((r) => ({
      policyId: p.id,
      policyName: p.name,
      ruleId: r.id,
      ruleName: r.name,
      action: r.action,
      bidirectional: r.bidirectional,
      protocol: r.protocol,
      ports: parseJsonList(r.ports),
      portRanges: parseJsonArray<{ start: number; end: number }>(r.portRanges),
      sourceGroups: parseJsonList(r.sources),
      destinationGroups: parseJsonList(r.destinations),
      sourceResource: parseJsonObject<{ id: string; type: string }>(r.sourceResource) ?? undefined,
      destinationResource: parseJsonObject<{ id: string; type: string }>(r.destinationResource) ?? undefined,
      postureChecks: parseJsonList(p.sourcePostureChecks),
    })),
  );
}
