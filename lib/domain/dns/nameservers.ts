// DNS: nameserver groups (which resolvers the peers of some groups use, for all domains or for
// match domains) and the account's DNS settings (groups whose peers are left out of DNS management).
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { NameserverGroup } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { jsonList, parseJsonArray, parseJsonList } from '../json';
import { groupIdsOfPeer, requireGroups } from '../networks/refs';
import { ipFamily, normalizeDomain } from '../validate-net';
import { checkNameChars } from '../names';
import { perSerial } from '../access/per-serial';
import { bumpNetworkSerial } from '../serial';

export interface Nameserver {
  ip: string;
  ns_type: string;
  port: number;
}

export interface NameserverGroupInput {
  name: string;
  description: string;
  nameservers: Nameserver[];
  enabled: boolean;
  groups: string[];
  primary: boolean;
  domains: string[];
  searchDomainsEnabled: boolean;
}

function validNameservers(list: Nameserver[]): Nameserver[] {
  if (list.length < 1 || list.length > 3) throw new ValidationError(`the list of nameservers should be 1 to 3 entries, got ${list.length}`);
  return list.map((ns, i) => {
    const ip = ns.ip.trim();
    if (!ipFamily(ip)) throw new ValidationError(`nameservers[${i}].ip: ${JSON.stringify(ns.ip)} is not a valid IP address`);
    if (ns.ns_type !== 'udp') throw new ValidationError(`nameservers[${i}].ns_type: only "udp" is supported`);
    if (!Number.isInteger(ns.port) || ns.port < 1 || ns.port > 65535) throw new ValidationError(`nameservers[${i}].port should be between 1 and 65535`);
    return { ip, ns_type: 'udp', port: ns.port };
  });
}

/** Primary groups resolve every domain and take no match domains; the others need at least one. */
function validDomains(primary: boolean, domains: string[], searchDomainsEnabled: boolean): string[] {
  if (primary && domains.length > 0) {
    throw new ValidationError('nameserver group primary status is true and domains are not empty, you should first set primary status to false');
  }
  if (!primary && domains.length === 0) {
    throw new ValidationError('nameserver group primary status is false and domains are empty, it should be primary or have at least one domain');
  }
  if (searchDomainsEnabled && domains.length === 0) throw new ValidationError('search domains can only be enabled for match domains');
  return [
    ...new Set(
      domains.map((d) => {
        const n = normalizeDomain(d);
        if (!n) throw new ValidationError(`domain ${JSON.stringify(d)} is not a valid domain name`);
        return n;
      }),
    ),
  ];
}

async function validate(db: Tx, accountId: string, input: NameserverGroupInput, selfId?: string) {
  if (input.name.length < 1 || input.name.length > 40 || !input.name.trim()) throw new ValidationError('nameserver group name should be between 1 and 40 characters');
  checkNameChars(input.name);
  if (input.description.length > 1000) throw new ValidationError('description should be at most 1000 characters');
  const nameservers = validNameservers(input.nameservers);
  const domains = validDomains(input.primary, input.domains, input.searchDomainsEnabled);
  if (input.groups.length === 0) throw new ValidationError('groups: distribution group field should not be empty');
  await requireGroups(db, accountId, input.groups, 'groups');
  const clash = await db.nameserverGroup.findFirst({ where: { accountId, name: input.name, ...(selfId ? { id: { not: selfId } } : {}) }, select: { id: true } });
  if (clash) throw new ValidationError(`nameserver group with name ${input.name} already exists`);
  return {
    name: input.name,
    description: input.description,
    nameservers: JSON.stringify(nameservers),
    enabled: input.enabled,
    groups: jsonList(input.groups),
    primary: input.primary,
    domains: jsonList(domains),
    searchDomainsEnabled: input.searchDomainsEnabled,
  };
}

export const nameserversOf = (g: NameserverGroup) => parseJsonArray<Nameserver>(g.nameservers);

export async function listNameserverGroups(db: Tx, actor: Actor): Promise<NameserverGroup[]> {
  return db.nameserverGroup.findMany({ where: { accountId: actor.accountId }, orderBy: { id: 'asc' } });
}

export async function getNameserverGroup(db: Tx, actor: Actor, id: string): Promise<NameserverGroup> {
  const group = await db.nameserverGroup.findFirst({ where: { id, accountId: actor.accountId } });
  if (!group) throw new NotFoundError('nameserver group', id);
  return group;
}

// Every nameserver group write can change what some peers resolve: each bumps the serial.
export async function createNameserverGroup(db: Tx, actor: Actor, input: NameserverGroupInput): Promise<NameserverGroup> {
  const data = await validate(db, actor.accountId, input);
  const g = await db.nameserverGroup.create({ data: { id: newId(), accountId: actor.accountId, ...data } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'nameserver.group.add', activity: 'Nameserver group created', targetId: g.id, meta: { name: g.name } });
  return g;
}

