// NetBird wire shapes for DNS (components.schemas.NameserverGroup, NameserverGroupRequest,
// Nameserver, DNSSettings).
import { z } from 'zod';
import type { NameserverGroup } from '../../db/models';
import { nameserversOf, type NameserverGroupInput } from '../../domain/dns/nameservers';
import { parseJsonList } from '../../domain/json';

export const nameserverGroupRequest = z.object({
  name: z.string(),
  description: z.string(),
  nameservers: z.array(z.object({ ip: z.string(), ns_type: z.string(), port: z.number().int() })),
  enabled: z.boolean(),
  groups: z.array(z.string()),
  primary: z.boolean(),
  domains: z.array(z.string()),
  search_domains_enabled: z.boolean(),
});

export function fromNetbirdNameserverGroup(b: z.infer<typeof nameserverGroupRequest>): NameserverGroupInput {
  return {
    name: b.name,
    description: b.description,
    nameservers: b.nameservers,
    enabled: b.enabled,
    groups: b.groups,
    primary: b.primary,
    domains: b.domains,
    searchDomainsEnabled: b.search_domains_enabled,
  };
}

export function toNetbirdNameserverGroup(g: NameserverGroup) {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    nameservers: nameserversOf(g).map((ns) => ({ ip: ns.ip, ns_type: ns.ns_type, port: ns.port })),
    enabled: g.enabled,
    groups: parseJsonList(g.groups),
    primary: g.primary,
    domains: parseJsonList(g.domains),
    search_domains_enabled: g.searchDomainsEnabled,
  };
}

export const dnsSettingsRequest = z.object({
  disabled_management_groups: z.array(z.string()),
});

export const toNetbirdDnsSettings = (s: { disabledManagementGroups: string[] }) => ({ disabled_management_groups: s.disabledManagementGroups });

export type NetbirdNameserverGroup = ReturnType<typeof toNetbirdNameserverGroup>;
export type NetbirdDnsSettings = ReturnType<typeof toNetbirdDnsSettings>;
