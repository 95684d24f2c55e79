// What the policy engine reads from the NetBird-style policies: every enabled rule of every enabled
// policy of an account, flattened into plain objects, in policy order then rule order. Disabled
// policies and rules are left out here so the engine never has to know about them.
import type { Tx } from '../db/client';
import { parseJsonList } from './json';
import { readRule } from './policy-rules';

export interface NetbirdPolicyRule {
  policyId: string;
  policyName: string;
  ruleId: string;
  ruleName: string;
  action: 'accept' | 'drop';
  bidirectional: boolean;
  /** all | tcp | udp | icmp | netbird-ssh */
  protocol: string;
  /** Single ports as decimal strings ("443"); only for tcp/udp. */
  ports: string[];
  portRanges: { start: number; end: number }[];
  /** Group ids. */
  sourceGroups: string[];
  destinationGroups: string[];
  /** A single peer (`type: 'peer'`) or network resource (host/subnet/domain) instead of groups. */
  sourceResource?: { id: string; type: string };
  destinationResource?: { id: string; type: string };
  /** Posture check ids the source peers must pass (the policy's source_posture_checks). */
  postureChecks: string[];
}

export async function loadNetbirdPolicies(db: Tx, accountId: string): Promise<NetbirdPolicyRule[]> {
  const policies = await db.policy.findMany({
    where: { accountId, enabled: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { rules: { where: { enabled: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
  });
  return policies.flatMap((p) => {
    const postureChecks = parseJsonList(p.sourcePostureChecks);
    return p.rules.map((row) => {
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
