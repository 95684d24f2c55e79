// meshdeck's own installation API (operators' accounts and operators, invitations): wire shapes in
// snake_case like the NetBird API the console mostly speaks, with NetBird's error shape.
import { z } from 'zod';
import type { Account } from '../../db/models';

export const tenantCreate = z.object({
  name: z.string(),
  domain: z.string(),
  owner_email: z.string(),
  owner_name: z.string().optional(),
});

const quota = z.number().int().min(0).max(10_000_000).nullable().optional();

export const tenantUpdate = z.object({
  name: z.string().optional(),
  status: z.enum(['active', 'suspended']).optional(),
  peer_quota: quota,
  api_requests_per_minute: quota,
});

export const operatorGrant = z.object({ email: z.string() });

export const inviteSecret = z.object({ secret: z.string().max(200) });
export const inviteAccept = z.object({ secret: z.string().max(200), password: z.string() });

export interface TenantRow {
  account: Account;
  peers: number;
  users: number;
  owners: string[];
  installation: boolean;
}

export function toTenant(t: TenantRow) {
  const a = t.account;
  return {
    id: a.id,
    name: a.name,
    domain: a.domain,
    status: a.status,
    created_at: a.createdAt.toISOString(),
    peers: t.peers,
    users: t.users,
    owners: t.owners,
    peer_quota: a.peerQuota,
    api_requests_per_minute: a.apiRequestsPerMinute,
    installation: t.installation,
  };
}

export const updateInput = (b: z.infer<typeof tenantUpdate>) => ({
  name: b.name,
  status: b.status,
  peerQuota: b.peer_quota,
  apiRequestsPerMinute: b.api_requests_per_minute,
});

export interface MembershipRow {
  accountId: string;
  accountName: string;
  domain: string;
  role: string;
  status: string;
  accountStatus: string;
}

export const toMembership = (m: MembershipRow, current: string) => ({
  account_id: m.accountId,
  account_name: m.accountName,
  domain: m.domain,
  role: m.role,
  status: m.status,
  account_status: m.accountStatus,
  current: m.accountId === current,
});
