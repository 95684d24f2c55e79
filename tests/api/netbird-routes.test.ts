// NetBird routes API: CIDR and domain routes, routing peer or peer groups, validation (400 for
// types, 422 for values, nothing written), account isolation, roles, audit and the network serial.
import { beforeAll, describe, expect, it } from 'vitest';
import { routesForPeer } from '@/lib/domain/networks/routes';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { allGroupOf, auditOf, insertGroup, insertPeer, serialOf, snapshot } from '../support/routes-helpers';

let a: Awaited<ReturnType<typeof newAccount>>;
let b: Awaited<ReturnType<typeof newAccount>>;
let api: ReturnType<typeof netbird>;
let router1 = '';
let router2 = '';
let client = '';
let routers = '';
let devs = '';
let acl = '';
let otherPeer = '';
let otherGroup = '';

beforeAll(async () => {
  a = await newAccount();
  b = await newAccount();
  api = netbird(a.token);
  router1 = (await insertPeer(a.account.id, 'gw-berlin')).id;
  router2 = (await insertPeer(a.account.id, 'gw-paris')).id;
  client = (await insertPeer(a.account.id, 'laptop-ana')).id;
  routers = (await insertGroup(a.account.id, 'gateways', [router2])).id;
  devs = (await insertGroup(a.account.id, 'devs', [client])).id;
  acl = (await insertGroup(a.account.id, 'db-access')).id;
  otherPeer = (await insertPeer(b.account.id, 'b-gw')).id;
  otherGroup = (await insertGroup(b.account.id, 'b-devs')).id;
});

const cidrRoute = (over: Record<string, unknown> = {}) => ({
  description: 'Office LAN Berlin',
  network_id: 'office-berlin',
  enabled: true,
  peer: router1,
  network: '10.64.12.0/24',
  metric: 100,
  masquerade: true,
  groups: [devs],
  keep_route: false,
  ...over,
});

describe('creating and reading routes', () => {
  it('creates a CIDR route served by one peer, audits it and bumps the network serial', async () => {
    const serial = await serialOf(a.account.id);
    const r = await api('POST', '/api/routes', cidrRoute({ access_control_groups: [acl] }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-v]{20}$/),
      network_type: 'IPv4',
      description: 'Office LAN Berlin',
      network_id: 'office-berlin',
      enabled: true,
      peer: router1,
      network: '10.64.12.0/24',
      metric: 100,
      masquerade: true,
      groups: [devs],
      keep_route: false,
      access_control_groups: [acl],
      skip_auto_apply: false,
    });
    const db = await testDb();
    const row = await db.route.findUniqueOrThrow({ where: { id: r.body.id } });
    expect(row).toMatchObject({ accountId: a.account.id, network: '10.64.12.0/24', peer: router1, networkType: 'IPv4' });
    expect(JSON.parse(row.groups)).toEqual([devs]);
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    const [ev] = await auditOf(a.account.id, r.body.id, 'route.add');
    expect(ev).toMatchObject({ activity: 'Route created', initiatorId: a.owner.id, source: 'netbird' });
    expect(JSON.parse(ev.meta)).toMatchObject({ name: 'office-berlin', network_range: '10.64.12.0/24' });

    const one = await api('GET', `/api/routes/${r.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(r.body);
  });

  it('creates a domain route served by a peer group, with wildcards and normalised names', async () => {
    const r = await api('POST', '/api/routes', {
      description: 'SaaS egress',
      network_id: 'saas',
      enabled: true,
      peer_groups: [routers],
      domains: ['Example.com', '*.api.example.com', 'example.com.'],
      metric: 9999,
      masquerade: true,
      groups: [devs],
      keep_route: true,
      skip_auto_apply: true,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ network_type: 'Domain', peer_groups: [routers], domains: ['example.com', '*.api.example.com'], keep_route: true, skip_auto_apply: true });
    expect(r.body.network).toBeUndefined();
    expect(r.body.peer).toBeUndefined();
    expect(r.body.access_control_groups).toBeUndefined();
  });

  it('creates an IPv6 route, masks host bits, and accepts null for optional fields', async () => {
    const r = await api('POST', '/api/routes', cidrRoute({ network_id: 'v6-lab', network: '2001:DB8:ab::1/48', peer: router2, peer_groups: null, domains: null, access_control_groups: null }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ network_type: 'IPv6', network: '2001:db8:ab::/48', peer: router2 });
    const v4 = await api('POST', '/api/routes', cidrRoute({ network_id: 'masked', network: '192.168.7.99/16' }));
    expect(v4.body.network).toBe('192.168.0.0/16');
  });

  it('lists only the account’s routes', async () => {
    const bRoute = await netbird(b.token)('POST', '/api/routes', cidrRoute({ peer: otherPeer, groups: [otherGroup] }));
    expect(bRoute.status).toBe(200);
    const list = await api('GET', '/api/routes');
    expect(list.status).toBe(200);
    const ids = list.body.map((r: { id: string }) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(ids).not.toContain(bRoute.body.id);
    const db = await testDb();
    expect(list.body.length).toBe(await db.route.count({ where: { accountId: a.account.id } }));
  });
});

describe('updating and deleting routes', () => {
  it('replaces a route on PUT, audits and bumps the serial', async () => {
    const created = await api('POST', '/api/routes', cidrRoute({ network_id: 'to-update', network: '10.99.0.0/16' }));
    const serial = await serialOf(a.account.id);
    const r = await api('PUT', `/api/routes/${created.body.id}`, cidrRoute({ network_id: 'updated', network: '10.98.0.0/16', peer: undefined, peer_groups: [routers], enabled: false, metric: 5 }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: created.body.id, network_id: 'updated', network: '10.98.0.0/16', peer_groups: [routers], enabled: false, metric: 5 });
    expect(r.body.peer).toBeUndefined();
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    expect(await auditOf(a.account.id, created.body.id, 'route.update')).toHaveLength(1);
    const db = await testDb();
    expect(await db.route.findUniqueOrThrow({ where: { id: created.body.id } })).toMatchObject({ peer: '', enabled: false, metric: 5 });
  });

  it('deletes a route with an empty object, audits it, and then answers 404', async () => {
    const created = await api('POST', '/api/routes', cidrRoute({ network_id: 'to-delete', network: '10.97.0.0/16' }));
    const serial = await serialOf(a.account.id);
    const del = await api('DELETE', `/api/routes/${created.body.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});
    expect(await serialOf(a.account.id)).toBe(serial + 1);
    expect(await auditOf(a.account.id, created.body.id, 'route.delete')).toHaveLength(1);
    expect((await api('GET', `/api/routes/${created.body.id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/routes/${created.body.id}`)).status).toBe(404);
  });
});

