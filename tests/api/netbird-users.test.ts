// NetBird users API: list, create (service users and invitations), update (role, groups, blocking,
// ownership transfer), delete, and the invite / approve / reject actions.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { accountRows, auditAfter, makeGroup, makePeer } from '../support/users-helpers';

type Acct = Awaited<ReturnType<typeof newAccount>>;
type Member = Awaited<ReturnType<typeof newUser>>;

let a: Acct;
let b: Acct;
let admin: Member;
let auditor: Member;
let regular: Member;
let g1 = '';
let g2 = '';
let allA = '';
let gB = '';

beforeAll(async () => {
  a = await newAccount();
  b = await newAccount();
  admin = await newUser(a.account.id, 'admin');
  auditor = await newUser(a.account.id, 'auditor');
  regular = await newUser(a.account.id, 'user');
  g1 = (await makeGroup(a.account.id, 'developers')).id;
  g2 = (await makeGroup(a.account.id, 'servers')).id;
  gB = (await makeGroup(b.account.id, 'theirs')).id;
  const db = await testDb();
  allA = (await db.group.findFirstOrThrow({ where: { accountId: a.account.id, name: 'All' } })).id;
});

const ids = (list: { id: string }[]) => list.map((u) => u.id).sort();

describe('GET /api/users', () => {
  it("lists the account's users in NetBird's shape to owners, admins and auditors", async () => {
    const r = await netbird(a.token)('GET', '/api/users');
    expect(r.status).toBe(200);
    expect(ids(r.body)).toEqual(expect.arrayContaining([a.owner.id, admin.user.id, auditor.user.id, regular.user.id].sort()));
    expect(r.body.every((u: { id: string }) => u.id !== b.owner.id)).toBe(true);
    const owner = r.body.find((u: { id: string }) => u.id === a.owner.id);
    expect(owner).toMatchObject({ email: a.owner.email, role: 'owner', status: 'active', is_current: true, is_blocked: false, pending_approval: false, is_service_user: false, issued: 'bootstrap', auto_groups: [] });
    expect(r.body.filter((u: { is_current: boolean }) => u.is_current)).toHaveLength(1);
    for (const t of [admin.token, auditor.token]) expect(ids((await netbird(t)('GET', '/api/users')).body)).toEqual(ids(r.body));
  });

  it('filters by service_user and refuses a value that is not a boolean', async () => {
    const call = netbird(a.token);
    const svc = await call('POST', '/api/users', { name: 'ci-bot', role: 'user', auto_groups: [], is_service_user: true });
    const only = await call('GET', '/api/users?service_user=true');
    expect(only.body.every((u: { is_service_user: boolean }) => u.is_service_user)).toBe(true);
    expect(ids(only.body)).toContain(svc.body.id);
    const none = await call('GET', '/api/users?service_user=false');
    expect(none.body.some((u: { is_service_user: boolean }) => u.is_service_user)).toBe(false);
    expect(ids(none.body)).toContain(a.owner.id);
    expect((await call('GET', '/api/users?service_user=maybe')).status).toBe(422);
  });

  it('shows a regular user only themselves while regular_users_view_blocked is on, everyone when off', async () => {
    const acct = await newAccount();
    const user = await newUser(acct.account.id, 'user');
    const blocked = await netbird(user.token)('GET', '/api/users');
    expect(blocked.status).toBe(200);
    expect(ids(blocked.body)).toEqual([user.user.id]);
    expect(blocked.body[0].is_current).toBe(true);
    const db = await testDb();
    await db.account.update({ where: { id: acct.account.id }, data: { regularUsersViewBlocked: false } });
    const open = await netbird(user.token)('GET', '/api/users');
    expect(ids(open.body)).toEqual([acct.owner.id, user.user.id].sort());
  });

  it("shows a pending user as blocked with pending_approval, and refuses a blocked user's token", async () => {
    const pending = await newUser(a.account.id, 'user', 'pending');
    const blocked = await newUser(a.account.id, 'user', 'blocked');
    const list = (await netbird(a.token)('GET', '/api/users')).body;
    expect(list.find((u: { id: string }) => u.id === pending.user.id)).toMatchObject({ status: 'blocked', is_blocked: true, pending_approval: true });
    expect(list.find((u: { id: string }) => u.id === blocked.user.id)).toMatchObject({ status: 'blocked', is_blocked: true, pending_approval: false });
    expect((await netbird(blocked.token)('GET', '/api/users')).status).toBe(403);
    expect((await netbird(pending.token)('GET', '/api/users')).status).toBe(403);
  });
});

