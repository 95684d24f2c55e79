// Tailscale wire shapes for users (components.schemas.User) and the list's filters. Roles: owner,
// admin and auditor keep their names; meshdeck's regular `user` is Tailscale's `member`.
import { z } from 'zod';
import type { Account, User } from '../../db/models';
import type { UserActivity } from '../../domain/users/tailnet-users';
import { displayEmail } from '../../domain/users/users';

const ROLE: Record<string, string> = { owner: 'owner', admin: 'admin', user: 'member', auditor: 'auditor' };
export const tailscaleRole = (role: string) => ROLE[role] ?? 'member';

/** Tailscale: active = seen within 28 days, idle = longer ago (or never). */
const IDLE_AFTER = 28 * 86_400_000;

function status(u: User, a: UserActivity, now: number) {
  if (u.status === 'blocked') return 'suspended';
  if (u.status === 'pending') return 'needs-approval';
  return a.connected || (a.lastSeen && now - a.lastSeen.getTime() <= IDLE_AFTER) ? 'active' : 'idle';
}

export function toTailscaleUser(u: User, account: Pick<Account, 'domain'>, a: UserActivity, now = Date.now()) {
  return {
    id: u.id,
    displayName: u.name,
    loginName: displayEmail(u),
    profilePicUrl: '',
    tailnetId: account.domain,
    created: u.createdAt.toISOString(),
    type: 'member',
    role: tailscaleRole(u.role),
    status: status(u, a, now),
    deviceCount: a.deviceCount,
    ...(a.lastSeen ? { lastSeen: a.lastSeen.toISOString() } : {}),
    currentlyConnected: a.connected,
  };
}

export const usersQuery = z.object({
  type: z.enum(['member', 'shared', 'all']).default('member'),
  role: z.enum(['owner', 'member', 'admin', 'it-admin', 'network-admin', 'billing-admin', 'auditor', 'all']).default('all'),
});
