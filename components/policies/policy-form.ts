// A policy as the console's form holds it, and the NetBird request body it becomes. The form's
// checks are the simple ones (something chosen, ports well formed); the server checks the rest and
// its message is shown as is.
import type { NetbirdPolicy as Policy } from '@/lib/dialects/netbird/policies';
import type { PortRange, StoredRule } from '@/lib/domain/policy/policy-rules';
import { formatPorts, parsePorts } from '../forms/ports';

export type { Policy };

/** A rule as the form holds it: the stored rule's fields, with the ports as typed text. */
export interface RuleForm extends Pick<StoredRule, 'name' | 'description' | 'enabled' | 'action' | 'bidirectional' | 'protocol' | 'sources' | 'destinations' | 'sourceResource' | 'destinationResource'> {
  id?: string;
  ports: string;
  authorizedGroups?: Record<string, string[]>;
}

export interface PolicyForm {
  name: string;
  description: string;
  enabled: boolean;
  postureChecks: string[];
  rules: RuleForm[];
}

export const PROTOCOLS = ['all', 'tcp', 'udp', 'icmp', 'netbird-ssh'] as const;
export const takesPorts = (protocol: string) => protocol === 'tcp' || protocol === 'udp';

export const newRule = (): RuleForm => ({ name: '', description: '', enabled: true, action: 'accept', bidirectional: true, protocol: 'all', ports: '', sources: [], destinations: [] });

export const newPolicy = (): PolicyForm => ({ name: '', description: '', enabled: true, postureChecks: [], rules: [newRule()] });

export function formOf(p: Policy): PolicyForm {
  return {
    name: p.name,
    description: p.description,
    enabled: p.enabled,
    postureChecks: p.source_posture_checks ?? [],
    rules: p.rules.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      enabled: r.enabled,
      action: r.action,
      bidirectional: r.bidirectional,
      protocol: r.protocol,
      ports: formatPorts(r.ports, r.port_ranges),
      sources: (r.sources ?? []).map((g) => g.id),
      destinations: (r.destinations ?? []).map((g) => g.id),
      sourceResource: r.sourceResource,
      destinationResource: r.destinationResource,
      authorizedGroups: r.authorized_groups,
    })),
  };
}

function ruleBody(r: RuleForm, i: number, policyName: string) {
  const label = `Rule ${i + 1}`;
  if (!r.sources.length && !r.sourceResource) throw new Error(`${label}: choose at least one source group.`);
  if (!r.destinations.length && !r.destinationResource) throw new Error(`${label}: choose at least one destination group.`);
  let ports: string[] = [];
  let portRanges: PortRange[] = [];
  if (takesPorts(r.protocol)) {
    const parsed = parsePorts(r.ports);
    if ('error' in parsed) throw new Error(`${label}: ${parsed.error}`);
    ({ ports, portRanges } = parsed);
  }
  return {
    ...(r.id ? { id: r.id } : {}),
    // NetBird's console names a policy's rule after the policy when nobody names it.
    name: r.name.trim() || policyName,
    description: r.description,
    enabled: r.enabled,
    action: r.action,
    bidirectional: r.bidirectional,
    protocol: r.protocol,
    ...(ports.length ? { ports } : {}),
    ...(portRanges.length ? { port_ranges: portRanges } : {}),
    ...(r.sourceResource ? { sourceResource: r.sourceResource } : { sources: r.sources }),
    ...(r.destinationResource ? { destinationResource: r.destinationResource } : { destinations: r.destinations }),
    ...(r.protocol === 'netbird-ssh' && r.authorizedGroups ? { authorized_groups: r.authorizedGroups } : {}),
  };
}

/** The PolicyCreate/PolicyUpdate body, or an Error saying what to fix first. */
export function policyBody(f: PolicyForm) {
  const name = f.name.trim();
  if (!name) throw new Error('Give the policy a name.');
  if (!f.rules.length) throw new Error('A policy needs at least one rule.');
  return {
    name,
    description: f.description.trim(),
    enabled: f.enabled,
    source_posture_checks: f.postureChecks,
    rules: f.rules.map((r, i) => ruleBody(r, i, name)),
  };
}
