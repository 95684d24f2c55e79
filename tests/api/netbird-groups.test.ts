// The NetBird groups API: membership of peers and network resources, the built-in All group,
// unique names, "in use" protection, account isolation, roles and audit.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { addNetworkResource, addPeer, serialOf, slice } from '../support/groups-helpers';
import { netbird } from '../support/netbird-client';
import { netbirdApi } from '../support/openapi';
import { newId } from '@/lib/domain/ids';

let acct: Awaited<ReturnType<typeof newAccount>>;
let other: Awaited<ReturnType<typeof newAccount>>;
let api: ReturnType<typeof netbird>;
let accountId = '';
let allGroupId = '';
const peers: { id: string; name: string }[] = [];

beforeAll(async () => {
  acct = await newAccount();
  other = await newAccount();
  accountId = acct.account.id;
  api = netbird(acct.token);
  for (const name of ['alpha', 'bravo', 'charlie']) peers.push(await addPeer(accountId, name));
  const db = await testDb();
  allGroupId = (await db.group.findFirstOrThrow({ where: { accountId, name: 'All' } })).id;
});

describe('creating and reading groups', () => {
  it('creates a group with peers and network resources, audits it and bumps the network serial', async () => {
    const res = await addNetworkResource(accountId, 'subnet');
    const serial = await serialOf(accountId);
    const r = await api('POST', '/api/groups', { name: 'devs', peers: [peers[0].id, peers[1].id, peers[0].id], resources: [{ id: res.id, type: 'subnet' }] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-v]{20}$/),
      name: 'devs',
      peers_count: 2,
      resources_count: 1,
      issued: 'api',
      peers: expect.arrayContaining([{ id: peers[0].id, name: 'alpha' }, { id: peers[1].id, name: 'bravo' }]),
      resources: [{ id: res.id, type: 'subnet' }],
    });
    expect(await serialOf(accountId)).toBe(serial + 1);

    const one = await api('GET', `/api/groups/${r.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(r.body);

    const db = await testDb();
    const ev = await db.auditEvent.findFirstOrThrow({ where: { accountId, targetId: r.body.id, activityCode: 'group.add' } });
    expect(ev).toMatchObject({ activity: 'Group created', initiatorId: acct.owner.id, source: 'netbird' });
    expect(JSON.parse(ev.meta)).toMatchObject({ name: 'devs' });
    expect(await db.auditEvent.count({ where: { accountId, activityCode: 'peer.group.add', targetId: { in: [peers[0].id, peers[1].id] } } })).toBe(2);
  });

  it('accepts a group without members (and null lists) without bumping the serial', async () => {
    const serial = await serialOf(accountId);
    const r = await api('POST', '/api/groups', { name: 'empty', peers: null, resources: null });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'empty', peers_count: 0, resources_count: 0, peers: [], resources: [] });
    expect(await serialOf(accountId)).toBe(serial);
  });

  it('lists every group, the All group with every peer of the account', async () => {
    const r = await api('GET', '/api/groups');
    expect(r.status).toBe(200);
    const all = r.body.find((g: { name: string }) => g.name === 'All');
    expect(all).toMatchObject({ id: allGroupId, peers_count: 3, resources_count: 0, resources: [] });
    expect(all.peers.map((p: { id: string }) => p.id).sort()).toEqual(peers.map((p) => p.id).sort());
    expect(r.body.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['All', 'devs', 'empty']));
    expect(JSON.stringify(r.body)).not.toContain(other.account.id);
  });

  it('filters by exact name, and answers 404 when no group has that name', async () => {
    const r = await api('GET', '/api/groups?name=devs');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    expect(r.body[0].name).toBe('devs');
    expect((await api('GET', '/api/groups?name=dev')).status).toBe(404);
  });

  it('the spec check still rejects an unknown resource type after the ResourceType erratum', () => {
    const group = { id: 'g', name: 'n', peers_count: 0, resources_count: 1, issued: 'api', peers: [] };
    expect(() => netbirdApi().check('/api/groups/{groupId}', 'get', 200, { ...group, resources: [{ id: 'r', type: 'printer' }] })).toThrow(/does not match/);
    for (const type of ['host', 'subnet', 'domain', 'peer']) netbirdApi().check('/api/groups/{groupId}', 'get', 200, { ...group, resources: [{ id: 'r', type }] });
  });

  it('trims names', async () => {
    const r = await api('POST', '/api/groups', { name: '  ops  ' });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('ops');
  });
});

describe('updating groups', () => {
  it('replaces name and membership, audits peers joining and leaving, and bumps the serial', async () => {
    const g = (await api('POST', '/api/groups', { name: 'web', peers: [peers[0].id, peers[1].id] })).body;
    const serial = await serialOf(accountId);
    const r = await api('PUT', `/api/groups/${g.id}`, { name: 'web-servers', peers: [peers[1].id, peers[2].id] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: g.id, name: 'web-servers', peers_count: 2 });
    expect(r.body.peers.map((p: { id: string }) => p.id).sort()).toEqual([peers[1].id, peers[2].id].sort());
    expect(await serialOf(accountId)).toBe(serial + 1);

    const db = await testDb();
    expect(await db.auditEvent.count({ where: { accountId, targetId: g.id, activityCode: 'group.update' } })).toBe(1);
    const joined = await db.auditEvent.findMany({ where: { accountId, activityCode: 'peer.group.add', meta: { contains: g.id } } });
    const left = await db.auditEvent.findMany({ where: { accountId, activityCode: 'peer.group.delete', meta: { contains: g.id } } });
    expect(joined.map((e) => e.targetId).sort()).toEqual([peers[0].id, peers[1].id, peers[2].id].sort());
    expect(left.map((e) => e.targetId)).toEqual([peers[0].id]);
  });

  it('a rename bumps the serial (names show in listings and policies); omitting peers empties the group', async () => {
    const g = (await api('POST', '/api/groups', { name: 'db', peers: [peers[0].id] })).body;
    const serial = await serialOf(accountId);
    expect((await api('PUT', `/api/groups/${g.id}`, { name: 'databases', peers: [peers[0].id] })).status).toBe(200);
    expect(await serialOf(accountId)).toBe(serial + 1);
    expect((await api('PUT', `/api/groups/${g.id}`, { name: 'databases', peers: [peers[0].id] })).status).toBe(200);
    expect(await serialOf(accountId)).toBe(serial + 1);

    const r = await api('PUT', `/api/groups/${g.id}`, { name: 'databases' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ peers_count: 0, peers: [] });
    expect(await serialOf(accountId)).toBe(serial + 2);
    const db = await testDb();
    expect(await db.groupPeer.count({ where: { groupId: g.id } })).toBe(0);
  });

  it('moves network resources in and out of a group', async () => {
    const host = await addNetworkResource(accountId, 'host');
    const domain = await addNetworkResource(accountId, 'domain');
    const g = (await api('POST', '/api/groups', { name: 'resources', resources: [{ id: host.id, type: 'host' }] })).body;
    const r = await api('PUT', `/api/groups/${g.id}`, { name: 'resources', resources: [{ id: domain.id, type: 'domain' }] });
    expect(r.body).toMatchObject({ resources_count: 1, resources: [{ id: domain.id, type: 'domain' }] });
    const db = await testDb();
    expect((await db.groupResource.findMany({ where: { groupId: g.id } })).map((x) => x.resourceId)).toEqual([domain.id]);
  });
});

describe('the All group', () => {
  it('accepts a PUT that keeps its name, but its membership stays every peer', async () => {
    const before = await slice(accountId);
    const r = await api('PUT', `/api/groups/${allGroupId}`, { name: 'All', peers: [peers[0].id] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: allGroupId, name: 'All', peers_count: 3 });
    const db = await testDb();
    expect(await db.groupPeer.count({ where: { groupId: allGroupId } })).toBe(0);
    expect((await slice(accountId)).members).toBe(before.members);
  });

  it('cannot be renamed or deleted, and nothing is written', async () => {
    const before = await slice(accountId);
    const rename = await api('PUT', `/api/groups/${allGroupId}`, { name: 'Everyone' });
    expect(rename.status).toBe(422);
    expect(rename.body.message).toContain('All');
    const del = await api('DELETE', `/api/groups/${allGroupId}`);
    expect(del.status).toBe(422);
    expect(await slice(accountId)).toEqual(before);
    expect((await api('GET', `/api/groups/${allGroupId}`)).body.name).toBe('All');
  });

  it('its name cannot be taken by another group', async () => {
    const ops = (await api('GET', '/api/groups?name=ops')).body[0];
    const before = await slice(accountId);
    expect((await api('POST', '/api/groups', { name: 'All' })).status).toBe(409);
    expect((await api('PUT', `/api/groups/${ops.id}`, { name: 'All' })).status).toBe(409);
    expect(await slice(accountId)).toEqual(before);
  });
});

describe('names are unique per account', () => {
  it('answers 409 to a duplicate name on create and rename, writing nothing', async () => {
    const before = await slice(accountId);
    const r = await api('POST', '/api/groups', { name: 'devs' });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('devs');
    expect(await slice(accountId)).toEqual(before);

    const ops = (await api('GET', '/api/groups?name=ops')).body[0];
    expect((await api('PUT', `/api/groups/${ops.id}`, { name: 'devs' })).status).toBe(409);
    expect(await slice(accountId)).toEqual(before);
  });

  it('lets another account use the same name', async () => {
    const r = await netbird(other.token)('POST', '/api/groups', { name: 'devs' });
    expect(r.status).toBe(200);
  });
});

describe('bad input writes nothing', () => {
  let host = '';
  let foreignPeer = '';
  let foreignResource = '';
  beforeAll(async () => {
    host = (await addNetworkResource(accountId, 'host')).id;
    foreignPeer = (await addPeer(other.account.id)).id;
    foreignResource = (await addNetworkResource(other.account.id, 'host')).id;
  });

  // Each body is built around a name, so the same cases serve POST (fresh names) and PUT (its own name).
  const cases: [string, (name: string) => unknown, number][] = [
    ['malformed JSON', () => '{"name": ', 400],
    ['a number as name', () => ({ name: 5 }), 400],
    ['a missing name', () => ({ peers: [] }), 400],
    ['peers as a string', (name) => ({ name, peers: 'abc' }), 400],
    ['numbers as peer ids', (name) => ({ name, peers: [1, 2] }), 400],
    ['a resource without a type', (name) => ({ name, resources: [{ id: host }] }), 400],
    ['an empty name', () => ({ name: '   ' }), 422],
    ['an unknown peer id', (name) => ({ name, peers: [newId()] }), 422],
    ["another account's peer", (name) => ({ name, peers: [foreignPeer] }), 422],
    ['an unknown resource', (name) => ({ name, resources: [{ id: newId(), type: 'host' }] }), 422],
    ["another account's resource", (name) => ({ name, resources: [{ id: foreignResource, type: 'host' }] }), 422],
    ['a resource of the wrong type', (name) => ({ name, resources: [{ id: host, type: 'subnet' }] }), 422],
    ['a peer given as a resource', (name) => ({ name, resources: [{ id: peers[0].id, type: 'peer' }] }), 422],
    ['an unknown resource type', (name) => ({ name, resources: [{ id: host, type: 'printer' }] }), 422],
  ];
  for (const [what, body, status] of cases) {
    it(`POST answers ${status} to ${what}`, async () => {
      const before = await slice(accountId);
      const r = await api('POST', '/api/groups', body(`bad-${newId().slice(-5)}`));
      expect(r.status).toBe(status);
      expect(r.body.message.length).toBeGreaterThan(5);
      expect(await slice(accountId)).toEqual(before);
    });
  }

  it('PUT answers 400 and 422 likewise and leaves the group as it was', async () => {
    const g = (await api('GET', '/api/groups?name=devs')).body[0];
    const before = await slice(accountId);
    for (const [what, body, status] of cases) {
      const r = await api('PUT', `/api/groups/${g.id}`, body('devs'));
      expect(r.status, what).toBe(status);
    }
    expect(await slice(accountId)).toEqual(before);
    expect((await api('GET', `/api/groups/${g.id}`)).body).toEqual(g);
  });
});

describe('deleting groups', () => {
  it('deletes an unused group with its memberships, answers {} and audits it', async () => {
    const g = (await api('POST', '/api/groups', { name: 'temp', peers: [peers[0].id] })).body;
    const serial = await serialOf(accountId);
    const r = await api('DELETE', `/api/groups/${g.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    expect((await api('GET', `/api/groups/${g.id}`)).status).toBe(404);
    const db = await testDb();
    expect(await db.groupPeer.count({ where: { groupId: g.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { accountId, targetId: g.id, activityCode: 'group.delete' } })).toBe(1);
    expect(await serialOf(accountId)).toBe(serial + 1);
  });

  it('refuses with 409 naming the user while a policy, route, key, user, nameserver group, DNS setting or network router refers to it', async () => {
    const db = await testDb();
    const mk = async (name: string) => (await api('POST', '/api/groups', { name })).body.id as string;
    const src = await mk('in-policy');
    const policy = await api('POST', '/api/policies', {
      name: 'Office access',
      enabled: true,
      rules: [{ name: 'r', enabled: true, action: 'accept', bidirectional: true, protocol: 'all', sources: [src], destinations: [allGroupId] }],
    });
    expect(policy.status).toBe(200);

    const ssh = await mk('in-ssh');
    await db.policy.create({
      data: {
        id: newId(), accountId, name: 'SSH admins',
        rules: { create: { id: newId(), name: 'ssh', protocol: 'netbird-ssh', sources: JSON.stringify([allGroupId]), destinations: JSON.stringify([allGroupId]), authorizedGroups: JSON.stringify({ [ssh]: ['root'] }) } },
      },
    });
    const route = await mk('in-route');
    await db.route.create({ data: { id: newId(), accountId, networkId: 'office-lan', network: '10.0.0.0/24', accessControlGroups: JSON.stringify([route]) } });
    const key = await mk('in-key');
    await db.setupKey.create({
      data: { id: newId(), accountId, name: 'laptops', keyHash: newId(), keyPrefix: 'ABCDE', type: 'reusable', expiresAt: new Date(Date.now() + 86400_000), autoGroups: JSON.stringify([key]) },
    });
    const user = await mk('in-user');
    const u = await newUser(accountId, 'user');
    await db.user.update({ where: { id: u.user.id }, data: { autoGroups: JSON.stringify([user]) } });
    const ns = await mk('in-ns');
    await db.nameserverGroup.create({ data: { id: newId(), accountId, name: 'corp-dns', groups: JSON.stringify([ns]) } });
    const dns = await mk('in-dns');
    await db.account.update({ where: { id: accountId }, data: { dnsDisabledManagementGroups: JSON.stringify([dns]) } });
    const router = await mk('in-router');
    const network = await db.network.create({ data: { id: newId(), accountId, name: 'datacenter' } });
    await db.networkRouter.create({ data: { id: newId(), accountId, networkId: network.id, peerGroups: JSON.stringify([router]) } });

    const expectations: [string, string][] = [
      [src, 'policy "Office access"'],
      [ssh, 'policy "SSH admins"'],
      [route, 'route "office-lan"'],
      [key, 'setup key "laptops"'],
      [user, `user "${u.user.email}"`],
      [ns, 'nameserver group "corp-dns"'],
      [dns, 'DNS settings'],
      [router, 'network "datacenter"'],
    ];
    const before = await slice(accountId);
    for (const [id, name] of expectations) {
      const r = await api('DELETE', `/api/groups/${id}`);
      expect(r.status, name).toBe(409);
      expect(r.body.message).toContain(name);
    }
    expect(await slice(accountId)).toEqual(before);

    // Once nothing refers to it any more, it can go.
    await db.account.update({ where: { id: accountId }, data: { dnsDisabledManagementGroups: '[]' } });
    expect((await api('DELETE', `/api/groups/${dns}`)).status).toBe(200);
  });
});

describe('account isolation and roles', () => {
  it("answers 404 to every method on another account's group and changes nothing", async () => {
    const theirs = (await netbird(other.token)('POST', '/api/groups', { name: 'secret' })).body;
    const db = await testDb();
    const before = await slice(other.account.id);
    expect((await api('GET', `/api/groups/${theirs.id}`)).status).toBe(404);
    expect((await api('PUT', `/api/groups/${theirs.id}`, { name: 'mine' })).status).toBe(404);
    expect((await api('DELETE', `/api/groups/${theirs.id}`)).status).toBe(404);
    expect((await api('GET', '/api/groups?name=secret')).status).toBe(404);
    expect(await slice(other.account.id)).toEqual(before);
    expect((await db.group.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe('secret');
  });

  it('lets an auditor read but not change groups', async () => {
    const auditor = netbird((await newUser(accountId, 'auditor')).token);
    const g = (await api('GET', '/api/groups?name=devs')).body[0];
    expect((await auditor('GET', '/api/groups')).status).toBe(200);
    expect((await auditor('GET', `/api/groups/${g.id}`)).status).toBe(200);
    const before = await slice(accountId);
    expect((await auditor('POST', '/api/groups', { name: 'auditors' })).status).toBe(403);
    expect((await auditor('PUT', `/api/groups/${g.id}`, { name: 'renamed' })).status).toBe(403);
    expect((await auditor('DELETE', `/api/groups/${g.id}`)).status).toBe(403);
    expect(await slice(accountId)).toEqual(before);
  });

  it('refuses reads and changes to a regular user', async () => {
    const user = netbird((await newUser(accountId, 'user')).token);
    const g = (await api('GET', '/api/groups?name=devs')).body[0];
    const before = await slice(accountId);
    expect((await user('GET', '/api/groups')).status).toBe(403);
    expect((await user('GET', `/api/groups/${g.id}`)).status).toBe(403);
    expect((await user('POST', '/api/groups', { name: 'users' })).status).toBe(403);
    expect((await user('PUT', `/api/groups/${g.id}`, { name: 'renamed' })).status).toBe(403);
    expect((await user('DELETE', `/api/groups/${g.id}`)).status).toBe(403);
    expect(await slice(accountId)).toEqual(before);
  });
});
