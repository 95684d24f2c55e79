// NetBird accounts API: GET /api/accounts, PUT and DELETE /api/accounts/{accountId}. Every call goes
// through the spec-checking client; refused requests are shown to write nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { accountRows, auditAfter, makeGroup, makePeer } from '../support/users-helpers';

type Acct = Awaited<ReturnType<typeof newAccount>>;

/** A complete settings object as the NetBird dashboard sends it. */
function settingsBody(over: Record<string, unknown> = {}) {
  return {
    peer_login_expiration_enabled: true,
    peer_login_expiration: 86400,
    peer_inactivity_expiration_enabled: false,
    peer_inactivity_expiration: 600,
    regular_users_view_blocked: true,
    peer_expose_enabled: false,
    peer_expose_groups: [],
    ...over,
  };
}

let a: Acct;
let b: Acct;
let allA = '';

beforeAll(async () => {
  a = await newAccount();
  b = await newAccount();
  const db = await testDb();
  allA = (await db.group.findFirstOrThrow({ where: { accountId: a.account.id, name: 'All' } })).id;
});

describe('GET /api/accounts', () => {
  it("lists exactly the caller's account with every setting defaulted", async () => {
    const r = await netbird(a.token)('GET', '/api/accounts');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    const acct = r.body[0];
    expect(acct).toMatchObject({
      id: a.account.id,
      domain: a.account.domain,
      domain_category: 'private',
      created_by: a.owner.id,
      onboarding: { signup_form_pending: false, onboarding_flow_pending: false },
    });
    expect(new Date(acct.created_at).getTime()).toBe(a.account.createdAt.getTime());
    expect(acct.settings).toMatchObject({
      peer_login_expiration_enabled: true,
      peer_login_expiration: 86400,
      peer_inactivity_expiration_enabled: false,
      peer_inactivity_expiration: 600,
      regular_users_view_blocked: true,
      groups_propagation_enabled: true,
      jwt_groups_enabled: false,
      jwt_allow_groups: [],
      routing_peer_dns_resolution_enabled: true,
      dns_domain: 'meshdeck.internal',
      network_range: '100.64.0.0/10',
      network_range_v6: 'fd7a:115c:a1e0::/48',
      peer_expose_enabled: false,
      peer_expose_groups: [],
      extra: {
        peer_approval_enabled: false,
        user_approval_required: false,
        network_traffic_logs_enabled: false,
        network_traffic_logs_groups: [],
        network_traffic_packet_counter_enabled: false,
      },
      lazy_connection_enabled: false,
      auto_update_version: 'disabled',
      local_mfa_enabled: false,
      ipv6_enabled_groups: [allA],
    });
  });

  it('lets admins and auditors read it, refuses regular users and blocked users', async () => {
    const admin = await newUser(a.account.id, 'admin');
    const auditor = await newUser(a.account.id, 'auditor');
    const user = await newUser(a.account.id, 'user');
    const blocked = await newUser(a.account.id, 'admin', 'blocked');
    expect((await netbird(admin.token)('GET', '/api/accounts')).body[0].id).toBe(a.account.id);
    expect((await netbird(auditor.token)('GET', '/api/accounts')).body[0].id).toBe(a.account.id);
    expect((await netbird(user.token)('GET', '/api/accounts')).status).toBe(403);
    expect((await netbird(blocked.token)('GET', '/api/accounts')).status).toBe(403);
  });

  it("never shows another account's data", async () => {
    const r = await netbird(b.token)('GET', '/api/accounts');
    expect(r.body.map((x: { id: string }) => x.id)).toEqual([b.account.id]);
  });
});

