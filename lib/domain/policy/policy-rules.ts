// Policy rules: what a rule may say (NetBird's rules for actions, protocols, ports and the groups,
// resources and posture checks it names), and how a stored PolicyRule row reads back.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { PolicyRule } from '../../db/models';
import { ValidationError } from '../errors';
import { parseJsonArray, parseJsonList, parseJsonObject } from '../json';
import { checkNameChars } from '../names';

export const RULE_ACTIONS = ['accept', 'drop'] as const;
export const RULE_PROTOCOLS = ['all', 'tcp', 'udp', 'icmp', 'netbird-ssh'] as const;
/** NetBird's Resource.type: a network resource's kind, or a single peer. */
export const RESOURCE_TYPES = ['host', 'subnet', 'domain', 'peer'] as const;
const PORT_PROTOCOLS = new Set(['tcp', 'udp']);
const MAX_NAME = 255;

export interface ResourceRef {
  id: string;
  type: string;
}

export interface PortRange {
  start: number;
  end: number;
}

export interface RuleInput {
  /** On update, the id of one of the policy's rules to keep; ignored on create. */
  id?: string;
  name: string;
  description?: string;
  enabled: boolean;
  action: string;
  bidirectional: boolean;
  protocol: string;
  ports?: string[];
  portRanges?: PortRange[];
  sources?: string[];
  destinations?: string[];
  sourceResource?: ResourceRef;
  destinationResource?: ResourceRef;
  authorizedGroups?: Record<string, string[]>;
}

export interface PolicyInput {
  name: string;
  description?: string;
  enabled: boolean;
  sourcePostureChecks?: string[];
  rules: RuleInput[];
}

/** A rule as stored and read back (also what a validated input becomes). */
export interface StoredRule {
  id?: string;
  name: string;
  description: string;
  enabled: boolean;
  action: string;
  bidirectional: boolean;
  protocol: string;
  ports: string[];
  portRanges: PortRange[];
  sources: string[];
  destinations: string[];
  sourceResource?: ResourceRef;
  destinationResource?: ResourceRef;
  authorizedGroups: Record<string, string[]>;
}

export interface ValidPolicy {
  name: string;
  description: string;
  enabled: boolean;
  sourcePostureChecks: string[];
  rules: StoredRule[];
}

function resourceOf(text: string): ResourceRef | undefined {
  const o = parseJsonObject<{ id?: unknown; type?: unknown }>(text);
  return o && typeof o.id === 'string' && typeof o.type === 'string' ? { id: o.id, type: o.type } : undefined;
}

export function readRule(row: PolicyRule): StoredRule & { id: string } {
  const authorized = parseJsonObject<Record<string, unknown>>(row.authorizedGroups) ?? {};
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    action: row.action,
    bidirectional: row.bidirectional,
    protocol: row.protocol,
    ports: parseJsonList(row.ports),
    portRanges: parseJsonArray<PortRange>(row.portRanges),
    sources: parseJsonList(row.sources),
    destinations: parseJsonList(row.destinations),
    sourceResource: resourceOf(row.sourceResource),
    destinationResource: resourceOf(row.destinationResource),
    authorizedGroups: Object.fromEntries(
      Object.entries(authorized).map(([g, users]) => [g, Array.isArray(users) ? users.filter((u): u is string => typeof u === 'string') : []]),
    ),
  };
}

function cleanName(raw: string, what: string): string {
  const name = raw.trim();
  if (!name) throw new ValidationError(`${what} name shouldn't be empty`);
  checkNameChars(name, `${what} name`);
  if (name.length > MAX_NAME) throw new ValidationError(`${what} name is too long (${MAX_NAME} characters at most)`);
  return name;
}

function oneOf<T extends string>(values: readonly T[], v: string, what: string): T {
  if (!(values as readonly string[]).includes(v)) throw new ValidationError(`${what} must be one of ${values.join(', ')} (got "${v}")`);
  return v as T;
}

function checkPorts(rule: RuleInput, protocol: string, label: string): { ports: string[]; portRanges: PortRange[] } {
  const ports = rule.ports ?? [];
  const ranges = rule.portRanges ?? [];
  if (ports.length && ranges.length) throw new ValidationError(`${label}: specify either individual ports or port ranges, not both`);
  if ((ports.length || ranges.length) && !PORT_PROTOCOLS.has(protocol)) {
    throw new ValidationError(`${label}: ports are only allowed for the tcp and udp protocols, not ${protocol}`);
  }
  const cleanPorts: string[] = [];
  for (const p of ports) {
    const n = /^\s*\d{1,5}\s*$/.test(p) ? Number(p) : NaN;
    if (!(n >= 1 && n <= 65535)) throw new ValidationError(`${label}: port "${p}" is not valid; valid port values are in the 1..65535 range`);
    if (!cleanPorts.includes(String(n))) cleanPorts.push(String(n));
  }
  for (const r of ranges) {
    if (r.start < 1 || r.end > 65535 || r.start > r.end) {
      throw new ValidationError(`${label}: port range ${r.start}-${r.end} is not valid; ranges go from a start to an end (start ≤ end) within 1..65535`);
    }
  }
  return { ports: cleanPorts, portRanges: ranges.map((r) => ({ start: r.start, end: r.end })) };
}