describe('POST /api/users', () => {
  it('creates a service user (no email needed) whose token an admin can then create', async () => {
    const before = await accountRows(a.account.id);
    const r = await netbird(admin.token)('POST', '/api/users', { name: 'Terraform', role: 'admin', auto_groups: [g1], is_service_user: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Terraform', email: '', role: 'admin', status: 'active', is_service_user: true, is_blocked: false, auto_groups: [g1], issued: 'api', is_current: false });
    const events = await auditAfter(a.account.id, before.audit);
    expect(events).toEqual([expect.objectContaining({ code: 'service.user.create', targetId: r.body.id, initiatorId: admin.user.id })]);
    const token = await netbird(admin.token)('POST', `/api/users/${r.body.id}/tokens`, { name: 'tf', expires_in: 30 });
    expect(token.status).toBe(200);
    expect((await netbird(token.body.plain_token)('GET', '/api/users/current')).body.id).toBe(r.body.id);
  });

  it('invites a user by email: status invited, issued api, email lower-cased', async () => {
    const before = await accountRows(a.account.id);
    const r = await netbird(a.token)('POST', '/api/users', { email: 'Dana.Lee@Example.TEST', name: 'Dana Lee', role: 'user', auto_groups: [g1, g2, g1], is_service_user: false });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ email: 'dana.lee@example.test', name: 'Dana Lee', role: 'user', status: 'invited', is_blocked: false, is_service_user: false, issued: 'api', auto_groups: [g1, g2] });
    expect(r.body.last_login).toBeUndefined();
    const events = await auditAfter(a.account.id, before.audit);
    expect(events).toEqual([expect.objectContaining({ code: 'user.invite', targetId: r.body.id })]);
    expect((await accountRows(a.account.id)).users).toHaveLength(before.users.length + 1);
  });

  it('answers 409 to an email already in this account; one of another account is the same person joining, said nowhere', async () => {
    const before = await accountRows(a.account.id);
    const dup = await netbird(a.token)('POST', '/api/users', { email: admin.user.email.toUpperCase(), name: 'Dup', role: 'user', auto_groups: [], is_service_user: false });
    expect(dup.status).toBe(409);
    expect(await accountRows(a.account.id)).toEqual(before);
    // B's owner's email: a new user of A (invited) for the same person; nothing of B is revealed or changed.
    const bUsers = await accountRows(b.account.id);
    const joined = await netbird(a.token)('POST', '/api/users', { email: b.owner.email.toUpperCase(), name: 'Shared', role: 'user', auto_groups: [], is_service_user: false });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ email: b.owner.email, name: 'Shared', status: 'invited' });
    expect(JSON.stringify(joined.body)).not.toContain(b.account.id);
    expect(await accountRows(b.account.id)).toEqual(bUsers);
  });

  const valid = { email: 'new.person@example.test', name: 'New Person', role: 'user', auto_groups: [] as string[], is_service_user: false };
  const typeErrors: [string, unknown][] = [
    ['malformed JSON', '{"role": '],
    ['a missing role', { ...valid, role: undefined }],
    ['missing auto_groups', { ...valid, auto_groups: undefined }],
    ['a missing is_service_user', { ...valid, is_service_user: undefined }],
    ['a string for is_service_user', { ...valid, is_service_user: 'false' }],
    ['a string for auto_groups', { ...valid, auto_groups: 'developers' }],
    ['a number for the email', { ...valid, email: 42 }],
  ];
  const valueErrors: [string, () => Record<string, unknown>][] = [
    ['an unknown role', () => ({ ...valid, role: 'superuser' })],
    ['the owner role', () => ({ ...valid, role: 'owner' })],
    ['an invitation without email', () => ({ ...valid, email: undefined })],
    ['an invalid email', () => ({ ...valid, email: 'not-an-email' })],
    ['an empty name', () => ({ ...valid, name: '  ' })],
    ['a service user without a name', () => ({ role: 'user', auto_groups: [], is_service_user: true })],
    ['an unknown group', () => ({ ...valid, auto_groups: ['ch8i4ug6lnn4g9hqv7m0'] })],
    ['the All group', () => ({ ...valid, auto_groups: [allA] })],
    ["another account's group", () => ({ ...valid, auto_groups: [gB] })],
  ];
  for (const [what, body] of typeErrors) {
    it(`400 for ${what}, nothing written`, async () => {
      const before = await accountRows(a.account.id);
      const r = await netbird(a.token)('POST', '/api/users', typeof body === 'string' ? body : JSON.stringify(body));
      expect(r.status).toBe(400);
      expect(await accountRows(a.account.id)).toEqual(before);
    });
  }
  for (const [what, body] of valueErrors) {
    it(`422 for ${what}, nothing written`, async () => {
      const before = await accountRows(a.account.id);
      const r = await netbird(a.token)('POST', '/api/users', body());
      expect(r.status).toBe(422);
      expect(await accountRows(a.account.id)).toEqual(before);
    });
  }

  it('refuses auditors and regular users with 403', async () => {
    for (const t of [auditor.token, regular.token]) {
      const before = await accountRows(a.account.id);
      const r = await netbird(t)('POST', '/api/users', { name: 'nope', role: 'user', auto_groups: [], is_service_user: true });
      expect(r.status).toBe(403);
      expect(await accountRows(a.account.id)).toEqual(before);
    }
  });
});