describe('PUT /api/accounts/{accountId}', () => {
  it('stores every setting, answers the account, audits each change and bumps the serial', async () => {
    const acct = await newAccount();
    const g1 = await makeGroup(acct.account.id, 'exposers');
    const g2 = await makeGroup(acct.account.id, 'logged');
    const before = await accountRows(acct.account.id);
    const body = {
      settings: settingsBody({
        peer_login_expiration: 43200,
        peer_inactivity_expiration_enabled: true,
        peer_inactivity_expiration: 3600,
        regular_users_view_blocked: false,
        groups_propagation_enabled: false,
        jwt_groups_enabled: true,
        jwt_groups_claim_name: 'roles',
        jwt_allow_groups: ['Administrators'],
        routing_peer_dns_resolution_enabled: false,
        dns_domain: 'Corp.Example.',
        peer_expose_enabled: true,
        peer_expose_groups: [g1.id],
        extra: {
          peer_approval_enabled: true,
          user_approval_required: true,
          network_traffic_logs_enabled: true,
          network_traffic_logs_groups: [g2.id],
          network_traffic_packet_counter_enabled: true,
        },
        lazy_connection_enabled: true,
        auto_update_version: '0.51.2',
        auto_update_always: true,
        metrics_push_enabled: true,
        agent_network_only: true,
        dashboard_features: { agent_network: true },
        embedded_idp_enabled: false,
        local_auth_disabled: true,
        ipv6_enabled_groups: [g1.id],
      }),
      onboarding: { signup_form_pending: true, onboarding_flow_pending: false },
    };
    const r = await netbird(acct.token)('PUT', `/api/accounts/${acct.account.id}`, body);
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(acct.account.id);
    expect(r.body.onboarding).toEqual({ signup_form_pending: true, onboarding_flow_pending: false });
    expect(r.body.settings).toMatchObject({
      ...body.settings,
      dns_domain: 'corp.example',
      // Read-only: reported by meshdeck, not taken from the request.
      embedded_idp_enabled: true,
      local_auth_disabled: false,
    });

    // A later GET shows the same, and the columns hold what other code filters on.
    const again = await netbird(acct.token)('GET', '/api/accounts');
    expect(again.body[0]).toEqual(r.body);
    const after = await accountRows(acct.account.id);
    expect(after.account).toMatchObject({
      peerLoginExpiration: 43200,
      peerInactivityExpirationEnabled: true,
      peerInactivityExpiration: 3600,
      regularUsersViewBlocked: false,
      dnsDomain: 'corp.example',
      networkSerial: before.account.networkSerial + 1,
    });
    expect(JSON.parse(after.account.settingsJson)).toMatchObject({ extra: { network_traffic_logs_groups: [g2.id] }, jwt_groups_claim_name: 'roles' });

    const events = await auditAfter(acct.account.id, before.audit);
    expect(events.map((e) => e.code).sort()).toEqual(
      [
        'account.setting.peer.login.expiration.update',
        'account.peer.inactivity.expiration.enable',
        'account.peer.inactivity.expiration.update',
        'account.setting.group.propagation.disable',
        'account.setting.routing.peer.dns.resolution.disable',
        'account.dns.domain.update',
        'account.setting.lazy.connection.enable',
        'account.setting.peer.approval.enable',
        'account.settings.auto.version.update',
      ].sort(),
    );
    expect(events.every((e) => e.targetId === acct.account.id && e.initiatorId === acct.owner.id && e.source === 'netbird')).toBe(true);
    expect(events.find((e) => e.code === 'account.dns.domain.update')!.meta).toMatchObject({ old: 'meshdeck.internal', new: 'corp.example' });
  });

  it('keeps settings the request leaves out, and does not bump the serial for view-only settings', async () => {
    const acct = await newAccount();
    const call = netbird(acct.token);
    await call('PUT', `/api/accounts/${acct.account.id}`, { settings: settingsBody({ dns_domain: 'kept.example', jwt_allow_groups: ['ops'] }) });
    const before = await accountRows(acct.account.id);
    const r = await call('PUT', `/api/accounts/${acct.account.id}`, { settings: settingsBody({ regular_users_view_blocked: false }) });
    expect(r.status).toBe(200);
    expect(r.body.settings).toMatchObject({ dns_domain: 'kept.example', jwt_allow_groups: ['ops'], regular_users_view_blocked: false });
    expect(r.body.onboarding).toEqual({ signup_form_pending: false, onboarding_flow_pending: false });
    const after = await accountRows(acct.account.id);
    expect(after.account.networkSerial).toBe(before.account.networkSerial);
    expect(after.account.regularUsersViewBlocked).toBe(false);
  });

  it('renumbers every peer into a new IPv4 and IPv6 range', async () => {
    const acct = await newAccount();
    const p1 = await makePeer(acct.account.id, '100.64.0.1', '', 'fd7a:115c:a1e0:1:2:3:4:5');
    const p2 = await makePeer(acct.account.id, '100.64.0.2', '', 'fd7a:115c:a1e0:1:2:3:4:6');
    const before = await accountRows(acct.account.id);
    const r = await netbird(acct.token)('PUT', `/api/accounts/${acct.account.id}`, {
      settings: settingsBody({ network_range: '10.20.0.9/16', network_range_v6: 'fd12:3456:789a::/48' }),
    });
    expect(r.status).toBe(200);
    expect(r.body.settings).toMatchObject({ network_range: '10.20.0.0/16', network_range_v6: 'fd12:3456:789a::/48' });
    const db = await testDb();
    const peers = await db.peer.findMany({ where: { id: { in: [p1.id, p2.id] } }, orderBy: { createdAt: 'asc' } });
    expect(peers.map((p) => p.ip).sort()).toEqual(['10.20.0.1', '10.20.0.2']);
    for (const p of peers) expect(p.ipv6).toMatch(/^fd12:3456:789a:/);
    const after = await accountRows(acct.account.id);
    expect(after.account.networkSerial).toBeGreaterThan(before.account.networkSerial);
    const events = await auditAfter(acct.account.id, before.audit);
    expect(events.filter((e) => e.code === 'account.network.range.update').map((e) => e.meta.new).sort()).toEqual(['10.20.0.0/16', 'fd12:3456:789a::/48']);
  });

  it('refuses a range too small for the peers and keeps their addresses', async () => {
    const acct = await newAccount();
    for (const ip of ['100.64.0.1', '100.64.0.2', '100.64.0.3']) await makePeer(acct.account.id, ip);
    const before = await accountRows(acct.account.id);
    const r = await netbird(acct.token)('PUT', `/api/accounts/${acct.account.id}`, { settings: settingsBody({ network_range: '192.168.7.0/30' }) });
    expect(r.status).toBe(422);
    expect(await accountRows(acct.account.id)).toEqual(before);
  });

  const typeErrors: [string, unknown][] = [
    ['malformed JSON', '{"settings": {'],
    ['no settings', { onboarding: { signup_form_pending: true, onboarding_flow_pending: true } }],
    ['a missing required setting', { settings: { ...settingsBody(), peer_expose_groups: undefined } }],
    ['a string for a number', { settings: settingsBody({ peer_login_expiration: '3600' }) }],
    ['a fractional number', { settings: settingsBody({ peer_login_expiration: 3600.5 }) }],
    ['a string for a boolean', { settings: settingsBody({ regular_users_view_blocked: 'yes' }) }],
    ['a string for a list', { settings: settingsBody({ jwt_allow_groups: 'admins' }) }],
    ['incomplete extra settings', { settings: settingsBody({ extra: { peer_approval_enabled: true } }) }],
    ['a number for the DNS domain', { settings: settingsBody({ dns_domain: 5 }) }],
    ['incomplete onboarding', { settings: settingsBody(), onboarding: { signup_form_pending: true } }],
  ];
  const valueErrors: [string, Record<string, unknown>][] = [
    ['a login expiration under an hour', { peer_login_expiration: 60 }],
    ['a login expiration over 180 days', { peer_login_expiration: 181 * 86400 }],
    ['an inactivity expiration under 10 minutes', { peer_inactivity_expiration: 599 }],
    ['a public network range', { network_range: '8.8.8.0/24' }],
    ['a network range that is not a CIDR', { network_range: '100.64.0.0' }],
    ['a /31 network range', { network_range: '10.0.0.0/31' }],
    ['a network range straddling private space', { network_range: '172.0.0.0/8' }],
    ['a global IPv6 range', { network_range_v6: '2001:db8::/48' }],
    ['an IPv6 range narrower than /48', { network_range_v6: 'fd00:1:2:3::/64' }],
    ['an invalid IPv6 range', { network_range_v6: 'fd00::zz/48' }],
    ['a DNS domain with an underscore', { dns_domain: 'bad_domain.example' }],
    ['a DNS domain starting with a hyphen', { dns_domain: '-corp.example' }],
    ['an unknown expose group', { peer_expose_groups: ['ch8i4ug6lnn4g9hqv7m0'] }],
    ['an unknown IPv6 group', { ipv6_enabled_groups: ['ch8i4ug6lnn4g9hqv7m0'] }],
    ['an auto-update version that is not one', { auto_update_version: 'soon' }],
    ['agent_network_only without its dashboard feature', { agent_network_only: true }],
    ['local MFA, which meshdeck does not have', { local_mfa_enabled: true }],
    ['an empty JWT group name', { jwt_allow_groups: [' '] }],
  ];

  describe('refuses bad input and writes nothing', () => {
    let acct: Acct;
    beforeAll(async () => {
      acct = await newAccount();
      await makePeer(acct.account.id, '100.64.0.1');
    });
    for (const [what, body] of typeErrors) {
      it(`400: ${what}`, async () => {
        const before = await accountRows(acct.account.id);
        const r = await netbird(acct.token)('PUT', `/api/accounts/${acct.account.id}`, typeof body === 'string' ? body : JSON.stringify(body));
        expect(r.status).toBe(400);
        expect(await accountRows(acct.account.id)).toEqual(before);
      });
    }
    for (const [what, over] of valueErrors) {
      it(`422: ${what}`, async () => {
        const before = await accountRows(acct.account.id);
        const r = await netbird(acct.token)('PUT', `/api/accounts/${acct.account.id}`, { settings: settingsBody(over) });
        expect(r.status).toBe(422);
        expect(r.body.message.length).toBeGreaterThan(10);
        expect(await accountRows(acct.account.id)).toEqual(before);
      });
    }
    it("422: a group of another account", async () => {
      const foreign = await makeGroup(b.account.id);
      const before = await accountRows(acct.account.id);
      const r = await netbird(acct.token)('PUT', `/api/accounts/${acct.account.id}`, {
        settings: settingsBody({ extra: { peer_approval_enabled: false, user_approval_required: false, network_traffic_logs_enabled: true, network_traffic_logs_groups: [foreign.id], network_traffic_packet_counter_enabled: false } }),
      });
      expect(r.status).toBe(422);
      expect(await accountRows(acct.account.id)).toEqual(before);
    });
  });

  it("answers 404 for another account's id and changes neither account", async () => {
    const [ra, rb] = [await accountRows(a.account.id), await accountRows(b.account.id)];
    const r = await netbird(a.token)('PUT', `/api/accounts/${b.account.id}`, { settings: settingsBody({ dns_domain: 'stolen.example' }) });
    expect(r.status).toBe(404);
    expect(await accountRows(a.account.id)).toEqual(ra);
    expect(await accountRows(b.account.id)).toEqual(rb);
  });

  it('lets an admin change settings; refuses auditors and regular users with 403', async () => {
    const acct = await newAccount();
    const admin = await newUser(acct.account.id, 'admin');
    const auditor = await newUser(acct.account.id, 'auditor');
    const user = await newUser(acct.account.id, 'user');
    const body = { settings: settingsBody({ peer_login_expiration: 7200 }) };
    for (const t of [auditor.token, user.token]) {
      const before = await accountRows(acct.account.id);
      expect((await netbird(t)('PUT', `/api/accounts/${acct.account.id}`, body)).status).toBe(403);
      expect(await accountRows(acct.account.id)).toEqual(before);
    }
    const ok = await netbird(admin.token)('PUT', `/api/accounts/${acct.account.id}`, body);
    expect(ok.status).toBe(200);
    expect(ok.body.settings.peer_login_expiration).toBe(7200);
  });
});

