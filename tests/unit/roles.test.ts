import { describe, expect, it } from 'vitest';
import { allows, ROLES, type Permission } from '@/lib/domain/users/roles';

describe('roles', () => {
  it('grant exactly this matrix', () => {
    const table: Record<Permission, string[]> = {
      read: ['owner', 'admin', 'user', 'auditor'],
      self: ['owner', 'admin', 'user'],
      admin: ['owner', 'admin'],
      owner: ['owner'],
      audit: ['owner', 'admin', 'auditor'],
    };
    for (const [perm, who] of Object.entries(table)) {
      for (const role of ROLES) expect(allows(role, perm as Permission), `${role} ${perm}`).toBe(who.includes(role));
    }
  });
});