describe('route validation', () => {
  const cases: [string, () => unknown, number][] = [
    ['malformed JSON', () => '{"network_id": ', 400],
    ['a JSON array', () => [cidrRoute()], 400],
    ['a string metric', () => cidrRoute({ metric: '100' }), 400],
    ['a fractional metric', () => cidrRoute({ metric: 1.5 }), 400],
    ['a string for groups', () => cidrRoute({ groups: devs }), 400],
    ['a string for enabled', () => cidrRoute({ enabled: 'yes' }), 400],
    ['a missing network_id', () => ({ ...cidrRoute(), network_id: undefined }), 400],
    ['a missing keep_route', () => ({ ...cidrRoute(), keep_route: undefined }), 400],
    ['a number as network', () => cidrRoute({ network: 10 }), 400],
    ['both peer and peer_groups', () => cidrRoute({ peer_groups: [routers] }), 422],
    ['neither peer nor peer_groups', () => cidrRoute({ peer: undefined }), 422],
    ['both network and domains', () => cidrRoute({ domains: ['example.com'] }), 422],
    ['neither network nor domains', () => cidrRoute({ network: undefined }), 422],
    ['an empty domains list', () => cidrRoute({ network: undefined, domains: [] }), 422],
    ['an invalid CIDR', () => cidrRoute({ network: '10.0.0.0/33' }), 422],
    ['an address without prefix length', () => cidrRoute({ network: '10.0.0.1' }), 422],
    ['an invalid domain', () => cidrRoute({ network: undefined, domains: ['exa mple.com'] }), 422],
    ['33 domains', () => cidrRoute({ network: undefined, domains: Array.from({ length: 33 }, (_, i) => `d${i}.example.com`) }), 422],
    ['metric 0', () => cidrRoute({ metric: 0 }), 422],
    ['metric 10000', () => cidrRoute({ metric: 10000 }), 422],
    ['an empty network_id', () => cidrRoute({ network_id: '' }), 422],
    ['a 41-character network_id', () => cidrRoute({ network_id: 'n'.repeat(41) }), 422],
    ['a description over 1000 characters', () => cidrRoute({ description: 'd'.repeat(1001) }), 422],
    ['no distribution groups', () => cidrRoute({ groups: [] }), 422],
    ['an unknown group', () => cidrRoute({ groups: ['cvv0000000000000000g'] }), 422],
    ["another account's group", () => cidrRoute({ groups: [otherGroup] }), 422],
    ['an unknown peer', () => cidrRoute({ peer: 'cvv0000000000000000p' }), 422],
    ["another account's peer", () => cidrRoute({ peer: otherPeer }), 422],
    ['an unknown peer group', () => cidrRoute({ peer: undefined, peer_groups: ['cvv0000000000000000g'] }), 422],
    ['an unknown access control group', () => cidrRoute({ access_control_groups: [otherGroup] }), 422],
  ];
  for (const [i, [what, body, status]] of cases.entries()) {
    it(`answers ${status} to ${what} on POST and PUT and writes nothing`, async () => {
      const existing = (await api('POST', '/api/routes', cidrRoute({ network_id: 'stable', network: `10.250.${i}.0/24` }))).body;
      const before = await snapshot(a.account.id);
      const post = await api('POST', '/api/routes', body());
      expect(post.status).toBe(status);
      const put = await api('PUT', `/api/routes/${existing.id}`, body());
      expect(put.status).toBe(status);
      expect(await snapshot(a.account.id)).toEqual(before);
      await api('DELETE', `/api/routes/${existing.id}`);
    });
  }

  it('answers 409 when the peer already serves the same network, and writes nothing', async () => {
    await api('POST', '/api/routes', cidrRoute({ network_id: 'dup-1', network: '172.20.0.0/16' }));
    const before = await snapshot(a.account.id);
    const r = await api('POST', '/api/routes', cidrRoute({ network_id: 'dup-2', network: '172.20.0.0/16' }));
    expect(r.status).toBe(409);
    // Through a group that contains the same peer, too.
    const viaGroup = await insertGroup(a.account.id, 'has-router1', [router1]);
    const r2 = await api('POST', '/api/routes', cidrRoute({ network_id: 'dup-3', network: '172.20.0.0/16', peer: undefined, peer_groups: [viaGroup.id] }));
    expect(r2.status).toBe(409);
    expect(await snapshot(a.account.id)).toEqual(before);
    // Another peer may serve the same network (high availability).
    expect((await api('POST', '/api/routes', cidrRoute({ network_id: 'dup-4', network: '172.20.0.0/16', peer: router2 }))).status).toBe(200);
  });
});

