// NetBird wire shapes for policies (components.schemas.Policy, PolicyRule, PolicyUpdate/PolicyCreate,
// PolicyRuleUpdate). Sources and destinations go in as group ids and come out as GroupMinimum objects.
import { z } from 'zod';
import type { PolicyView } from '../../domain/policy/policies';
import type { PolicyInput } from '../../domain/policy/policy-rules';
import { toNetbirdGroupMinimum } from './groups';

const resource = z.object({ id: z.string(), type: z.string() });
const portRange = z.object({ start: z.number().int(), end: z.number().int() });

// Optional fields may be sent as null (NetBird's Go decoder treats null as absent).
const ruleRequest = z.object({
  id: z.string().nullish(),
  name: z.string(),
  description: z.string().nullish(),
  enabled: z.boolean(),
  action: z.string(),
  bidirectional: z.boolean(),
  protocol: z.string(),
  ports: z.array(z.string()).nullish(),
  port_ranges: z.array(portRange).nullish(),
  sources: z.array(z.string()).nullish(),
  destinations: z.array(z.string()).nullish(),
  sourceResource: resource.nullish(),
  destinationResource: resource.nullish(),
  authorized_groups: z.record(z.string(), z.array(z.string())).nullish(),
});

/** The body of POST (PolicyUpdate) and PUT (PolicyCreate): the spec gives both the same fields. */
export const policyRequest = z.object({
  name: z.string(),
  description: z.string().nullish(),
  enabled: z.boolean(),
  source_posture_checks: z.array(z.string()).nullish(),
  rules: z.array(ruleRequest),
});

const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

export function policyInput(body: z.infer<typeof policyRequest>): PolicyInput {
  return {
    name: body.name,
    description: opt(body.description),
    enabled: body.enabled,
    sourcePostureChecks: opt(body.source_posture_checks),
    rules: body.rules.map((r) => ({
      id: opt(r.id),
      name: r.name,
      description: opt(r.description),
      enabled: r.enabled,
      action: r.action,
      bidirectional: r.bidirectional,
      protocol: r.protocol,
      ports: opt(r.ports),
      portRanges: opt(r.port_ranges),
      sources: opt(r.sources),
      destinations: opt(r.destinations),
      sourceResource: opt(r.sourceResource),
      destinationResource: opt(r.destinationResource),
      authorizedGroups: opt(r.authorized_groups),
    })),
  };
}

export function toNetbirdPolicy(p: PolicyView) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    enabled: p.enabled,
    source_posture_checks: p.sourcePostureChecks,
    rules: p.rules.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      enabled: r.enabled,
      action: r.action,
      bidirectional: r.bidirectional,
      protocol: r.protocol,
      ...(r.ports.length ? { ports: r.ports } : {}),
      ...(r.portRanges.length ? { port_ranges: r.portRanges.map((x) => ({ start: x.start, end: x.end })) } : {}),
      ...(Object.keys(r.authorizedGroups).length ? { authorized_groups: r.authorizedGroups } : {}),
      sources: r.sourceGroups.map(toNetbirdGroupMinimum),
      destinations: r.destinationGroups.map(toNetbirdGroupMinimum),
      ...(r.sourceResource ? { sourceResource: { id: r.sourceResource.id, type: r.sourceResource.type } } : {}),
      ...(r.destinationResource ? { destinationResource: { id: r.destinationResource.id, type: r.destinationResource.type } } : {}),
    })),
  };
}

export type NetbirdPolicy = ReturnType<typeof toNetbirdPolicy>;
export type NetbirdPolicyRule = NetbirdPolicy['rules'][number];
