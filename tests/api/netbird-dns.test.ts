// NetBird DNS API: nameserver groups (primary or match domains) and DNS settings (groups without DNS
// management); validation, isolation, roles, audit, the network serial and a peer's DNS config.
import { beforeAll, describe, expect, it } from 'vitest';
import { dnsConfigForPeer } from '@/lib/domain/dns/nameservers';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { allGroupOf, auditOf, insertGroup, insertPeer, serialOf, snapshot } from '../support/routes-helpers';

let a: Awaited<ReturnType<typeof newAccount>>;
let b: Awaited<ReturnType<typeof newAccount>>;
let api: ReturnType<typeof netbird>;
let all = '';
let devs = '';
let kiosks = '';
let otherGroup = '';
let nameNo = 0;

beforeAll(async () => {
  a = await newAccount();
  b = await newAccount();
  api = netbird(a.token);
  all = (await allGroupOf(a.account.id)).id;
  devs = (await insertGroup(a.account.id, 'devs')).id;
  kiosks = (await insertGroup(a.account.id, 'kiosks')).id;
  otherGroup = (await insertGroup(b.account.id, 'b-devs')).id;
});

const nsGroup = (over: Record<string, unknown> = {}) => ({
  name: `Google DNS ${++nameNo}`,
  description: 'Google public resolvers',
  nameservers: [
    { ip: '8.8.8.8', ns_type: 'udp', port: 53 },
    { ip: '2001:4860:4860::8888', ns_type: 'udp', port: 53 },
  ],
  enabled: true,
  groups: [all],
  primary: true,
  domains: [],
  search_domains_enabled: false,
  ...over,
});