export async function updateNameserverGroup(db: Tx, actor: Actor, id: string, input: NameserverGroupInput): Promise<NameserverGroup> {
  const existing = await getNameserverGroup(db, actor, id);
  const g = await db.nameserverGroup.update({ where: { id: existing.id }, data: await validate(db, actor.accountId, input, existing.id) });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'nameserver.group.update', activity: 'Nameserver group updated', targetId: g.id, meta: { name: g.name } });
  return g;
}

export async function deleteNameserverGroup(db: Tx, actor: Actor, id: string): Promise<NameserverGroup> {
  const existing = await getNameserverGroup(db, actor, id);
  await db.nameserverGroup.delete({ where: { id: existing.id } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'nameserver.group.delete', activity: 'Nameserver group deleted', targetId: existing.id, meta: { name: existing.name } });
  return existing;
}

export async function getDnsSettings(db: Tx, actor: Actor): Promise<{ disabledManagementGroups: string[] }> {
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { dnsDisabledManagementGroups: true } });
  return { disabledManagementGroups: parseJsonList(account.dnsDisabledManagementGroups) };
}

/**
 * Replaces the groups without DNS management; returns the new list, what was added and removed, and
 * their names. One audit event per group that gained or lost DNS management, as NetBird records it.
 */
export async function updateDnsSettings(db: Tx, actor: Actor, input: { disabledManagementGroups: string[] }) {
  const groups = [...new Set(input.disabledManagementGroups)];
  await requireGroups(db, actor.accountId, groups, 'disabled_management_groups');
  const before = (await getDnsSettings(db, actor)).disabledManagementGroups;
  await db.account.update({ where: { id: actor.accountId }, data: { dnsDisabledManagementGroups: jsonList(groups) } });
  const added = groups.filter((g) => !before.includes(g));
  const removed = before.filter((g) => !groups.includes(g));
  const named = await inChunks([...added, ...removed], (chunk) => db.group.findMany({ where: { accountId: actor.accountId, id: { in: chunk } }, select: { id: true, name: true } }));
  const groupNames = Object.fromEntries(named.map((g) => [g.id, g.name])) as Record<string, string>;
  if (added.length || removed.length) await bumpNetworkSerial(db, actor.accountId);
  const meta = (id: string) => ({ group: groupNames[id] ?? id, group_id: id });
  for (const id of added) {
    await recordChange(db, actor, { code: 'dns.setting.disabled.management.group.add', activity: 'Group added to disabled management DNS setting', targetId: id, meta: meta(id) });
  }
  for (const id of removed) {
    await recordChange(db, actor, { code: 'dns.setting.disabled.management.group.delete', activity: 'Group removed from disabled management DNS setting', targetId: id, meta: meta(id) });
  }
  return { disabledManagementGroups: groups, added, removed, groupNames };
}

export interface PeerDnsConfig {
  /** False when the peer is in a group whose DNS management is disabled; it then gets no nameservers. */
  enabled: boolean;
  nameserverGroups: {
    id: string;
    name: string;
    nameservers: { ip: string; nsType: string; port: number }[];
    primary: boolean;
    domains: string[];
    searchDomainsEnabled: boolean;
  }[];
  /** The account's DNS domain: peers are <dnsLabel>.<domain>. */
  domain: string;
}

/** The DNS configuration one peer should receive in its network map. */
export async function dnsConfigForPeer(db: Tx, accountId: string, peerId: string, known?: { serial: number; groups: Set<string> }): Promise<PeerDnsConfig> {
  // Agent syncs pass the serial and the peer's groups: the account's DNS rows are read once per serial.
  const load = () =>
    Promise.all([
      db.account.findUniqueOrThrow({ where: { id: accountId }, select: { dnsDomain: true, dnsDisabledManagementGroups: true } }),
      db.nameserverGroup.findMany({ where: { accountId, enabled: true }, orderBy: { id: 'asc' } }),
    ]);
  const [[account, groups], mine] = await Promise.all([
    known ? perSerial(accountId, known.serial, 'dns', load) : load(),
    known ? known.groups : groupIdsOfPeer(db, accountId, peerId),
  ]);
  const enabled = !parseJsonList(account.dnsDisabledManagementGroups).some((g) => mine.has(g));
  if (!enabled) return { enabled, nameserverGroups: [], domain: account.dnsDomain };
  return {
    enabled,
    domain: account.dnsDomain,
    nameserverGroups: groups
      .filter((g) => parseJsonList(g.groups).some((id) => mine.has(id)))
      .map((g) => ({
        id: g.id,
        name: g.name,
        nameservers: nameserversOf(g).map((ns) => ({ ip: ns.ip, nsType: ns.ns_type, port: ns.port })),
        primary: g.primary,
        domains: parseJsonList(g.domains),
        searchDomainsEnabled: g.searchDomainsEnabled,
      })),
  };
}
