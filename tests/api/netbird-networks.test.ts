// NetBird networks API: networks, their resources (type from the address, groups as GroupMinimum
// with counts) and routers; routing peer counts and policies; cascade on delete; validation,
// isolation, roles, audit and the network serial.
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@/lib/domain/ids';
import { routesForPeer } from '@/lib/domain/networks/routes';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { allGroupOf, auditOf, insertGroup, insertPeer, serialOf, snapshot } from '../support/routes-helpers';

let a: Awaited<ReturnType<typeof newAccount>>;
let b: Awaited<ReturnType<typeof newAccount>>;
let api: ReturnType<typeof netbird>;
let gw1 = '';
let gw2 = '';
let laptop = '';
let gateways = '';
let servers = '';
let all = '';
let otherPeer = '';
let otherGroup = '';

beforeAll(async () => {
  a = await newAccount();
  b = await newAccount();
  api = netbird(a.token);
  gw1 = (await insertPeer(a.account.id, 'gw-1')).id;
  gw2 = (await insertPeer(a.account.id, 'gw-2')).id;
  laptop = (await insertPeer(a.account.id, 'laptop')).id;
  gateways = (await insertGroup(a.account.id, 'gateways', [gw1, gw2])).id;
  servers = (await insertGroup(a.account.id, 'servers')).id;
  all = (await allGroupOf(a.account.id)).id;
  otherPeer = (await insertPeer(b.account.id, 'b-gw')).id;
  otherGroup = (await insertGroup(b.account.id, 'b-servers')).id;
});

async function newNetwork(name = `net-${newId().slice(-6)}`, token = a.token) {
  const r = await netbird(token)('POST', '/api/networks', { name, description: 'Remote office network' });
  expect(r.status).toBe(200);
  return r.body as { id: string; name: string };
}

const resource = (over: Record<string, unknown> = {}) => ({
  name: `res-${newId().slice(-6)}`,
  description: 'Internal service',
  address: '10.10.0.5',
  enabled: true,
  groups: [servers],
  ...over,
});

const router = (over: Record<string, unknown> = {}) => ({ peer: gw1, metric: 100, masquerade: true, enabled: true, ...over });

