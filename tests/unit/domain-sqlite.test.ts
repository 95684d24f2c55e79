// Domain services against a real SQLite file: first start, sign-in lockout, token rules.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { bootstrap, createAccountWithOwner } from '@/lib/domain/accounts';
import type { Actor } from '@/lib/domain/actor';
import { ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError, ValidationError } from '@/lib/domain/errors';
import { MAX_FAILURES, passwordLogin } from '@/lib/domain/login';
import { authenticateToken, createToken, deleteToken, listTokens } from '@/lib/domain/tokens';

let db: Db;
const root = join(import.meta.dirname, '../..');

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'meshdeck-dom-')), 'd.db');
  await migrate({ provider: 'sqlite', file }, root);
  db = await createDb({ provider: 'sqlite', file });
});

const actor = (u: { id: string; accountId: string; role: string; email: string; name: string }): Actor => ({
  userId: u.id, accountId: u.accountId, role: u.role as Actor['role'], email: u.email, name: u.name, via: 'token',
});

describe('first start', () => {
  it('creates one account and owner, with a generated password when none is given, only once', async () => {
    const r = await bootstrap(db, {});
    expect(r.created).toBe(true);
    expect(r.generatedPassword).toMatch(/^[0-9A-Za-z]{24}$/);
    expect((await passwordLogin(db, r.email!, r.generatedPassword!)).ok).toBe(true);
    expect(await bootstrap(db, {})).toEqual({ created: false });
    expect(await db.account.count()).toBe(1);
    const owner = await db.user.findUniqueOrThrow({ where: { email: r.email! } });
    expect(owner.role).toBe('owner');
    expect(await db.auditEvent.count({ where: { activityCode: 'account.create' } })).toBe(1);
  });

  it('rejects weak passwords and bad emails', async () => {
    await expect(createAccountWithOwner(db, { name: 'x', domain: 'x.test', ownerEmail: 'nope', ownerName: 'x', ownerPassword: 'long-enough-pw' })).rejects.toBeInstanceOf(ValidationError);
    await expect(createAccountWithOwner(db, { name: 'x', domain: 'y.test', ownerEmail: 'a@y.test', ownerName: 'x', ownerPassword: 'short' })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('sign-in lockout', () => {
  it('locks after repeated failures and tells how long to wait', async () => {
    await createAccountWithOwner(db, { name: 'l', domain: 'lock.test', ownerEmail: 'Lock@Lock.test', ownerName: 'L', ownerPassword: 'lock-password-1' });
    for (let i = 0; i < MAX_FAILURES; i++) expect(await passwordLogin(db, 'lock@lock.test', 'wrong')).toEqual({ ok: false, reason: 'invalid' });
    await expect(passwordLogin(db, 'lock@lock.test', 'lock-password-1')).rejects.toBeInstanceOf(TooManyRequestsError);
    // Emails are case-insensitive; unknown ones fail the same way as wrong passwords.
    expect(await passwordLogin(db, 'nobody@lock.test', 'x')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('tokens', () => {
  it('authenticate until revoked or expired, and stay inside their account', async () => {
    const a = await createAccountWithOwner(db, { name: 'a', domain: 'a.test', ownerEmail: 'o@a.test', ownerName: 'A', ownerPassword: 'password-a-123' });
    const b = await createAccountWithOwner(db, { name: 'b', domain: 'b.test', ownerEmail: 'o@b.test', ownerName: 'B', ownerPassword: 'password-b-123' });
    const { plain, token } = await createToken(db, actor(a.owner), a.owner.id, { name: 't', expiresInDays: 1 });
    expect((await authenticateToken(db, plain)).userId).toBe(a.owner.id);
    await expect(listTokens(db, actor(a.owner), b.owner.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(authenticateToken(db, plain, new Date(Date.now() + 2 * 86400_000))).rejects.toBeInstanceOf(UnauthorizedError);
    await deleteToken(db, actor(a.owner), a.owner.id, token.id);
    await expect(authenticateToken(db, plain)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('admins manage service users’ tokens, not other people’s', async () => {
    const acc = await createAccountWithOwner(db, { name: 's', domain: 's.test', ownerEmail: 'o@s.test', ownerName: 'S', ownerPassword: 'password-s-123' });
    const svc = await db.user.create({ data: { id: 'svc000000000000000s1', accountId: acc.account.id, email: 'svc@s.test', name: 'svc', role: 'auditor', isServiceUser: true } });
    const person = await db.user.create({ data: { id: 'usr000000000000000s1', accountId: acc.account.id, email: 'p@s.test', name: 'p', role: 'user' } });
    const { plain } = await createToken(db, actor(acc.owner), svc.id, { name: 'svc', expiresInDays: 5 });
    expect((await authenticateToken(db, plain)).role).toBe('auditor');
    await expect(createToken(db, actor(acc.owner), person.id, { name: 'x', expiresInDays: 5 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