describe('PUT /api/users/{userId}', () => {
  const put = (token: string, id: string, body: unknown) => netbird(token)('PUT', `/api/users/${id}`, body);

  it('changes role and auto groups, auditing each change', async () => {
    const u = await newUser(a.account.id, 'user');
    const db = await testDb();
    await db.user.update({ where: { id: u.user.id }, data: { autoGroups: JSON.stringify([g1]) } });
    const before = await accountRows(a.account.id);
    const r = await put(admin.token, u.user.id, { role: 'auditor', auto_groups: [g2], is_blocked: false });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: u.user.id, role: 'auditor', auto_groups: [g2], status: 'active', is_blocked: false });
    const events = await auditAfter(a.account.id, before.audit);
    expect(events.map((e) => [e.code, e.meta.group ?? e.meta.role])).toEqual([
      ['user.role.update', 'auditor'],
      ['user.group.add', g2],
      ['user.group.delete', g1],
    ]);
    // The new role applies at once: the auditor may read but not write.
    expect((await netbird(u.token)('GET', '/api/accounts')).status).toBe(200);
  });

  it('blocks a user (token refused at once, serial bumped) and unblocks them', async () => {
    const u = await newUser(a.account.id, 'user');
    const before = await accountRows(a.account.id);
    const r = await put(a.token, u.user.id, { role: 'user', auto_groups: [], is_blocked: true });
    expect(r.body).toMatchObject({ status: 'blocked', is_blocked: true });
    expect((await netbird(u.token)('GET', '/api/users/current')).status).toBe(403);
    const mid = await accountRows(a.account.id);
    expect(mid.account.networkSerial).toBe(before.account.networkSerial + 1);
    const back = await put(a.token, u.user.id, { role: 'user', auto_groups: [], is_blocked: false });
    expect(back.body).toMatchObject({ status: 'active', is_blocked: false });
    expect((await netbird(u.token)('GET', '/api/users/current')).status).toBe(200);
    expect((await auditAfter(a.account.id, before.audit)).map((e) => e.code)).toEqual(['user.block', 'user.unblock']);
  });

  it('returns an unblocked invitee to invited, not active', async () => {
    const inv = await netbird(a.token)('POST', '/api/users', { email: `inv-${Date.now()}@example.test`, name: 'Invitee', role: 'user', auto_groups: [], is_service_user: false });
    expect((await put(a.token, inv.body.id, { role: 'user', auto_groups: [], is_blocked: true })).body.status).toBe('blocked');
    expect((await put(a.token, inv.body.id, { role: 'user', auto_groups: [], is_blocked: false })).body.status).toBe('invited');
  });

  it('moves the peers of a user between groups when group propagation is on, and not when off', async () => {
    const acct = await newAccount();
    const u = await newUser(acct.account.id, 'user');
    const ga = await makeGroup(acct.account.id, 'a');
    const gb = await makeGroup(acct.account.id, 'b');
    const p1 = await makePeer(acct.account.id, '100.64.0.1', u.user.id);
    const p2 = await makePeer(acct.account.id, '100.64.0.2', u.user.id);
    const other = await makePeer(acct.account.id, '100.64.0.3');
    const db = await testDb();
    const members = async (groupId: string) => (await db.groupPeer.findMany({ where: { groupId } })).map((m) => m.peerId).sort();

    const serial0 = (await accountRows(acct.account.id)).account.networkSerial;
    await put(acct.token, u.user.id, { role: 'user', auto_groups: [ga.id], is_blocked: false });
    expect(await members(ga.id)).toEqual([p1.id, p2.id].sort());
    expect((await accountRows(acct.account.id)).account.networkSerial).toBe(serial0 + 1);
    await put(acct.token, u.user.id, { role: 'user', auto_groups: [gb.id], is_blocked: false });
    expect(await members(ga.id)).toEqual([]);
    expect(await members(gb.id)).toEqual([p1.id, p2.id].sort());
    expect(await members(gb.id)).not.toContain(other.id);

    const settings = { peer_login_expiration_enabled: true, peer_login_expiration: 86400, peer_inactivity_expiration_enabled: false, peer_inactivity_expiration: 600, regular_users_view_blocked: true, peer_expose_enabled: false, peer_expose_groups: [], groups_propagation_enabled: false };
    expect((await netbird(acct.token)('PUT', `/api/accounts/${acct.account.id}`, { settings })).status).toBe(200);
    await put(acct.token, u.user.id, { role: 'user', auto_groups: [ga.id], is_blocked: false });
    expect(await members(ga.id)).toEqual([]);
    expect(await members(gb.id)).toEqual([p1.id, p2.id].sort());
  });

  it('forbids changing your own role or blocking yourself', async () => {
    const before = await accountRows(a.account.id);
    expect((await put(admin.token, admin.user.id, { role: 'user', auto_groups: [], is_blocked: false })).status).toBe(403);
    expect((await put(admin.token, admin.user.id, { role: 'admin', auto_groups: [], is_blocked: true })).status).toBe(403);
    expect((await put(a.token, a.owner.id, { role: 'admin', auto_groups: [], is_blocked: false })).status).toBe(403);
    expect(await accountRows(a.account.id)).toEqual(before);
    // Changing only your own auto groups is fine.
    expect((await put(admin.token, admin.user.id, { role: 'admin', auto_groups: [g1], is_blocked: false })).body.auto_groups).toEqual([g1]);
  });

  it('protects the owner: an admin can neither grant the owner role, nor demote or block the owner', async () => {
    const u = await newUser(a.account.id, 'user');
    const before = await accountRows(a.account.id);
    expect((await put(admin.token, u.user.id, { role: 'owner', auto_groups: [], is_blocked: false })).status).toBe(403);
    expect((await put(admin.token, a.owner.id, { role: 'admin', auto_groups: [], is_blocked: false })).status).toBe(403);
    expect((await put(admin.token, a.owner.id, { role: 'owner', auto_groups: [], is_blocked: true })).status).toBe(403);
    expect(await accountRows(a.account.id)).toEqual(before);
  });

  it('transfers ownership when the owner gives the owner role away', async () => {
    const acct = await newAccount();
    const next = await newUser(acct.account.id, 'admin');
    const before = await accountRows(acct.account.id);
    const r = await put(acct.token, next.user.id, { role: 'owner', auto_groups: [], is_blocked: false });
    expect(r.status).toBe(200);
    expect(r.body.role).toBe('owner');
    const after = await accountRows(acct.account.id);
    const roles = Object.fromEntries(after.users.map((u) => [u.id, u.role]));
    expect(roles[next.user.id]).toBe('owner');
    expect(roles[acct.owner.id]).toBe('admin');
    expect(after.users.filter((u) => u.role === 'owner')).toHaveLength(1);
    const events = await auditAfter(acct.account.id, before.audit);
    expect(events).toEqual([expect.objectContaining({ code: 'transferred.owner.role', targetId: next.user.id, initiatorId: acct.owner.id })]);
    // The former owner is now an admin: the new owner is out of their reach, account deletion too.
    expect((await put(acct.token, next.user.id, { role: 'admin', auto_groups: [], is_blocked: false })).status).toBe(403);
    expect((await netbird(acct.token)('DELETE', `/api/accounts/${acct.account.id}`)).status).toBe(403);
    expect((await netbird(next.token)('GET', '/api/users/current')).body.role).toBe('owner');
  });

  it('refuses to transfer ownership to a service user or an invited user (422)', async () => {
    const acct = await newAccount();
    const call = netbird(acct.token);
    const svc = await call('POST', '/api/users', { name: 'bot', role: 'admin', auto_groups: [], is_service_user: true });
    const inv = await call('POST', '/api/users', { email: `x-${Date.now()}@example.test`, name: 'X', role: 'admin', auto_groups: [], is_service_user: false });
    const before = await accountRows(acct.account.id);
    for (const id of [svc.body.id, inv.body.id]) expect((await put(acct.token, id, { role: 'owner', auto_groups: [], is_blocked: false })).status).toBe(422);
    expect(await accountRows(acct.account.id)).toEqual(before);
  });

  it('answers 400 for wrong types, 422 for bad values, 404 for foreign users, 403 for auditors and users', async () => {
    const u = await newUser(a.account.id, 'user');
    const before = await accountRows(a.account.id);
    const ok = { role: 'user', auto_groups: [], is_blocked: false };
    for (const body of ['{', JSON.stringify({ ...ok, is_blocked: 'no' }), JSON.stringify({ role: 'user', auto_groups: [] }), JSON.stringify({ ...ok, auto_groups: [1] })]) {
      expect((await put(a.token, u.user.id, body)).status).toBe(400);
    }
    for (const body of [{ ...ok, role: 'root' }, { ...ok, auto_groups: ['ch8i4ug6lnn4g9hqv7m0'] }, { ...ok, auto_groups: [allA] }, { ...ok, auto_groups: [gB] }]) {
      expect((await put(a.token, u.user.id, body)).status).toBe(422);
    }
    expect((await put(a.token, b.owner.id, ok)).status).toBe(404);
    expect((await put(a.token, 'ch8i4ug6lnn4g9hqv7m0', ok)).status).toBe(404);
    expect((await put(auditor.token, u.user.id, { ...ok, is_blocked: true })).status).toBe(403);
    expect((await put(regular.token, u.user.id, { ...ok, is_blocked: true })).status).toBe(403);
    expect(await accountRows(a.account.id)).toEqual(before);
    expect((await accountRows(b.account.id)).users.find((x) => x.id === b.owner.id)?.role).toBe('owner');
  });
});