describe('route isolation and roles', () => {
  it("answers 404 for another account's route on every method and leaves it alone", async () => {
    const bApi = netbird(b.token);
    const theirs = (await bApi('POST', '/api/routes', cidrRoute({ network_id: 'b-only', network: '10.200.0.0/16', peer: otherPeer, groups: [otherGroup] }))).body;
    const before = await snapshot(b.account.id);
    expect((await api('GET', `/api/routes/${theirs.id}`)).status).toBe(404);
    expect((await api('PUT', `/api/routes/${theirs.id}`, cidrRoute())).status).toBe(404);
    expect((await api('DELETE', `/api/routes/${theirs.id}`)).status).toBe(404);
    expect(await snapshot(b.account.id)).toEqual(before);
  });

  it('lets auditors read but not write, and regular users neither', async () => {
    const existing = (await api('POST', '/api/routes', cidrRoute({ network_id: 'roles', network: '10.150.0.0/16' }))).body;
    for (const role of ['auditor', 'user'] as const) {
      const { token } = await newUser(a.account.id, role);
      const them = netbird(token);
      const before = await snapshot(a.account.id);
      expect((await them('POST', '/api/routes', cidrRoute({ network_id: `by-${role}`, network: '10.151.0.0/16' }))).status).toBe(403);
      expect((await them('PUT', `/api/routes/${existing.id}`, cidrRoute({ network_id: 'hijacked' }))).status).toBe(403);
      expect((await them('DELETE', `/api/routes/${existing.id}`)).status).toBe(403);
      expect(await snapshot(a.account.id)).toEqual(before);
      const reads = [await them('GET', '/api/routes'), await them('GET', `/api/routes/${existing.id}`)];
      for (const r of reads) expect(r.status).toBe(role === 'auditor' ? 200 : 403);
    }
  });
});