describe('nameserver groups', () => {
  it('creates a primary group, audits it and bumps the serial', async () => {
    const serial = await serialOf(a.account.id);
    const r = await api('POST', '/api/dns/nameservers', nsGroup({ name: 'Google DNS' }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-v]{20}$/),
      name: 'Google DNS',
      description: 'Google public resolvers',
      nameservers: [
        { ip: '8.8.8.8', ns_type: 'udp', port: 53 },
        { ip: '2001:4860:4860::8888', ns_type: 'udp', port: 53 },
      ],
      enabled: true,
      groups: [all],
      primary: true,
      domains: [],
      search_domains_enabled: false,
    });
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    const [ev] = await auditOf(a.account.id, r.body.id, 'nameserver.group.add');
    expect(ev).toMatchObject({ activity: 'Nameserver group created', initiatorId: a.owner.id });
    expect(JSON.parse(ev.meta)).toEqual({ name: 'Google DNS' });
    expect((await api('GET', `/api/dns/nameservers/${r.body.id}`)).body).toEqual(r.body);
  });

  it('creates a match-domain group with search domains, lists, updates and deletes it', async () => {
    const r = await api('POST', '/api/dns/nameservers', nsGroup({
      name: 'Corp DNS',
      nameservers: [{ ip: '10.0.0.53', ns_type: 'udp', port: 5353 }],
      groups: [devs],
      primary: false,
      domains: ['Corp.Example.com', 'lab.internal.'],
      search_domains_enabled: true,
    }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ primary: false, domains: ['corp.example.com', 'lab.internal'], search_domains_enabled: true });
    const list = await api('GET', '/api/dns/nameservers');
    expect(list.status).toBe(200);
    expect(list.body.map((g: { id: string }) => g.id)).toContain(r.body.id);
    expect(list.body.length).toBe(await (await testDb()).nameserverGroup.count({ where: { accountId: a.account.id } }));

    const serial = await serialOf(a.account.id);
    const u = await api('PUT', `/api/dns/nameservers/${r.body.id}`, nsGroup({ name: 'Corp DNS', enabled: false, groups: [devs, kiosks] }));
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ id: r.body.id, enabled: false, primary: true, domains: [], groups: [devs, kiosks] });
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    expect(await auditOf(a.account.id, r.body.id, 'nameserver.group.update')).toHaveLength(1);

    const d = await api('DELETE', `/api/dns/nameservers/${r.body.id}`);
    expect(d.status).toBe(200);
    expect(d.body).toEqual({});
    expect(await serialOf(a.account.id)).toBe(serial + 2);
    expect(await auditOf(a.account.id, r.body.id, 'nameserver.group.delete')).toHaveLength(1);
    expect((await api('GET', `/api/dns/nameservers/${r.body.id}`)).status).toBe(404);
  });

  const bad: [string, () => unknown, number][] = [
    ['malformed JSON', () => '{"name":', 400],
    ['a missing description', () => ({ ...nsGroup(), description: undefined }), 400],
    ['a string port', () => nsGroup({ nameservers: [{ ip: '1.1.1.1', ns_type: 'udp', port: '53' }] }), 400],
    ['nameservers as an object', () => nsGroup({ nameservers: { ip: '1.1.1.1', ns_type: 'udp', port: 53 } }), 400],
    ['a string for primary', () => nsGroup({ primary: 'true' }), 400],
    ['an empty name', () => nsGroup({ name: '' }), 422],
    ['a 41-character name', () => nsGroup({ name: 'n'.repeat(41) }), 422],
    ['a name already used', () => nsGroup({ name: 'Google DNS' }), 422],
    ['no nameservers', () => nsGroup({ nameservers: [] }), 422],
    ['four nameservers', () => nsGroup({ nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'].map((ip) => ({ ip, ns_type: 'udp', port: 53 })) }), 422],
    ['an invalid IP', () => nsGroup({ nameservers: [{ ip: 'dns.google', ns_type: 'udp', port: 53 }] }), 422],
    ['ns_type tcp', () => nsGroup({ nameservers: [{ ip: '1.1.1.1', ns_type: 'tcp', port: 53 }] }), 422],
    ['port 0', () => nsGroup({ nameservers: [{ ip: '1.1.1.1', ns_type: 'udp', port: 0 }] }), 422],
    ['port 65536', () => nsGroup({ nameservers: [{ ip: '1.1.1.1', ns_type: 'udp', port: 65536 }] }), 422],
    ['a primary group with domains', () => nsGroup({ domains: ['example.com'] }), 422],
    ['a non-primary group without domains', () => nsGroup({ primary: false }), 422],
    ['search domains without domains', () => nsGroup({ search_domains_enabled: true }), 422],
    ['an invalid domain', () => nsGroup({ primary: false, domains: ['bad domain'] }), 422],
    ['no groups', () => nsGroup({ groups: [] }), 422],
    ['an unknown group', () => nsGroup({ groups: ['cvv0000000000000000g'] }), 422],
    ["another account's group", () => nsGroup({ groups: [otherGroup] }), 422],
  ];
  for (const [what, body, status] of bad) {
    it(`answers ${status} to ${what} on POST and PUT and writes nothing`, async () => {
      const existing = (await api('POST', '/api/dns/nameservers', nsGroup())).body;
      const before = await snapshot(a.account.id);
      expect((await api('POST', '/api/dns/nameservers', body())).status).toBe(status);
      expect((await api('PUT', `/api/dns/nameservers/${existing.id}`, body())).status).toBe(status);
      expect(await snapshot(a.account.id)).toEqual(before);
    });
  }
});

describe('DNS settings', () => {
  it('reads and replaces the groups without DNS management, auditing each group added or removed', async () => {
    const get = await api('GET', '/api/dns/settings');
    expect(get.status).toBe(200);
    expect(get.body).toEqual({ disabled_management_groups: [] });

    const serial = await serialOf(a.account.id);
    const put = await api('PUT', '/api/dns/settings', { disabled_management_groups: [kiosks, devs] });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ disabled_management_groups: [kiosks, devs] });
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    expect((await api('GET', '/api/dns/settings')).body).toEqual({ disabled_management_groups: [kiosks, devs] });
    const [added] = await auditOf(a.account.id, kiosks, 'dns.setting.disabled.management.group.add');
    expect(JSON.parse(added.meta)).toMatchObject({ group_id: kiosks, group: expect.stringMatching(/^kiosks-/) });

    await api('PUT', '/api/dns/settings', { disabled_management_groups: [kiosks] });
    expect(await auditOf(a.account.id, devs, 'dns.setting.disabled.management.group.delete')).toHaveLength(1);
    expect(await auditOf(a.account.id, kiosks, 'dns.setting.disabled.management.group.add')).toHaveLength(1);
    const db = await testDb();
    expect(JSON.parse((await db.account.findUniqueOrThrow({ where: { id: a.account.id } })).dnsDisabledManagementGroups)).toEqual([kiosks]);
  });

  const bad: [string, unknown, number][] = [
    ['a missing list', {}, 400],
    ['a string instead of a list', { disabled_management_groups: 'x' }, 400],
    ['numbers in the list', { disabled_management_groups: [1] }, 400],
    ['an unknown group', { disabled_management_groups: ['cvv0000000000000000g'] }, 422],
    ["another account's group", { disabled_management_groups: [otherGroup] }, 422],
  ];
  for (const [what, body, status] of bad) {
    it(`answers ${status} to ${what} and writes nothing`, async () => {
      const before = await snapshot(a.account.id);
      expect((await api('PUT', '/api/dns/settings', body)).status).toBe(status);
      expect(await snapshot(a.account.id)).toEqual(before);
    });
  }
});

