// Roles and what they may do. NetBird's role names; `auditor` sees everything and changes nothing.

export const ROLES = ['owner', 'admin', 'user', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/**
 * What a route needs:
 * - `read`: any active user may read (what they see may still be narrowed by the service);
 * - `self`: any active user except auditors, acting on their own objects (own tokens);
 * - `admin`: change account objects (owner or admin);
 * - `owner`: account-level destructive operations;
 * - `audit`: read account-wide data (owner, admin, auditor).
 */
export type Permission = 'read' | 'self' | 'admin' | 'owner' | 'audit';

export function allows(role: Role, need: Permission): boolean {
  switch (need) {
    case 'read':
      return true;
    case 'self':
      return role !== 'auditor';
    case 'admin':
      return role === 'owner' || role === 'admin';
    case 'owner':
      return role === 'owner';
    case 'audit':
      return role === 'owner' || role === 'admin' || role === 'auditor';
  }
}