describe('networks', () => {
  it('creates, reads, updates and deletes a network, auditing each change and bumping the serial', async () => {
    const serial = await serialOf(a.account.id);
    const created = await api('POST', '/api/networks', { name: 'Berlin office', description: 'HQ LAN' });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-v]{20}$/),
      name: 'Berlin office',
      description: 'HQ LAN',
      routers: [],
      resources: [],
      routing_peers_count: 0,
      policies: [],
    });
    const id = created.body.id;
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    expect(await auditOf(a.account.id, id, 'network.create')).toHaveLength(1);
    expect((await api('GET', `/api/networks/${id}`)).body).toEqual(created.body);
    expect((await api('GET', '/api/networks')).body.map((n: { id: string }) => n.id)).toContain(id);

    const noDescription = await api('POST', '/api/networks', { name: 'Paris office' });
    expect(noDescription.body.description).toBe('');

    const updated = await api('PUT', `/api/networks/${id}`, { name: 'Berlin HQ', description: 'renamed' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name: 'Berlin HQ', description: 'renamed' });
    expect(await auditOf(a.account.id, id, 'network.update')).toHaveLength(1);

    const del = await api('DELETE', `/api/networks/${id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});
    expect(await auditOf(a.account.id, id, 'network.delete')).toHaveLength(1);
    expect((await api('GET', `/api/networks/${id}`)).status).toBe(404);
  });

  const bad: [string, unknown, number][] = [
    ['a number as name', { name: 5 }, 400],
    ['a missing name', { description: 'x' }, 400],
    ['a number as description', { name: 'x', description: 1 }, 400],
    ['an empty name', { name: '   ' }, 422],
    ['a description over 1000 characters', { name: 'x', description: 'd'.repeat(1001) }, 422],
  ];
  for (const [what, body, status] of bad) {
    it(`answers ${status} to ${what} on POST and PUT and writes nothing`, async () => {
      const net = await newNetwork();
      const before = await snapshot(a.account.id);
      expect((await api('POST', '/api/networks', body)).status).toBe(status);
      expect((await api('PUT', `/api/networks/${net.id}`, body)).status).toBe(status);
      expect(await snapshot(a.account.id)).toEqual(before);
    });
  }
});

describe('network resources', () => {
  it('derives the type from the address and shows groups with their peer and resource counts', async () => {
    const net = await newNetwork();
    const serial = await serialOf(a.account.id);
    const host = await api('POST', `/api/networks/${net.id}/resources`, resource({ name: 'billing-db', address: '10.10.0.5', groups: [servers, all] }));
    expect(host.status).toBe(200);
    expect(host.body).toEqual({
      id: expect.stringMatching(/^[0-9a-v]{20}$/),
      type: 'host',
      groups: [
        { id: servers, name: expect.stringMatching(/^servers-/), peers_count: 0, resources_count: 1, issued: 'api' },
        { id: all, name: 'All', peers_count: 3, resources_count: 1, issued: 'api' },
      ],
      name: 'billing-db',
      description: 'Internal service',
      address: '10.10.0.5',
      enabled: true,
    });
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    const subnet = await api('POST', `/api/networks/${net.id}/resources`, resource({ address: '192.168.178.0/24', groups: [gateways] }));
    expect(subnet.body).toMatchObject({ type: 'subnet', address: '192.168.178.0/24', groups: [{ id: gateways, peers_count: 2, resources_count: 1 }] });
    const domain = await api('POST', `/api/networks/${net.id}/resources`, resource({ address: '*.Internal.example.com', groups: [] }));
    expect(domain.body).toMatchObject({ type: 'domain', address: '*.internal.example.com', groups: [] });
    const host32 = await api('POST', `/api/networks/${net.id}/resources`, resource({ address: '1.1.1.1/32' }));
    expect(host32.body).toMatchObject({ type: 'host', address: '1.1.1.1/32', groups: [{ id: servers, resources_count: 2 }] });
    const v6 = await api('POST', `/api/networks/${net.id}/resources`, resource({ address: '2001:db8::/64' }));
    expect(v6.body.type).toBe('subnet');

    const db = await testDb();
    expect(await db.groupResource.findMany({ where: { resourceId: host.body.id }, orderBy: { groupId: 'asc' } })).toHaveLength(2);
    const events = await db.auditEvent.findMany({ where: { accountId: a.account.id, meta: { contains: host.body.id } } });
    expect(events.map((e) => e.activityCode).sort()).toEqual(['resource.group.add', 'resource.group.add']);
    expect(await auditOf(a.account.id, host.body.id, 'network.resource.create')).toHaveLength(1);

    const list = await api('GET', `/api/networks/${net.id}/resources`);
    expect(list.status).toBe(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([host.body.id, subnet.body.id, domain.body.id, host32.body.id, v6.body.id]);
    expect((await api('GET', `/api/networks/${net.id}/resources/${host.body.id}`)).body).toEqual(list.body[0]);
    expect((await api('GET', `/api/networks/${net.id}`)).body.resources).toEqual(list.body.map((r: { id: string }) => r.id));
  });

  it('updates a resource and its group memberships, auditing each group joined and left', async () => {
    const net = await newNetwork();
    const created = (await api('POST', `/api/networks/${net.id}/resources`, resource({ name: 'wiki', groups: [servers] }))).body;
    const r = await api('PUT', `/api/networks/${net.id}/resources/${created.id}`, resource({ name: 'wiki-2', address: 'wiki.example.com', enabled: false, groups: [gateways] }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: created.id, name: 'wiki-2', type: 'domain', address: 'wiki.example.com', enabled: false, groups: [{ id: gateways }] });
    const db = await testDb();
    expect((await db.groupResource.findMany({ where: { resourceId: created.id } })).map((g) => g.groupId)).toEqual([gateways]);
    expect(await auditOf(a.account.id, created.id, 'network.resource.update')).toHaveLength(1);
    expect(await auditOf(a.account.id, gateways, 'resource.group.add')).not.toHaveLength(0);
    const left = await db.auditEvent.findMany({ where: { accountId: a.account.id, activityCode: 'resource.group.delete', meta: { contains: created.id } } });
    expect(left).toHaveLength(1);
    expect(left[0].targetId).toBe(servers);

    const del = await api('DELETE', `/api/networks/${net.id}/resources/${created.id}`);
    expect(del.status).toBe(200);
    expect(await db.groupResource.count({ where: { resourceId: created.id } })).toBe(0);
    expect(await auditOf(a.account.id, created.id, 'network.resource.delete')).toHaveLength(1);
    expect((await api('GET', `/api/networks/${net.id}/resources/${created.id}`)).status).toBe(404);
  });

  const bad: [string, () => unknown, number][] = [
    ['a number as address', () => resource({ address: 5 }), 400],
    ['a missing address', () => ({ ...resource(), address: undefined }), 400],
    ['a missing enabled', () => ({ ...resource(), enabled: undefined }), 400],
    ['groups as a string', () => resource({ groups: servers }), 400],
    ['an invalid address', () => resource({ address: 'not a host!' }), 422],
    ['an invalid prefix', () => resource({ address: '10.0.0.0/33' }), 422],
    ['an empty name', () => resource({ name: '' }), 422],
    ['an unknown group', () => resource({ groups: ['cvv0000000000000000g'] }), 422],
    ["another account's group", () => resource({ groups: [otherGroup] }), 422],
    ['a name another resource has', () => resource({ name: 'taken-name' }), 422],
  ];
  for (const [what, body, status] of bad) {
    it(`answers ${status} to ${what} on POST and PUT and writes nothing`, async () => {
      const net = await newNetwork();
      if (!(await (await testDb()).networkResource.findFirst({ where: { accountId: a.account.id, name: 'taken-name' } }))) {
        await api('POST', `/api/networks/${net.id}/resources`, resource({ name: 'taken-name' }));
      }
      const existing = (await api('POST', `/api/networks/${net.id}/resources`, resource())).body;
      const before = await snapshot(a.account.id);
      expect((await api('POST', `/api/networks/${net.id}/resources`, body())).status).toBe(status);
      expect((await api('PUT', `/api/networks/${net.id}/resources/${existing.id}`, body())).status).toBe(status);
      expect(await snapshot(a.account.id)).toEqual(before);
    });
  }
});

describe('network routers', () => {
  it('creates, lists, updates and deletes routers; counts distinct routing peers', async () => {
    const net = await newNetwork();
    const serial = await serialOf(a.account.id);
    const one = await api('POST', `/api/networks/${net.id}/routers`, router());
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ id: expect.stringMatching(/^[0-9a-v]{20}$/), peer: gw1, metric: 100, masquerade: true, enabled: true });
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    expect(await auditOf(a.account.id, one.body.id, 'network.router.create')).toHaveLength(1);
    expect((await api('GET', `/api/networks/${net.id}`)).body).toMatchObject({ routers: [one.body.id], routing_peers_count: 1 });

    // gw1 is in the gateways group too: it counts once.
    const two = await api('POST', `/api/networks/${net.id}/routers`, router({ peer: undefined, peer_groups: [gateways], metric: 200, masquerade: false }));
    expect(two.body).toEqual({ id: expect.any(String), peer_groups: [gateways], metric: 200, masquerade: false, enabled: true });
    expect((await api('GET', `/api/networks/${net.id}`)).body.routing_peers_count).toBe(2);

    const list = await api('GET', `/api/networks/${net.id}/routers`);
    expect(list.body).toEqual([one.body, two.body]);
    expect((await api('GET', `/api/networks/${net.id}/routers/${two.body.id}`)).body).toEqual(two.body);

    // "All" as a peer group counts every peer of the account.
    const updated = await api('PUT', `/api/networks/${net.id}/routers/${two.body.id}`, router({ peer: null, peer_groups: [all], enabled: false }));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ peer_groups: [all], enabled: false });
    const db = await testDb();
    expect((await api('GET', `/api/networks/${net.id}`)).body.routing_peers_count).toBe(await db.peer.count({ where: { accountId: a.account.id } }));
    expect(await auditOf(a.account.id, two.body.id, 'network.router.update')).toHaveLength(1);

    const del = await api('DELETE', `/api/networks/${net.id}/routers/${one.body.id}`);
    expect(del.status).toBe(200);
    expect(await auditOf(a.account.id, one.body.id, 'network.router.delete')).toHaveLength(1);
    expect((await api('GET', `/api/networks/${net.id}/routers/${one.body.id}`)).status).toBe(404);
  });

  it('lists every router of the account at /api/networks/routers, and no other account’s', async () => {
    const n1 = await newNetwork();
    const n2 = await newNetwork();
    const r1 = (await api('POST', `/api/networks/${n1.id}/routers`, router())).body;
    const r2 = (await api('POST', `/api/networks/${n2.id}/routers`, router({ peer: gw2 }))).body;
    const theirNet = await newNetwork('b-net', b.token);
    const theirs = (await netbird(b.token)('POST', `/api/networks/${theirNet.id}/routers`, router({ peer: otherPeer }))).body;
    const all = await api('GET', '/api/networks/routers');
    expect(all.status).toBe(200);
    const ids = all.body.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([r1.id, r2.id]));
    expect(ids).not.toContain(theirs.id);
    expect(ids.length).toBe(await (await testDb()).networkRouter.count({ where: { accountId: a.account.id } }));
  });

  const bad: [string, () => unknown, number][] = [
    ['a string metric', () => router({ metric: '1' }), 400],
    ['a missing masquerade', () => ({ ...router(), masquerade: undefined }), 400],
    ['peer_groups as a string', () => router({ peer: undefined, peer_groups: gateways }), 400],
    ['both peer and peer_groups', () => router({ peer_groups: [gateways] }), 422],
    ['neither peer nor peer_groups', () => router({ peer: undefined }), 422],
    ['metric 0', () => router({ metric: 0 }), 422],
    ['metric 10000', () => router({ metric: 10000 }), 422],
    ['an unknown peer', () => router({ peer: 'cvv0000000000000000p' }), 422],
    ["another account's peer", () => router({ peer: otherPeer }), 422],
    ['an unknown peer group', () => router({ peer: undefined, peer_groups: [otherGroup] }), 422],
  ];
  for (const [what, body, status] of bad) {
    it(`answers ${status} to ${what} on POST and PUT and writes nothing`, async () => {
      const net = await newNetwork();
      const existing = (await api('POST', `/api/networks/${net.id}/routers`, router())).body;
      const before = await snapshot(a.account.id);
      expect((await api('POST', `/api/networks/${net.id}/routers`, body())).status).toBe(status);
      expect((await api('PUT', `/api/networks/${net.id}/routers/${existing.id}`, body())).status).toBe(status);
      expect(await snapshot(a.account.id)).toEqual(before);
    });
  }
});

describe('policies, network maps and deleting a network', () => {
  it('shows the policies reaching a network, routes its resources to allowed peers, and cascades on delete', async () => {
    const net = await newNetwork('shop');
    const team = (await insertGroup(a.account.id, 'team', [laptop])).id;
    const dbGroup = (await insertGroup(a.account.id, 'db-hosts')).id;
    const dbRes = (await api('POST', `/api/networks/${net.id}/resources`, resource({ name: 'shop-db', address: '10.20.0.10', groups: [dbGroup] }))).body;
    const webRes = (await api('POST', `/api/networks/${net.id}/resources`, resource({ name: 'shop-web', address: 'shop.example.com', groups: [] }))).body;
    const rtr = (await api('POST', `/api/networks/${net.id}/routers`, router({ peer: gw1, metric: 50 }))).body;
    const db = await testDb();
    const viaGroup = await db.policy.create({
      data: { id: newId(), accountId: a.account.id, name: 'team to db', rules: { create: { id: newId(), name: 'r', sources: JSON.stringify([team]), destinations: JSON.stringify([dbGroup]) } } },
    });
    const viaResource = await db.policy.create({
      data: {
        id: newId(),
        accountId: a.account.id,
        name: 'team to web',
        rules: { create: { id: newId(), name: 'r', sources: JSON.stringify([team]), destinationResource: JSON.stringify({ id: webRes.id, type: 'domain' }) } },
      },
    });
    await db.policy.create({ data: { id: newId(), accountId: a.account.id, name: 'unrelated', rules: { create: { id: newId(), name: 'r', sources: JSON.stringify([team]), destinations: JSON.stringify([servers]) } } } });
    const shown = await api('GET', `/api/networks/${net.id}`);
    expect(shown.body.policies).toEqual([viaGroup.id, viaResource.id].sort());

    const forLaptop = await routesForPeer(db, a.account.id, laptop);
    const mine = forLaptop.filter((r) => r.kind === 'network-resource' && r.id.endsWith(`:${rtr.id}`));
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: `${dbRes.id}:${rtr.id}`, network: '10.20.0.10/32', networkType: 'IPv4', metric: 50, routingPeerIds: [gw1], groups: [dbGroup] }),
        expect.objectContaining({ id: `${webRes.id}:${rtr.id}`, domains: ['shop.example.com'], networkType: 'Domain' }),
      ]),
    );
    // gw2 is neither a router of this network nor allowed by a policy.
    expect((await routesForPeer(db, a.account.id, gw2)).some((r) => r.id.endsWith(`:${rtr.id}`))).toBe(false);

    const serial = await serialOf(a.account.id);
    const del = await api('DELETE', `/api/networks/${net.id}`);
    expect(del.status).toBe(200);
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    expect(await db.networkResource.count({ where: { networkId: net.id } })).toBe(0);
    expect(await db.networkRouter.count({ where: { networkId: net.id } })).toBe(0);
    expect(await db.groupResource.count({ where: { resourceId: { in: [dbRes.id, webRes.id] } } })).toBe(0);
    expect(await auditOf(a.account.id, dbRes.id, 'network.resource.delete')).toHaveLength(1);
    expect(await auditOf(a.account.id, rtr.id, 'network.router.delete')).toHaveLength(1);
    expect(await auditOf(a.account.id, dbGroup, 'resource.group.delete')).toHaveLength(1);
    expect((await api('GET', `/api/networks/${net.id}/resources/${dbRes.id}`)).status).toBe(404);
  });
});

describe('network isolation and roles', () => {
  it("answers 404 for another account's network, resources and routers on every method", async () => {
    const bApi = netbird(b.token);
    const theirNet = await newNetwork('b-private', b.token);
    const theirRes = (await bApi('POST', `/api/networks/${theirNet.id}/resources`, resource({ groups: [otherGroup] }))).body;
    const theirRtr = (await bApi('POST', `/api/networks/${theirNet.id}/routers`, router({ peer: otherPeer }))).body;
    const before = await snapshot(b.account.id);
    const n = `/api/networks/${theirNet.id}`;
    const calls: [string, string, unknown?][] = [
      ['GET', n],
      ['PUT', n, { name: 'mine now' }],
      ['DELETE', n],
      ['GET', `${n}/resources`],
      ['POST', `${n}/resources`, resource()],
      ['GET', `${n}/resources/${theirRes.id}`],
      ['PUT', `${n}/resources/${theirRes.id}`, resource()],
      ['DELETE', `${n}/resources/${theirRes.id}`],
      ['GET', `${n}/routers`],
      ['POST', `${n}/routers`, router()],
      ['GET', `${n}/routers/${theirRtr.id}`],
      ['PUT', `${n}/routers/${theirRtr.id}`, router()],
      ['DELETE', `${n}/routers/${theirRtr.id}`],
    ];
    for (const [method, path, body] of calls) expect((await api(method, path, body)).status, `${method} ${path}`).toBe(404);
    expect(await snapshot(b.account.id)).toEqual(before);
  });

  it('answers 404 for a resource or router addressed through another network of the same account', async () => {
    const n1 = await newNetwork();
    const n2 = await newNetwork();
    const res = (await api('POST', `/api/networks/${n1.id}/resources`, resource())).body;
    const rtr = (await api('POST', `/api/networks/${n1.id}/routers`, router())).body;
    expect((await api('GET', `/api/networks/${n2.id}/resources/${res.id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/networks/${n2.id}/resources/${res.id}`)).status).toBe(404);
    expect((await api('PUT', `/api/networks/${n2.id}/routers/${rtr.id}`, router())).status).toBe(404);
    expect((await api('GET', `/api/networks/${n1.id}/resources/${res.id}`)).status).toBe(200);
  });

  it('lets auditors read but not write, and regular users neither', async () => {
    const net = await newNetwork();
    const res = (await api('POST', `/api/networks/${net.id}/resources`, resource())).body;
    const rtr = (await api('POST', `/api/networks/${net.id}/routers`, router())).body;
    for (const role of ['auditor', 'user'] as const) {
      const them = netbird((await newUser(a.account.id, role)).token);
      const before = await snapshot(a.account.id);
      const n = `/api/networks/${net.id}`;
      const writes: [string, string, unknown?][] = [
        ['POST', '/api/networks', { name: 'x' }],
        ['PUT', n, { name: 'x' }],
        ['DELETE', n],
        ['POST', `${n}/resources`, resource()],
        ['PUT', `${n}/resources/${res.id}`, resource()],
        ['DELETE', `${n}/resources/${res.id}`],
        ['POST', `${n}/routers`, router()],
        ['PUT', `${n}/routers/${rtr.id}`, router()],
        ['DELETE', `${n}/routers/${rtr.id}`],
      ];
      for (const [method, path, body] of writes) expect((await them(method, path, body)).status, `${role} ${method} ${path}`).toBe(403);
      expect(await snapshot(a.account.id)).toEqual(before);
      const reads = ['/api/networks', n, `${n}/resources`, `${n}/resources/${res.id}`, `${n}/routers`, `${n}/routers/${rtr.id}`, '/api/networks/routers'];
      for (const path of reads) expect((await them('GET', path)).status, `${role} GET ${path}`).toBe(role === 'auditor' ? 200 : 403);
    }
  });
});
