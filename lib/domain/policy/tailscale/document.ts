// Reading the policy document's declarations (groups, hosts, tagOwners, ipsets) into checked maps,
// rejecting what Tailscale rejects with its wording.
import { parsePrefix } from './ipset';
import { PolicyError } from './syntax';

export interface PolicyDoc {
  groups?: Record<string, unknown>;
  hosts?: Record<string, unknown>;
  tagOwners?: Record<string, unknown>;
  ipsets?: Record<string, unknown>;
  acls?: unknown;
  grants?: unknown;
  tests?: unknown;
  ssh?: unknown;
  sshTests?: unknown;
  nodeAttrs?: unknown;
  autoApprovers?: unknown;
  [key: string]: unknown;
}

export interface Declarations {
  groups: Map<string, string[]>;
  hosts: Map<string, string>;
  tagOwners: Map<string, string[]>;
  ipsets: Map<string, string[]>;
  /** Every rule of the syntax reference applies (a save), not only those a saved document already met. */
  strict: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringList(v: unknown, where: string): string[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new PolicyError(`${where}: expected a list of strings`);
  return v as string[];
}

function section(doc: PolicyDoc, key: string): Record<string, unknown> {
  const v = doc[key];
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new PolicyError(`${key}: expected an object`);
  return v;
}

export function readDeclarations(doc: PolicyDoc, strict = true): Declarations {
  const groups = new Map<string, string[]>();
  const rawGroups = section(doc, 'groups');
  for (const [name, members] of Object.entries(rawGroups)) {
    if (!name.startsWith('group:')) throw new PolicyError(`groups[${JSON.stringify(name)}]: group names must start with 'group:'`);
    groups.set(name, stringList(members, `groups[${JSON.stringify(name)}]`));
  }
  // Groups hold users only. Report the nesting the way Tailscale does (deepest parent first).
  for (const name of [...groups.keys()].sort().reverse()) {
    const nested = groups.get(name)!.find((m) => m.startsWith('group:'));
    if (nested) throw new PolicyError(`groups[${JSON.stringify(name)}]: ${JSON.stringify(nested)}: group members cannot be recursive`);
  }

  const tagOwners = new Map<string, string[]>();
  for (const [tag, owners] of Object.entries(section(doc, 'tagOwners'))) {
    const problem = tagNameProblem(tag);
    if (problem) throw new PolicyError(`tagOwners[${JSON.stringify(tag)}]: ${problem}`);
    tagOwners.set(tag, stringList(owners, `tagOwners[${JSON.stringify(tag)}]`));
  }
  for (const [tag, owners] of tagOwners) {
    for (const o of owners) {
      if (o.startsWith('tag:') && !tagOwners.has(o)) throw new PolicyError(`tagOwners[${JSON.stringify(tag)}]: tag not found: ${JSON.stringify(o)}`);
      if (o.startsWith('group:') && !groups.has(o)) throw new PolicyError(`tagOwners[${JSON.stringify(tag)}]: group not found: ${JSON.stringify(o)}`);
    }
  }

  const hosts = new Map<string, string>();
  for (const [name, value] of Object.entries(section(doc, 'hosts'))) {
    // Tailscale's words (tailscale/tailscale#7886, #16614): an alias is neither a login nor host:port.
    if (strict && name.includes('@')) throw new PolicyError(`host names cannot include an @, please change the name for ${JSON.stringify(name)}`);
    if (strict && name.includes(':')) throw new PolicyError('host name must not contain colon (:)');
    if (typeof value !== 'string' || !parsePrefix(value)) throw new PolicyError(`hosts[${JSON.stringify(name)}]: invalid IP address or prefix ${JSON.stringify(value)}`);
    hosts.set(name, value);
  }

  const ipsets = new Map<string, string[]>();
  for (const [name, entries] of Object.entries(section(doc, 'ipsets'))) {
    if (!name.startsWith('ipset:')) throw new PolicyError(`ipsets[${JSON.stringify(name)}]: ipset names must start with 'ipset:'`);
    ipsets.set(name, stringList(entries, `ipsets[${JSON.stringify(name)}]`));
  }
  return { groups, hosts, tagOwners, ipsets, strict };
}

/**
 * Tag names in the policy: Tailscale's words from tailcfg.CheckTag, but only its prefix, empty-name
 * and first-letter rules — the control plane accepts the characters after the first letter that a
 * device could not advertise (dots, underscores), so a policy naming them still saves.
 */
export function tagNameProblem(tag: string): string | undefined {
  if (!tag.startsWith('tag:')) return "tags must start with 'tag:'";
  const name = tag.slice(4);
  if (!name) return 'tag names must not be empty';
  if (!/^[A-Za-z]/.test(name)) return "tag names must start with a letter, after 'tag:'";
  return undefined;
}
