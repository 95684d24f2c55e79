// NetBird policies → intermediate rules.
import { emptySelector, type PortRange, type Rule, type Selector } from './ir';

/** A NetBird policy rule as lib/domain/policy/policy-source.ts loads it (enabled policies and rules only). */
export interface NetbirdRuleInput {
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

const PROTOCOLS: Record<string, number[]> = { all: [], tcp: [6], udp: [17], icmp: [1, 58], 'netbird-ssh': [6] };

function selector(groups: string[], resource: { id: string; type: string } | undefined, allGroupId: string | undefined, resourceAddress: (id: string) => string | undefined): Selector {
  const s = emptySelector();
  for (const g of groups) {
    if (g === allGroupId) s.all = true;
    else s.groups.push(g);
  }
  if (resource) {
    if (resource.type === 'peer') s.peers.push(resource.id);
    else {
      const address = resourceAddress(resource.id);
      if (address) s.cidrs.push(address);
    }
  }
  return s;
}

function ports(r: NetbirdRuleInput): PortRange[] {
  if (r.protocol === 'netbird-ssh') return [{ first: 22, last: 22 }];
  const out: PortRange[] = [];
  for (const p of r.ports) {
    const n = Number(p);
    if (Number.isInteger(n)) out.push({ first: n, last: n });
  }
  for (const pr of r.portRanges) out.push({ first: pr.start, last: pr.end });
  return out;
}

export function compileNetbird(rules: NetbirdRuleInput[], allGroupId: string | undefined, resourceAddress: (id: string) => string | undefined = () => undefined): Rule[] {
  return rules.map((r) => ({
    id: `nb:${r.ruleId}`,
    origin: { kind: 'netbird', policyId: r.policyId, policyName: r.policyName, ruleId: r.ruleId, ruleName: r.ruleName },
    action: r.action === 'drop' ? 'drop' : 'accept',
    src: selector(r.sourceGroups, r.sourceResource, allGroupId, resourceAddress),
    dst: selector(r.destinationGroups, r.destinationResource, allGroupId, resourceAddress),
    protocols: PROTOCOLS[r.protocol] ?? [],
    ports: ports(r),
    bidirectional: r.bidirectional,
  }));
}
