// Direct database access for API tests: set up other accounts, users with given roles and tokens,
// and read rows back to prove what was (and was not) written. Uses the same domain code as the server.
import { inject } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { dbConfig } from '@/lib/db/config';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import type { Actor } from '@/lib/domain/actor';
import { newId } from '@/lib/domain/ids';
import type { Role } from '@/lib/domain/users/roles';
import { seedToken } from '@/lib/domain/users/tokens';

let dbPromise: Promise<Db> | undefined;

export function testDb(): Promise<Db> {
  dbPromise ??= createDb(dbConfig({ MESHDECK_DATA_DIR: inject('dataDir'), DATABASE_URL: inject('databaseUrl') || undefined }));
  return dbPromise;
}

export const baseUrl = () => inject('baseUrl');

export function actorOf(u: { id: string; accountId: string; role: string; name: string; email: string }): Actor {
  return { userId: u.id, accountId: u.accountId, role: u.role as Role, name: u.name, email: u.email, via: 'token' };
}

export async function adminUser() {
  const db = await testDb();
  return db.user.findFirstOrThrow({ where: { email: inject('adminEmail') } });
}

/** The bootstrap owner with a fresh API token of their own. */
export async function adminWithToken(name = 'test', expiresInDays = 2) {
  const admin = await adminUser();
  const { plain } = await seedToken(await testDb(), actorOf(admin), admin.id, { name, expiresInDays });
  return { admin, token: plain };
}

/** A new account with its owner and an API token for the owner. */
export async function newAccount(label = newId().slice(-6)) {
  const db = await testDb();
  const { account, owner } = await createAccountWithOwner(db, {
    name: `acct-${label}`,
    domain: `${label}.example.test`,
    ownerEmail: `owner-${label}@example.test`,
    ownerName: `Owner ${label}`,
    ownerPassword: 'owner-password-123',
  });
  const { plain } = await seedToken(db, actorOf(owner), owner.id, { name: 'test', expiresInDays: 30 });
  return { account, owner, token: plain };
}

/** A user with the given role and status in an account, with a token of their own. */
export async function newUser(accountId: string, role: Role, status = 'active', opts: { password?: string } = {}) {
  const db = await testDb();
  const id = newId();
  const { hashPassword } = await import('@/lib/domain/secrets');
  const user = await db.user.create({
    data: {
      id,
      accountId,
      email: `${role}-${id}@example.test`,
      name: `${role} ${id.slice(-4)}`,
      // Created as a plain user so it may mint its own token; role and status are set afterwards
      // (auditors and blocked users cannot create tokens themselves).
      role: 'user',
      status: 'active',
    },
  });
  if (opts.password) {
    const passwordHash = await hashPassword(opts.password);
    await db.person.upsert({ where: { email: user.email }, create: { email: user.email, passwordHash }, update: { passwordHash } });
  }
  const { plain, token } = await seedToken(db, actorOf(user), user.id, { name: `${role}-token`, expiresInDays: 30 });
  const final = await db.user.update({ where: { id }, data: { role, status } });
  return { user: final, token: plain, tokenId: token.id };
}

export function authHeaders(token: string): Record<string, string> {
  return { Authorization: `Token ${token}` };
}
