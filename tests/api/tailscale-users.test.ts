// Tailscale API v2 users: meshdeck users in Tailscale's User shape (user → member), with filters.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminWithToken, newAccount, newUser, testDb } from '../support/fixtures';
import { insertPeer } from '../support/peers';
import { tailscale } from '../support/tailscale-client';

let ts: ReturnType<typeof tailscale>;
let accountId = '';
let domain = '';

beforeAll(async () => {
  const a = await adminWithToken('tailscale-users');
  accountId = a.admin.accountId;
  ts = tailscale(a.token);
  domain = (await (await testDb()).account.findUniqueOrThrow({ where: { id: accountId } })).domain;
});

type U = { id: string; role: string; status: string };

describe('Tailscale users', () => {
  it('lists the account’s users with mapped roles, device counts and connection state', async () => {
    const { user } = await newUser(accountId, 'user');
    const { user: auditor } = await newUser(accountId, 'auditor');
    await insertPeer(accountId, 'ts-user-dev-1', { userId: user.id, connected: true });
    await insertPeer(accountId, 'ts-user-dev-2', { userId: user.id, connected: false });
    for (const path of ['/api/v2/tailnet/-/users', `/api/v2/tailnet/${domain}/users`]) {
      const r = await ts('GET', path);
      expect(r.status).toBe(200);
      const member = r.body.users.find((u: U) => u.id === user.id);
      expect(member).toMatchObject({
        id: user.id,
        displayName: user.name,
        loginName: user.email,
        profilePicUrl: '',
        tailnetId: domain,
        created: user.createdAt.toISOString(),
        type: 'member',
        role: 'member',
        status: 'active',
        deviceCount: 2,
        currentlyConnected: true,
        lastSeen: expect.any(String),
      });
      expect(r.body.users.find((u: U) => u.id === auditor.id).role).toBe('auditor');
      expect(r.body.users.some((u: U) => u.role === 'owner')).toBe(true);
    }
  });

  it('filters by role and type, and refuses unknown filter values', async () => {
    const roles = async (q: string) => [...new Set((await ts('GET', `/api/v2/tailnet/-/users?${q}`)).body.users.map((u: U) => u.role))];
    expect(await roles('role=member')).toEqual(['member']);
    expect(await roles('role=owner')).toEqual(['owner']);
    expect(await roles('role=it-admin')).toEqual([]);
    expect((await roles('role=all')).length).toBeGreaterThan(1);
    expect((await ts('GET', '/api/v2/tailnet/-/users?type=shared')).body.users).toEqual([]);
    expect((await ts('GET', '/api/v2/tailnet/-/users?type=all')).body.users.length).toBeGreaterThan(1);
    expect((await ts('GET', '/api/v2/tailnet/-/users?role=superuser')).status).toBe(400);
    expect((await ts('GET', '/api/v2/tailnet/-/users?type=guest')).status).toBe(400);
  });

  it('reads one user; blocked users are suspended; other accounts’ users and tailnets are 404', async () => {
    const { user } = await newUser(accountId, 'admin', 'blocked');
    const r = await ts('GET', `/api/v2/users/${user.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: user.id, role: 'admin', status: 'suspended', deviceCount: 0, currentlyConnected: false });
    const other = await newAccount();
    expect((await ts('GET', `/api/v2/users/${other.owner.id}`)).status).toBe(404);
    expect((await ts('GET', `/api/v2/tailnet/${other.account.domain}/users`)).status).toBe(404);
    expect((await tailscale(other.token)('GET', `/api/v2/users/${user.id}`)).status).toBe(404);
    expect((await ts('GET', '/api/v2/users/nosuchuser0000000000')).status).toBe(404);
  });

  it('limits a regular user to themselves while the account hides other users', async () => {
    const db = await testDb();
    await db.account.update({ where: { id: accountId }, data: { regularUsersViewBlocked: true } });
    const { user, token } = await newUser(accountId, 'user');
    const asUser = tailscale(token);
    expect((await asUser('GET', '/api/v2/tailnet/-/users')).body.users.map((u: U) => u.id)).toEqual([user.id]);
    expect((await asUser('GET', `/api/v2/users/${user.id}`)).status).toBe(200);
    const owner = (await ts('GET', '/api/v2/tailnet/-/users?role=owner')).body.users[0];
    expect((await asUser('GET', `/api/v2/users/${owner.id}`)).status).toBe(404);
    const auditor = tailscale((await newUser(accountId, 'auditor')).token);
    expect((await auditor('GET', `/api/v2/users/${owner.id}`)).status).toBe(200);
  });
});