describe('DELETE /api/accounts/{accountId}', () => {
  it('is for the owner only: admins, auditors and users get 403 and nothing is deleted', async () => {
    const acct = await newAccount();
    for (const role of ['admin', 'auditor', 'user'] as const) {
      const u = await newUser(acct.account.id, role);
      const before = await accountRows(acct.account.id);
      expect((await netbird(u.token)('DELETE', `/api/accounts/${acct.account.id}`)).status).toBe(403);
      expect(await accountRows(acct.account.id)).toEqual(before);
    }
  });

  it("answers 404 for another account's id", async () => {
    const before = await accountRows(b.account.id);
    expect((await netbird(a.token)('DELETE', `/api/accounts/${b.account.id}`)).status).toBe(404);
    expect(await accountRows(b.account.id)).toEqual(before);
  });

  it('deletes the account and everything in it, and leaves other accounts alone', async () => {
    const acct = await newAccount();
    const id = acct.account.id;
    const admin = await newUser(id, 'admin');
    const g = await makeGroup(id, 'servers');
    const peer = await makePeer(id, '100.64.0.1', admin.user.id);
    const db = await testDb();
    await db.groupPeer.create({ data: { groupId: g.id, peerId: peer.id } });
    await db.setupKey.create({ data: { id: `sk${id.slice(2)}`, accountId: id, name: 'k', keyHash: `hash-${id}`, keyPrefix: 'ABC', type: 'reusable', expiresAt: new Date(Date.now() + 86400_000) } });
    await db.ingressPortAllocation.create({ data: { id: `ia${id.slice(2)}`, accountId: id, peerId: peer.id, ingressPeerId: peer.id, name: 'web' } });
    const otherBefore = await accountRows(b.account.id);

    const r = await netbird(acct.token)('DELETE', `/api/accounts/${id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});

    expect(await db.account.findUnique({ where: { id } })).toBeNull();
    const left = await Promise.all([
      db.user.count({ where: { accountId: id } }),
      db.apiToken.count({ where: { accountId: id } }),
      db.group.count({ where: { accountId: id } }),
      db.peer.count({ where: { accountId: id } }),
      db.groupPeer.count({ where: { groupId: g.id } }),
      db.setupKey.count({ where: { accountId: id } }),
      db.ingressPortAllocation.count({ where: { accountId: id } }),
      db.auditEvent.count({ where: { accountId: id } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // The owner's and the admin's tokens are gone with it.
    expect((await netbird(acct.token)('GET', '/api/users/current')).status).toBe(401);
    expect((await netbird(admin.token)('GET', '/api/users/current')).status).toBe(401);
    expect(await accountRows(b.account.id)).toEqual(otherBefore);
  });
});
