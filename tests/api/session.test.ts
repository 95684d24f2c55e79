// The console session: sign-in, cookie auth on the API with a same-origin check, lockout, pages.
import { describe, expect, inject, it } from 'vitest';
import { adminUser, baseUrl, newUser, testDb } from '../support/fixtures';
import { cookieHeader, signIn } from '../support/session';

describe('console session', () => {
  it('signs in the bootstrap owner and authenticates API calls with the cookie', async () => {
    const s = await signIn(inject('adminEmail'), inject('adminPassword'));
    expect(s.ok).toBe(true);
    const r = await fetch(`${baseUrl()}/api/users/current`, { headers: { Cookie: cookieHeader(s.jar) } });
    expect(r.status).toBe(200);
    expect((await r.json()).email).toBe(inject('adminEmail'));
    const page = await fetch(`${baseUrl()}/app`, { headers: { Cookie: cookieHeader(s.jar) }, redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Dashboard');
  });

  it('refuses cookie-authenticated writes from another origin, accepts same-origin ones', async () => {
    const s = await signIn(inject('adminEmail'), inject('adminPassword'));
    const admin = await adminUser();
    const db = await testDb();
    const before = await db.apiToken.count({ where: { userId: admin.id } });
    const send = (headers: Record<string, string>) =>
      fetch(`${baseUrl()}/api/users/${admin.id}/tokens`, {
        method: 'POST',
        headers: { Cookie: cookieHeader(s.jar), 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'from-console', expires_in: 1 }),
      });
    expect((await send({ Origin: 'https://evil.example' })).status).toBe(403);
    expect((await send({})).status).toBe(403);
    expect(await db.apiToken.count({ where: { userId: admin.id } })).toBe(before);
    const ok = await send({ Origin: baseUrl() });
    expect(ok.status).toBe(200);
    const ev = await db.auditEvent.findFirstOrThrow({ where: { targetId: (await ok.json()).personal_access_token.id } });
    expect(ev.source).toBe('console');
  });

  it('keeps pages behind sign-in (except the sign-in page itself)', async () => {
    for (const path of ['/app', '/app/tokens', '/app/peers']) {
      const r = await fetch(`${baseUrl()}${path}`, { redirect: 'manual' });
      expect(r.status).toBe(307);
      expect(r.headers.get('location')).toContain('/app/login');
    }
    expect((await fetch(`${baseUrl()}/app/login`)).status).toBe(200);
    const root = await fetch(`${baseUrl()}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toMatch(/\/app$/);
  });

  it('rejects a wrong password and a tampered cookie', async () => {
    const wrong = await signIn(inject('adminEmail'), 'not-the-password');
    expect(wrong.ok).toBe(false);
    const r = await fetch(`${baseUrl()}/api/users/current`, { headers: { Cookie: 'next-auth.session-token=eyJhbGciOiJkaXIi.forged' } });
    expect(r.status).toBe(401);
  });

  it('locks a person out from the guessing address after repeated failed sign-ins, even with the right password, but not from elsewhere', async () => {
    const admin = await adminUser();
    const { user } = await newUser(admin.accountId, 'user', 'active', { password: 'right-password-42' });
    const guesser = { 'X-Forwarded-For': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` };
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, `wrong-${i}`, guesser)).ok).toBe(false);
    const locked = await signIn(user.email, 'right-password-42', guesser);
    expect(locked.ok).toBe(false);
    expect(locked.error).toBe('RateLimited');
    const db = await testDb();
    const row = await db.loginThrottle.findFirstOrThrow({ where: { key: { startsWith: `login-person:${user.email}|` } } });
    expect(row.failures).toBe(5);
    // Anyone guessing (from another account or nowhere) cannot lock the person out: from their own
    // address the right password still works.
    expect((await signIn(user.email, 'right-password-42', { 'X-Forwarded-For': '198.19.254.253' })).ok).toBe(true);
    // Once the window has passed, the guessing address may try again.
    await db.loginThrottle.updateMany({ where: { key: row.key }, data: { windowStart: new Date(Date.now() - 16 * 60_000) } });
    expect((await signIn(user.email, 'right-password-42', guesser)).ok).toBe(true);
  });

  it('judges 5 of 50 concurrent wrong passwords, answers the rest 429, and refuses the right one until the lock lapses', async () => {
    const admin = await adminUser();
    const { user } = await newUser(admin.accountId, 'user', 'active', { password: 'right-password-43' });
    const from = { 'X-Forwarded-For': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(user.email, `wrong-${i}`, from)));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.filter((r) => r.error === 'CredentialsSignin')).toHaveLength(5);
    expect(results.filter((r) => r.status === 429 && r.error === 'RateLimited')).toHaveLength(45);
    const right = await signIn(user.email, 'right-password-43', from);
    expect([right.ok, right.status, right.error]).toEqual([false, 429, 'RateLimited']);
    expect((await (await testDb()).loginThrottle.findUniqueOrThrow({ where: { key: `login-person:${user.email}|${from['X-Forwarded-For']}` } })).failures).toBe(5);
  });

  it('refuses a client over its address limit before checking the password', async () => {
    const admin = await adminUser();
    const { user } = await newUser(admin.accountId, 'user', 'active', { password: 'right-password-44' });
    const from = { 'X-Forwarded-For': `198.19.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` };
    for (let i = 0; i < 20; i++) expect((await signIn(`ghost-${i}-${Date.now()}@example.test`, 'nope-nope-1', from)).error).toBe('CredentialsSignin');
    const r = await signIn(user.email, 'right-password-44', from);
    expect([r.ok, r.status]).toEqual([false, 429]);
    // The same user from another address is fine, and X-Forwarded-For counts only from trusted proxies
    // (the test server trusts loopback, standing in for one).
    expect((await signIn(user.email, 'right-password-44', { 'X-Forwarded-For': '198.18.255.254' })).ok).toBe(true);
  });

  it('stores passwords only as bcrypt hashes', async () => {
    const db = await testDb();
    const admin = await adminUser();
    const person = await db.person.findUniqueOrThrow({ where: { email: admin.email } });
    expect(person.passwordHash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(person.passwordHash).not.toContain(inject('adminPassword'));
  });

  it('signs blocked users out at once', async () => {
    const admin = await adminUser();
    const { user } = await newUser(admin.accountId, 'admin', 'active', { password: 'blocked-soon-123' });
    const s = await signIn(user.email, 'blocked-soon-123');
    expect(s.ok).toBe(true);
    const db = await testDb();
    await db.user.update({ where: { id: user.id }, data: { status: 'blocked' } });
    const r = await fetch(`${baseUrl()}/api/users/current`, { headers: { Cookie: cookieHeader(s.jar) } });
    expect(r.status).toBe(403);
    expect((await signIn(user.email, 'blocked-soon-123')).ok).toBe(false);
  });
});
