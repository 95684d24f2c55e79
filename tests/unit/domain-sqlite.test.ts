// Domain services against a real SQLite file: first start, sign-in lockout, token rules.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { bootstrap, createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import type { Actor } from '@/lib/domain/actor';
import { ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError, ValidationError } from '@/lib/domain/errors';
import { LOCK_WINDOW_MS, MAX_FAILURES, passwordLogin } from '@/lib/domain/users/login';
import { PASSWORD_CHECKS_WAITING } from '@/lib/domain/secrets';
import { claimAttempt, release, SIGN_IN_FAILURES } from '@/lib/domain/throttle';
import { authenticateToken, seedToken, deleteToken, listTokens } from '@/lib/domain/users/tokens';

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
    const owner = await db.user.findFirstOrThrow({ where: { email: r.email! } });
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

  it('judges only MAX_FAILURES of 50 concurrent wrong passwords, refuses the right one in the window, and only from that address', async () => {
    await createAccountWithOwner(db, { name: 'c', domain: 'conc.test', ownerEmail: 'c@conc.test', ownerName: 'C', ownerPassword: 'conc-password-1' });
    const t0 = new Date();
    const addr = '198.18.9.9';
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => passwordLogin(db, 'c@conc.test', 'wrong-guess', addr, t0).then((r) => r.ok ? 'ok' : 'invalid', (e) => (e instanceof TooManyRequestsError ? 429 : String(e)))),
    );
    expect(outcomes.filter((o) => o === 'invalid')).toHaveLength(MAX_FAILURES);
    expect(outcomes.filter((o) => o === 429)).toHaveLength(50 - MAX_FAILURES);
    await expect(passwordLogin(db, 'c@conc.test', 'conc-password-1', addr, t0)).rejects.toBeInstanceOf(TooManyRequestsError);
    // Another address is not locked out by these guesses.
    expect((await passwordLogin(db, 'c@conc.test', 'conc-password-1', '198.18.9.10', t0)).ok).toBe(true);
    // Once the window lapses, the guessing address is judged again.
    const t1 = new Date(t0.getTime() + LOCK_WINDOW_MS + 1000);
    expect((await passwordLogin(db, 'c@conc.test', 'conc-password-1', addr, t1)).ok).toBe(true);
  });

  it('checks the client address limit before the password, across many emails', async () => {
    const t0 = new Date();
    const addr = '198.18.7.7';
    const attempt = (i: number) => passwordLogin(db, `ghost-${i}@conc.test`, 'x', addr, t0).then(() => 'invalid', (e) => (e instanceof TooManyRequestsError ? 429 : String(e)));
    // Concurrent attempts beyond the password checks' queue are refused as busy and count nothing.
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i)));
    const judged = burst.filter((r) => r === 'invalid').length;
    expect(judged).toBe(1 + PASSWORD_CHECKS_WAITING);
    expect(burst.filter((r) => r === 429)).toHaveLength(30 - judged);
    for (let i = judged; i < SIGN_IN_FAILURES; i++) expect(await attempt(100 + i)).toBe('invalid');
    expect(await Promise.all(Array.from({ length: 5 }, (_, i) => attempt(200 + i)))).toEqual([429, 429, 429, 429, 429]);
    // The right password of a real user from that address is refused too; another address is not.
    await expect(passwordLogin(db, 'c@conc.test', 'conc-password-1', addr, t0)).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(await passwordLogin(db, 'ghost-x@conc.test', 'x', '198.18.7.8', t0)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('attempt claims', () => {
  it('count each of many concurrent claims once, give a claim back, and restart after the window', async () => {
    const limit = { key: 'test:concurrent', failures: 7, windowMs: 60_000 };
    const t0 = new Date();
    const r = await Promise.all(Array.from({ length: 40 }, () => claimAttempt(db, [limit], t0).then(() => 'ok', (e) => (e instanceof TooManyRequestsError ? e.retryAfterSeconds : String(e)))));
    expect(r.filter((x) => x === 'ok')).toHaveLength(7);
    expect(r.filter((x) => x === 60)).toHaveLength(33);
    await release(db, [limit]);
    await expect(claimAttempt(db, [limit], t0)).resolves.toHaveLength(1);
    await expect(claimAttempt(db, [limit], t0)).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(claimAttempt(db, [limit], new Date(t0.getTime() + 60_000))).resolves.toHaveLength(1);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: limit.key } })).failures).toBe(1);
  });
});

describe('tokens', () => {
  it('authenticate until revoked or expired, and stay inside their account', async () => {
    const a = await createAccountWithOwner(db, { name: 'a', domain: 'a.test', ownerEmail: 'o@a.test', ownerName: 'A', ownerPassword: 'password-a-123' });
    const b = await createAccountWithOwner(db, { name: 'b', domain: 'b.test', ownerEmail: 'o@b.test', ownerName: 'B', ownerPassword: 'password-b-123' });
    const { plain, token } = await seedToken(db, actor(a.owner), a.owner.id, { name: 't', expiresInDays: 1 });
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
    const { plain } = await seedToken(db, actor(acc.owner), svc.id, { name: 'svc', expiresInDays: 5 });
    expect((await authenticateToken(db, plain)).role).toBe('auditor');
    await expect(seedToken(db, actor(acc.owner), person.id, { name: 'x', expiresInDays: 5 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
