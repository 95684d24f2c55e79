// The nameserver group form's draft: NetBird's NameserverGroup (lib/dialects/netbird/dns.ts) without its id.
import type { NetbirdNameserverGroup } from '@/lib/dialects/netbird/dns';

export type NameserverGroupDraft = Omit<NetbirdNameserverGroup, 'id'>;

export const EMPTY_GROUP: NameserverGroupDraft = {
  name: '',
  description: '',
  nameservers: [{ ip: '', ns_type: 'udp', port: 53 }],
  enabled: true,
  groups: [],
  primary: true,
  domains: [],
  search_domains_enabled: false,
};
