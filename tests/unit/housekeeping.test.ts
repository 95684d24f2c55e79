// The leader's sweep removes only rows that have expired: a live Ziti session, invitation,
// request count or limit window stays.
import { describe, expect, it } from 'vitest';
import { sweepExpired } from '@/lib/domain/housekeeping';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import { createAccountInvite } from '@/lib/domain/users/account-invites';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';

async function tempSqliteDb() {
  const file = join(mkdtempSync(join(tmpdir(), 'md-house-')), 'db.sqlite');
  await migrate({ provider: 'sqlite', file }, join(import.meta.dirname, '../..'));
  return createDb({ provider: 'sqlite', file });
}

describe('sweepExpired', () => {
  it('removes expired rows and keeps live ones', async () => {
    const db = await tempSqliteDb();
    const now = new Date();
    const { owner } = await createAccountWithOwner(db, { name: 'h', domain: 'h.test', ownerEmail: 'h@h.test', ownerName: 'H', ownerPassword: 'house-keeping-1' });
    await createAccountInvite(db, owner, new Date(now.getTime() - 8 * 86_400_000)); // expired a day ago
    await createAccountInvite(db, owner, now);
    const minute = Math.floor(now.getTime() / 60_000);
    await db.apiRequestCount.createMany({ data: [{ accountId: owner.accountId, minute: minute - 10, count: 3 }, { accountId: owner.accountId, minute, count: 1 }] });
    await db.loginThrottle.createMany({ data: [{ key: 'old', failures: 3, windowStart: new Date(now.getTime() - 25 * 3600_000) }, { key: 'new', failures: 1, windowStart: now }] });
    expect(await sweepExpired(db, now)).toEqual({ zitiSessions: 0, invites: 1, requestCounts: 1, throttles: 1 });
    expect(await db.accountInvite.count()).toBe(1);
    expect((await db.apiRequestCount.findMany()).map((r) => r.minute)).toEqual([minute]);
    expect((await db.loginThrottle.findMany()).map((r) => r.key)).toEqual(['new']);
  });
});
