export interface SetupKey {
  id: string;
  name: string;
  key: string;
  type: 'one-off' | 'reusable';
  state: 'valid' | 'expired' | 'revoked' | 'overused';
  valid: boolean;
  revoked: boolean;
  used_times: number;
  usage_limit: number;
  last_used: string;
  expires: string;
  auto_groups: string[];
  ephemeral: boolean;
  allow_extra_dns_labels: boolean;
}

export const NEVER = '0001-01-01T00:00:00Z';
