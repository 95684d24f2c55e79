// NetBird's nameserver group and DNS settings shapes, as /api/dns/* sends them.
export interface Nameserver {
  ip: string;
  ns_type: string;
  port: number;
}

export interface NameserverGroup {
  id: string;
  name: string;
  description: string;
  nameservers: Nameserver[];
  enabled: boolean;
  groups: string[];
  primary: boolean;
  domains: string[];
  search_domains_enabled: boolean;
}

export type NameserverGroupDraft = Omit<NameserverGroup, 'id'>;

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
