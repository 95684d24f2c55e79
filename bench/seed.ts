// Seeds one account at a given scale: `scale` users (one in ten a service user), each with a token.
import type { Db } from '../lib/db/client';
import { createAccountWithOwner } from '../lib/domain/accounts/accounts';
import { newId } from '../lib/domain/ids';
import { seedToken } from '../lib/domain/users/tokens';
import { hashSecret, newAccessToken } from '../lib/domain/secrets';

/** An account with its owner and the owner's API token (plain), as an admin would set one up. */
export async function benchAccount(db: Db, name: string) {
  const { account, owner } = await createAccountWithOwner(db, {
    name,
    domain: `${name}.example`,
    ownerEmail: `owner@${name}.example`,
    ownerName: 'Bench Owner',
    ownerPassword: 'bench-owner-password',
  });
  const { plain } = await seedToken(db, { userId: owner.id, accountId: account.id, role: 'owner', name: owner.name, email: owner.email, via: 'token' }, owner.id, {
    name: 'bench',
    expiresInDays: 1,
  });
  return { account, owner, token: plain };
}

export async function seed(db: Db, scale: number) {
  const { account, owner, token: plain } = await benchAccount(db, 'bench');
  const expiresAt = new Date(Date.now() + 86400_000);
  let rows = 3;
  for (let start = 0; start < scale; start += 1000) {
    const n = Math.min(1000, scale - start);
    const users = Array.from({ length: n }, (_, i) => ({
      id: newId(),
      accountId: account.id,
      email: `user${start + i}@bench.example`,
      name: `User ${start + i}`,
      role: i % 10 === 0 ? 'auditor' : 'user',
      isServiceUser: i % 10 === 0,
    }));
    await db.user.createMany({ data: users });
    await db.apiToken.createMany({
      data: users.map((u) => ({ id: newId(), accountId: account.id, userId: u.id, createdById: u.id, name: 'seed', secretHash: hashSecret(newAccessToken()), prefix: 'nbp_', expiresAt })),
    });
    rows += 2 * n;
  }
  return { token: plain, accountId: account.id, ownerId: owner.id, rows };
}