describe('DNS isolation and roles', () => {
  it("answers 404 for another account's nameserver group and keeps settings per account", async () => {
    const bApi = netbird(b.token);
    const theirs = (await bApi('POST', '/api/dns/nameservers', nsGroup({ groups: [otherGroup] }))).body;
    const before = await snapshot(b.account.id);
    expect((await api('GET', `/api/dns/nameservers/${theirs.id}`)).status).toBe(404);
    expect((await api('PUT', `/api/dns/nameservers/${theirs.id}`, nsGroup())).status).toBe(404);
    expect((await api('DELETE', `/api/dns/nameservers/${theirs.id}`)).status).toBe(404);
    expect((await api('GET', '/api/dns/nameservers')).body.map((g: { id: string }) => g.id)).not.toContain(theirs.id);
    expect(await snapshot(b.account.id)).toEqual(before);
    expect((await bApi('GET', '/api/dns/settings')).body).toEqual({ disabled_management_groups: [] });
  });

  it('lets auditors read but not write, and regular users neither', async () => {
    const existing = (await api('POST', '/api/dns/nameservers', nsGroup())).body;
    for (const role of ['auditor', 'user'] as const) {
      const them = netbird((await newUser(a.account.id, role)).token);
      const before = await snapshot(a.account.id);
      expect((await them('POST', '/api/dns/nameservers', nsGroup())).status).toBe(403);
      expect((await them('PUT', `/api/dns/nameservers/${existing.id}`, nsGroup())).status).toBe(403);
      expect((await them('DELETE', `/api/dns/nameservers/${existing.id}`)).status).toBe(403);
      expect((await them('PUT', '/api/dns/settings', { disabled_management_groups: [] })).status).toBe(403);
      expect(await snapshot(a.account.id)).toEqual(before);
      for (const path of ['/api/dns/nameservers', `/api/dns/nameservers/${existing.id}`, '/api/dns/settings']) {
        expect((await them('GET', path)).status, `${role} GET ${path}`).toBe(role === 'auditor' ? 200 : 403);
      }
    }
  });
});

describe("a peer's DNS configuration", () => {
  it('gives a peer the enabled nameserver groups of its groups, unless its DNS management is disabled', async () => {
    const acct = await newAccount();
    const bob = netbird(acct.token);
    const dev = (await insertPeer(acct.account.id, 'dev-box')).id;
    const kiosk = (await insertPeer(acct.account.id, 'kiosk')).id;
    const devGroup = (await insertGroup(acct.account.id, 'devs', [dev])).id;
    const kioskGroup = (await insertGroup(acct.account.id, 'kiosks', [kiosk])).id;
    const everyone = (await allGroupOf(acct.account.id)).id;
    const primary = (await bob('POST', '/api/dns/nameservers', nsGroup({ groups: [everyone] }))).body;
    const corp = (await bob('POST', '/api/dns/nameservers', nsGroup({ groups: [devGroup], primary: false, domains: ['corp.example.com'] }))).body;
    await bob('POST', '/api/dns/nameservers', nsGroup({ groups: [devGroup], enabled: false }));
    await bob('PUT', '/api/dns/settings', { disabled_management_groups: [kioskGroup] });

    const db = await testDb();
    const forDev = await dnsConfigForPeer(db, acct.account.id, dev);
    expect(forDev.enabled).toBe(true);
    expect(forDev.domain).toBe('meshdeck.internal');
    expect(forDev.nameserverGroups.map((g) => g.id)).toEqual([primary.id, corp.id]);
    expect(forDev.nameserverGroups[1]).toMatchObject({ primary: false, domains: ['corp.example.com'], nameservers: [{ ip: '8.8.8.8', nsType: 'udp', port: 53 }, expect.anything()] });
    expect(await dnsConfigForPeer(db, acct.account.id, kiosk)).toEqual({ enabled: false, nameserverGroups: [], domain: 'meshdeck.internal' });
  });
});