describe('DELETE /api/users/{userId}', () => {
  it("deletes a user with their tokens and peers, keeps tokens they made for others, audits, bumps the serial", async () => {
    const acct = await newAccount();
    const leaving = await newUser(acct.account.id, 'admin');
    const g = await makeGroup(acct.account.id);
    const p1 = await makePeer(acct.account.id, '100.64.0.1', leaving.user.id);
    const kept = await makePeer(acct.account.id, '100.64.0.2');
    const db = await testDb();
    await db.groupPeer.create({ data: { groupId: g.id, peerId: p1.id } });
    const svc = await netbird(acct.token)('POST', '/api/users', { name: 'deployer', role: 'user', auto_groups: [], is_service_user: true });
    const svcToken = await netbird(leaving.token)('POST', `/api/users/${svc.body.id}/tokens`, { name: 'deploy', expires_in: 30 });
    const before = await accountRows(acct.account.id);

    const r = await netbird(acct.token)('DELETE', `/api/users/${leaving.user.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    const after = await accountRows(acct.account.id);
    expect(after.users.map((u) => u.id)).not.toContain(leaving.user.id);
    expect(after.peers.map((p) => p.id)).toEqual([kept.id]);
    expect(after.memberships).toBe(0);
    expect(after.account.networkSerial).toBe(before.account.networkSerial + 1);
    expect((await netbird(leaving.token)('GET', '/api/users/current')).status).toBe(401);
    // The service user's token outlives the admin who made it.
    expect((await netbird(svcToken.body.plain_token)('GET', '/api/users/current')).status).toBe(200);
    const events = await auditAfter(acct.account.id, before.audit);
    expect(events.map((e) => [e.code, e.targetId])).toEqual([
      ['user.peer.delete', p1.id],
      ['user.delete', leaving.user.id],
    ]);

    const svcDel = await netbird(acct.token)('DELETE', `/api/users/${svc.body.id}`);
    expect(svcDel.status).toBe(200);
    expect((await auditAfter(acct.account.id, before.audit + 2)).map((e) => e.code)).toEqual(['service.user.delete']);
  });

  it('refuses deleting yourself or the owner (403), foreign users (404), and auditors or users (403)', async () => {
    const victim = await newUser(a.account.id, 'user');
    const before = await accountRows(a.account.id);
    const del = (t: string, id: string) => netbird(t)('DELETE', `/api/users/${id}`);
    expect((await del(admin.token, admin.user.id)).status).toBe(403);
    expect((await del(admin.token, a.owner.id)).status).toBe(403);
    expect((await del(a.token, a.owner.id)).status).toBe(403);
    expect((await del(a.token, b.owner.id)).status).toBe(404);
    expect((await del(auditor.token, victim.user.id)).status).toBe(403);
    expect((await del(regular.token, victim.user.id)).status).toBe(403);
    expect(await accountRows(a.account.id)).toEqual(before);
    expect((await accountRows(b.account.id)).users.map((u) => u.id)).toContain(b.owner.id);
  });
});

describe('POST /api/users/{userId}/invite', () => {
  it('re-sends an invitation to an invited user and audits it', async () => {
    const inv = await netbird(a.token)('POST', '/api/users', { email: `again-${Date.now()}@example.test`, name: 'Again', role: 'user', auto_groups: [], is_service_user: false });
    const before = await accountRows(a.account.id);
    const r = await netbird(admin.token)('POST', `/api/users/${inv.body.id}/invite`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    expect(await auditAfter(a.account.id, before.audit)).toEqual([expect.objectContaining({ code: 'user.invite', targetId: inv.body.id, meta: expect.objectContaining({ resend: true }) })]);
  });

  it('answers 400 for active and service users, 404 for foreign users, 403 for auditors', async () => {
    const svc = await netbird(a.token)('POST', '/api/users', { name: 'svc', role: 'user', auto_groups: [], is_service_user: true });
    const before = await accountRows(a.account.id);
    const invite = (t: string, id: string) => netbird(t)('POST', `/api/users/${id}/invite`);
    expect((await invite(a.token, regular.user.id)).status).toBe(400);
    expect((await invite(a.token, svc.body.id)).status).toBe(400);
    expect((await invite(a.token, b.owner.id)).status).toBe(404);
    expect((await invite(auditor.token, regular.user.id)).status).toBe(403);
    expect(await accountRows(a.account.id)).toEqual(before);
  });
});

describe('approving and rejecting pending users', () => {
  it('approves a pending user: active, token works, audited, serial bumped', async () => {
    const p = await newUser(a.account.id, 'user', 'pending');
    expect((await netbird(p.token)('GET', '/api/users/current')).status).toBe(403);
    const before = await accountRows(a.account.id);
    const r = await netbird(admin.token)('POST', `/api/users/${p.user.id}/approve`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: p.user.id, status: 'active', pending_approval: false, is_blocked: false });
    expect((await netbird(p.token)('GET', '/api/users/current')).status).toBe(200);
    expect((await accountRows(a.account.id)).account.networkSerial).toBe(before.account.networkSerial + 1);
    expect(await auditAfter(a.account.id, before.audit)).toEqual([expect.objectContaining({ code: 'user.approve', targetId: p.user.id })]);
  });

  it('rejects a pending user by deleting them, audited', async () => {
    const p = await newUser(a.account.id, 'user', 'pending');
    const before = await accountRows(a.account.id);
    const r = await netbird(a.token)('DELETE', `/api/users/${p.user.id}/reject`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    const after = await accountRows(a.account.id);
    expect(after.users.map((u) => u.id)).not.toContain(p.user.id);
    expect(await auditAfter(a.account.id, before.audit)).toEqual([expect.objectContaining({ code: 'user.reject', targetId: p.user.id })]);
  });

  it('answers 422 for users not pending, 404 for foreign users, 403 for auditors and users', async () => {
    const p = await newUser(a.account.id, 'user', 'pending');
    const before = await accountRows(a.account.id);
    const approve = (t: string, id: string) => netbird(t)('POST', `/api/users/${id}/approve`);
    const reject = (t: string, id: string) => netbird(t)('DELETE', `/api/users/${id}/reject`);
    expect((await approve(a.token, regular.user.id)).status).toBe(422);
    expect((await reject(a.token, regular.user.id)).status).toBe(422);
    expect((await approve(a.token, b.owner.id)).status).toBe(404);
    expect((await reject(a.token, b.owner.id)).status).toBe(404);
    for (const t of [auditor.token, regular.token]) {
      expect((await approve(t, p.user.id)).status).toBe(403);
      expect((await reject(t, p.user.id)).status).toBe(403);
    }
    expect(await accountRows(a.account.id)).toEqual(before);
  });
});