describe('routes in a peer’s network map', () => {
  it('gives a peer the enabled routes distributed to its groups or served by it', async () => {
    const acct = await newAccount();
    const bob = netbird(acct.token);
    const gw = (await insertPeer(acct.account.id, 'gw')).id;
    const laptop = (await insertPeer(acct.account.id, 'laptop')).id;
    const outsider = (await insertPeer(acct.account.id, 'outsider')).id;
    const team = (await insertGroup(acct.account.id, 'team', [laptop])).id;
    const all = (await allGroupOf(acct.account.id)).id;
    const base = { description: '', enabled: true, metric: 10, masquerade: true, keep_route: false };
    const lan = (await bob('POST', '/api/routes', { ...base, network_id: 'lan', peer: gw, network: '10.1.0.0/16', groups: [team] })).body;
    const web = (await bob('POST', '/api/routes', { ...base, network_id: 'web', peer_groups: [all], domains: ['intranet.example.com'], groups: [team] })).body;
    await bob('POST', '/api/routes', { ...base, enabled: false, network_id: 'off', peer: gw, network: '10.2.0.0/16', groups: [team] });

    const db = await testDb();
    const forLaptop = await routesForPeer(db, acct.account.id, laptop);
    expect(forLaptop.map((r) => r.id).sort()).toEqual([lan.id, web.id].sort());
    expect(forLaptop.find((r) => r.id === lan.id)).toMatchObject({ network: '10.1.0.0/16', networkType: 'IPv4', metric: 10, masquerade: true, routingPeerIds: [gw], groups: [team] });
    expect(forLaptop.find((r) => r.id === web.id)).toMatchObject({ domains: ['intranet.example.com'], networkType: 'Domain' });
    expect(forLaptop.find((r) => r.id === web.id)!.routingPeerIds.sort()).toEqual([gw, laptop, outsider].sort());
    // The routing peer gets the route it serves; a peer in no distribution group gets none of lan.
    expect((await routesForPeer(db, acct.account.id, gw)).map((r) => r.id)).toContain(lan.id);
    expect((await routesForPeer(db, acct.account.id, outsider)).map((r) => r.id)).toEqual([web.id]);
  });
});

describe('group and peer usage for other services', () => {
  it('names the route, router, resource, nameserver group or DNS setting that uses a group or peer', async () => {
    const { groupUseInRoutesAndDns, peerUseInRoutes } = await import('@/lib/domain/networks/references');
    const acct = await newAccount();
    const bob = netbird(acct.token);
    const gw = (await insertPeer(acct.account.id, 'gw')).id;
    const idle = (await insertPeer(acct.account.id, 'idle')).id;
    const [g1, g2, g3, g4, g5, unused] = await Promise.all(['dist', 'rtr', 'res', 'ns', 'dns', 'unused'].map(async (n) => (await insertGroup(acct.account.id, n)).id));
    await bob('POST', '/api/routes', cidrRoute({ network_id: 'office', peer: gw, groups: [g1] }));
    const net = (await bob('POST', '/api/networks', { name: 'lab' })).body;
    await bob('POST', `/api/networks/${net.id}/routers`, { peer_groups: [g2], metric: 1, masquerade: true, enabled: true });
    await bob('POST', `/api/networks/${net.id}/resources`, { name: 'nas', address: '10.0.0.2', enabled: true, groups: [g3] });
    await bob('POST', '/api/dns/nameservers', { name: 'ns', description: '', nameservers: [{ ip: '1.1.1.1', ns_type: 'udp', port: 53 }], enabled: true, groups: [g4], primary: true, domains: [], search_domains_enabled: false });
    await bob('PUT', '/api/dns/settings', { disabled_management_groups: [g5] });
    const db = await testDb();
    expect(await groupUseInRoutesAndDns(db, acct.account.id, g1)).toBe('route office');
    expect(await groupUseInRoutesAndDns(db, acct.account.id, g2)).toBe('router of network lab');
    expect(await groupUseInRoutesAndDns(db, acct.account.id, g3)).toBe('network resource nas');
    expect(await groupUseInRoutesAndDns(db, acct.account.id, g4)).toBe('nameserver group ns');
    expect(await groupUseInRoutesAndDns(db, acct.account.id, g5)).toMatch(/DNS settings/);
    expect(await groupUseInRoutesAndDns(db, acct.account.id, unused)).toBeNull();
    expect(await peerUseInRoutes(db, acct.account.id, gw)).toBe('route office');
    expect(await peerUseInRoutes(db, acct.account.id, idle)).toBeNull();
  });
});