function checkEnds(groups: string[] | undefined, resource: ResourceRef | undefined, side: 'source' | 'destination', label: string) {
  const list = [...new Set(groups ?? [])];
  if (list.length && resource) throw new ValidationError(`${label}: specify either ${side}s or a ${side} resource, not both`);
  if (!list.length && !resource) throw new ValidationError(`${label}: specify ${side}s (group ids) or a ${side} resource`);
  if (resource) {
    oneOf(RESOURCE_TYPES, resource.type, `${label}: ${side} resource type`);
    if (!resource.id.trim()) throw new ValidationError(`${label}: ${side} resource id shouldn't be empty`);
  }
  return { list, resource: resource ? { id: resource.id, type: resource.type } : undefined };
}

function checkRule(rule: RuleInput, index: number): StoredRule {
  const label = `rule ${index + 1}`;
  const name = cleanName(rule.name, label);
  const action = oneOf(RULE_ACTIONS, rule.action, `${label}: action`);
  const protocol = oneOf(RULE_PROTOCOLS, rule.protocol, `${label}: protocol`);
  const { ports, portRanges } = checkPorts(rule, protocol, label);
  const src = checkEnds(rule.sources, rule.sourceResource, 'source', label);
  const dst = checkEnds(rule.destinations, rule.destinationResource, 'destination', label);
  const authorizedGroups: Record<string, string[]> = {};
  for (const [groupId, users] of Object.entries(rule.authorizedGroups ?? {})) {
    if (protocol !== 'netbird-ssh') throw new ValidationError(`${label}: authorized_groups only apply to the netbird-ssh protocol`);
    const cleaned = [...new Set(users.map((u) => u.trim()))];
    if (cleaned.some((u) => !u)) throw new ValidationError(`${label}: local user names in authorized_groups shouldn't be empty`);
    authorizedGroups[groupId] = cleaned;
  }
  return {
    id: rule.id,
    name,
    description: rule.description ?? '',
    enabled: rule.enabled,
    action,
    bidirectional: rule.bidirectional,
    protocol,
    ports,
    portRanges,
    sources: src.list,
    destinations: dst.list,
    sourceResource: src.resource,
    destinationResource: dst.resource,
    authorizedGroups,
  };
}

async function missingIds(ids: Set<string>, find: (ids: string[]) => Promise<{ id: string }[]>): Promise<string | undefined> {
  if (!ids.size) return undefined;
  const found = new Set((await find([...ids])).map((r) => r.id));
  return [...ids].find((id) => !found.has(id));
}

/**
 * Checks a whole policy and everything it names in the account. `keepRuleIds` is the policy's
 * current rule ids on update (a request may only keep those), undefined on create.
 */
export async function validatePolicy(db: Tx, accountId: string, input: PolicyInput, keepRuleIds?: Set<string>): Promise<ValidPolicy> {
  const name = cleanName(input.name, 'policy');
  if (!input.rules.length) throw new ValidationError("policy rules shouldn't be empty");
  const rules = input.rules.map((r, i) => checkRule(r, i));

  const seen = new Set<string>();
  for (const r of rules) {
    if (!keepRuleIds) r.id = undefined;
    else if (r.id !== undefined) {
      if (!keepRuleIds.has(r.id)) throw new ValidationError(`invalid rule ID: ${r.id} is not a rule of this policy`);
      if (seen.has(r.id)) throw new ValidationError(`rule ID ${r.id} is given twice`);
      seen.add(r.id);
    }
  }

  const groupIds = new Set<string>();
  const peerIds = new Set<string>();
  const resources = new Map<string, string>();
  for (const r of rules) {
    for (const g of [...r.sources, ...r.destinations, ...Object.keys(r.authorizedGroups)]) groupIds.add(g);
    for (const res of [r.sourceResource, r.destinationResource]) {
      if (!res) continue;
      if (res.type === 'peer') peerIds.add(res.id);
      else resources.set(res.id, res.type);
    }
  }
  const postureChecks = [...new Set(input.sourcePostureChecks ?? [])];

  const missingGroup = await missingIds(groupIds, (ids) => inChunks(ids, (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true } })));
  if (missingGroup !== undefined) throw new ValidationError(`group with ID "${missingGroup}" not found`);
  const missingPeer = await missingIds(peerIds, (ids) => inChunks(ids, (chunk) => db.peer.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true } })));
  if (missingPeer !== undefined) throw new ValidationError(`peer with ID "${missingPeer}" not found`);
  if (resources.size) {
    const rows = await inChunks([...resources.keys()], (chunk) => db.networkResource.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, type: true } }));
    const typeOf = new Map(rows.map((r) => [r.id, r.type]));
    for (const [id, type] of resources) {
      if (!typeOf.has(id)) throw new ValidationError(`network resource with ID "${id}" not found`);
      if (typeOf.get(id) !== type) throw new ValidationError(`network resource ${id} is a ${typeOf.get(id)}, not a ${type}`);
    }
  }
  const missingCheck = await missingIds(new Set(postureChecks), (ids) =>
    inChunks(ids, (chunk) => db.postureCheck.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true } })),
  );
  if (missingCheck !== undefined) throw new ValidationError(`posture check with ID "${missingCheck}" not found`);

  return { name, description: input.description ?? '', enabled: input.enabled, sourcePostureChecks: postureChecks, rules };
}
