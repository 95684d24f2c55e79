// Ingress peers (/api/ingress/peers) and port allocations (/api/peers/{peerId}/ingress/ports).
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { newPeer, type TestPeer } from '../support/events-helpers';
import { netbird } from '../support/netbird-client';

let acct: Awaited<ReturnType<typeof newAccount>>;
let other: Awaited<ReturnType<typeof newAccount>>;
let gateway: TestPeer; // becomes the ingress peer (Germany, public address, connected)
let app: TestPeer; // its ports are forwarded (Germany)
let paris: TestPeer; // a peer in France
let otherPeer: TestPeer; // another account's peer
let auditorToken = '';
let userToken = '';
let api: ReturnType<typeof netbird>;

async function counts() {
  const db = await testDb();
  const accountId = acct.account.id;
  return {
    ingress: await db.ingressPeer.count({ where: { accountId } }),
    allocations: await db.ingressPortAllocation.count({ where: { accountId } }),
    audit: await db.auditEvent.count({ where: { accountId } }),
    serial: (await db.account.findUniqueOrThrow({ where: { id: accountId } })).networkSerial,
  };
}

async function lastAudit(targetId: string) {
  return (await testDb()).auditEvent.findFirstOrThrow({ where: { accountId: acct.account.id, targetId }, orderBy: [{ timestamp: 'desc' }, { id: 'desc' }] });
}

beforeAll(async () => {
  acct = await newAccount();
  other = await newAccount();
  api = netbird(acct.token);
  gateway = await newPeer(acct.account.id, { name: 'gateway', countryCode: 'DE', connectionIp: '203.0.113.10', connected: true });
  app = await newPeer(acct.account.id, { name: 'app', countryCode: 'DE' });
  paris = await newPeer(acct.account.id, { name: 'paris', countryCode: 'FR' });
  otherPeer = await newPeer(other.account.id, { name: 'elsewhere', countryCode: 'DE' });
  auditorToken = (await newUser(acct.account.id, 'auditor')).token;
  userToken = (await newUser(acct.account.id, 'user')).token;
});

const FREE = 65535 - 10000 + 1;
let ingressId = '';

describe('ingress peers', () => {
  it('makes a peer an ingress peer, with its region, address, free ports and state', async () => {
    const before = await counts();
    const r = await api('POST', '/api/ingress/peers', { peer_id: gateway.id, enabled: true, fallback: false });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.any(String),
      peer_id: gateway.id,
      ingress_ip: '203.0.113.10',
      available_ports: { tcp: FREE, udp: FREE },
      enabled: true,
      connected: true,
      fallback: false,
      region: 'germany',
    });
    ingressId = r.body.id;
    const after = await counts();
    expect(after).toMatchObject({ ingress: before.ingress + 1, serial: before.serial + 1 });
    const ev = await lastAudit(ingressId);
    expect(ev).toMatchObject({ activityCode: 'network.router.create', activity: 'Ingress peer created', initiatorId: acct.owner.id, source: 'netbird' });
    expect(JSON.parse(ev.meta)).toMatchObject({ kind: 'ingress_peer', peer_id: gateway.id });
  });

  it('lists and reads ingress peers; auditors may too', async () => {
    for (const token of [acct.token, auditorToken]) {
      const list = await netbird(token)('GET', '/api/ingress/peers');
      expect(list.status).toBe(200);
      expect(list.body.map((i: { id: string }) => i.id)).toEqual([ingressId]);
      const one = await netbird(token)('GET', `/api/ingress/peers/${ingressId}`);
      expect(one.body).toMatchObject({ id: ingressId, peer_id: gateway.id, ingress_ip: '203.0.113.10' });
    }
  });

  it('uses the mesh address when the peer has no public one', async () => {
    const db = await testDb();
    const peer = await db.peer.findUniqueOrThrow({ where: { id: paris.id } });
    const r = await api('POST', '/api/ingress/peers', { peer_id: paris.id, enabled: false, fallback: false });
    expect(r.body).toMatchObject({ ingress_ip: peer.ip, region: 'france', connected: false, enabled: false });
    expect((await api('DELETE', `/api/ingress/peers/${r.body.id}`)).status).toBe(200);
  });

  it('answers 409 when the peer is already an ingress peer, and writes nothing', async () => {
    const before = await counts();
    const r = await api('POST', '/api/ingress/peers', { peer_id: gateway.id, enabled: true, fallback: true });
    expect(r.status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  const bad: [string, unknown, number][] = [
    ['a missing fallback', { peer_id: 'x', enabled: true }, 400],
    ['a string for enabled', { peer_id: 'x', enabled: 'yes', fallback: false }, 400],
    ['a numeric peer id', { peer_id: 5, enabled: true, fallback: false }, 400],
    ['an unknown peer', { peer_id: 'cr0000000000000000000', enabled: true, fallback: false }, 422],
    ['an empty peer id', { peer_id: '', enabled: true, fallback: false }, 422],
  ];
  for (const [what, body, status] of bad) {
    it(`answers ${status} to ${what} and writes nothing`, async () => {
      const before = await counts();
      expect((await api('POST', '/api/ingress/peers', body)).status).toBe(status);
      expect(await counts()).toEqual(before);
    });
  }

  it('answers 422 for another account’s peer, 404 for another account’s ingress peer', async () => {
    const before = await counts();
    expect((await api('POST', '/api/ingress/peers', { peer_id: otherPeer.id, enabled: true, fallback: false })).status).toBe(422);
    const theirs = netbird(other.token);
    expect((await theirs('GET', `/api/ingress/peers/${ingressId}`)).status).toBe(404);
    expect((await theirs('PUT', `/api/ingress/peers/${ingressId}`, { enabled: false, fallback: true })).status).toBe(404);
    expect((await theirs('DELETE', `/api/ingress/peers/${ingressId}`)).status).toBe(404);
    expect((await theirs('GET', '/api/ingress/peers')).body).toEqual([]);
    expect(await counts()).toEqual(before);
    expect((await api('GET', '/api/ingress/peers/cr0000000000000000000')).status).toBe(404);
  });

  it('refuses auditors and regular users on changes (and regular users on reads)', async () => {
    const before = await counts();
    for (const token of [auditorToken, userToken]) {
      const as = netbird(token);
      expect((await as('POST', '/api/ingress/peers', { peer_id: app.id, enabled: true, fallback: false })).status).toBe(403);
      expect((await as('PUT', `/api/ingress/peers/${ingressId}`, { enabled: false, fallback: true })).status).toBe(403);
      expect((await as('DELETE', `/api/ingress/peers/${ingressId}`)).status).toBe(403);
    }
    expect((await netbird(userToken)('GET', '/api/ingress/peers')).status).toBe(403);
    expect((await netbird(userToken)('GET', `/api/ingress/peers/${ingressId}`)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('updates enabled and fallback', async () => {
    const before = await counts();
    const r = await api('PUT', `/api/ingress/peers/${ingressId}`, { enabled: true, fallback: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: ingressId, enabled: true, fallback: true });
    expect((await counts()).serial).toBe(before.serial + 1);
    expect(await lastAudit(ingressId)).toMatchObject({ activityCode: 'network.router.update', activity: 'Ingress peer updated' });
    expect((await api('PUT', `/api/ingress/peers/${ingressId}`, { enabled: true })).status).toBe(400);
  });
});

describe('port allocations', () => {
  const ports = (peer: TestPeer) => `/api/peers/${peer.id}/ingress/ports`;
  let webId = '';
  let directId = '';

  it('forwards port ranges from the lowest free ingress ports', async () => {
    const before = await counts();
    const r = await api('POST', ports(app), {
      name: 'web',
      enabled: true,
      port_ranges: [
        { start: 80, end: 80, protocol: 'tcp' },
        { start: 5000, end: 5100, protocol: 'udp' },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.any(String),
      name: 'web',
      ingress_peer_id: ingressId,
      region: 'germany',
      enabled: true,
      ingress_ip: '203.0.113.10',
      port_range_mappings: [
        { translated_start: 80, translated_end: 80, ingress_start: 10000, ingress_end: 10000, protocol: 'tcp' },
        { translated_start: 5000, translated_end: 5100, ingress_start: 10000, ingress_end: 10100, protocol: 'udp' },
      ],
    });
    webId = r.body.id;
    expect(await counts()).toMatchObject({ allocations: before.allocations + 1, serial: before.serial + 1 });
    const ev = await lastAudit(webId);
    expect(ev).toMatchObject({ activityCode: 'service.create', activity: 'Ingress port allocation created' });
    expect(JSON.parse(ev.meta)).toMatchObject({ kind: 'ingress_port_allocation', name: 'web', peer_id: app.id, ingress_peer_id: ingressId });
    const ingress = await api('GET', `/api/ingress/peers/${ingressId}`);
    expect(ingress.body.available_ports).toEqual({ tcp: FREE - 1, udp: FREE - 101 });
  });

  it('allocates direct ports free in both protocols for tcp/udp', async () => {
    const r = await api('POST', ports(app), { name: 'game', enabled: false, direct_port: { count: 5, protocol: 'tcp/udp' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'game', enabled: false, ingress_peer_id: ingressId });
    expect(r.body.port_range_mappings).toEqual([{ translated_start: 10101, translated_end: 10105, ingress_start: 10101, ingress_end: 10105, protocol: 'tcp/udp' }]);
    directId = r.body.id;
    const ingress = await api('GET', `/api/ingress/peers/${ingressId}`);
    expect(ingress.body.available_ports).toEqual({ tcp: FREE - 6, udp: FREE - 106 });
  });

  it('lists, filters by name and reads allocations; auditors may too', async () => {
    for (const token of [acct.token, auditorToken]) {
      const as = netbird(token);
      expect((await as('GET', ports(app))).body.map((a: { id: string }) => a.id)).toEqual([webId, directId]);
      expect((await as('GET', `${ports(app)}?name=game`)).body.map((a: { id: string }) => a.id)).toEqual([directId]);
      expect((await as('GET', `${ports(app)}?name=nothing`)).body).toEqual([]);
      expect((await as('GET', `${ports(app)}/${webId}`)).body).toMatchObject({ id: webId, name: 'web' });
    }
    expect((await api('GET', ports(gateway))).body).toEqual([]);
    // An allocation is read through its own peer only.
    expect((await api('GET', `${ports(gateway)}/${webId}`)).status).toBe(404);
  });

  it('keeps unchanged ranges’ ingress ports on update and places new ones', async () => {
    const before = await counts();
    const r = await api('PUT', `${ports(app)}/${webId}`, {
      name: 'web-2',
      enabled: true,
      port_ranges: [
        { start: 5000, end: 5100, protocol: 'udp' },
        { start: 443, end: 444, protocol: 'tcp' },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: webId, name: 'web-2' });
    expect(r.body.port_range_mappings).toEqual([
      { translated_start: 5000, translated_end: 5100, ingress_start: 10000, ingress_end: 10100, protocol: 'udp' },
      // tcp 10000 was freed by dropping port 80; the lowest free block of two is 10000-10001.
      { translated_start: 443, translated_end: 444, ingress_start: 10000, ingress_end: 10001, protocol: 'tcp' },
    ]);
    expect((await counts()).serial).toBe(before.serial + 1);
    expect(await lastAudit(webId)).toMatchObject({ activityCode: 'service.update' });
  });

  const bad: [string, unknown, number][] = [
    ['a missing name', { enabled: true, direct_port: { count: 1, protocol: 'tcp' } }, 400],
    ['a string count', { name: 'x', enabled: true, direct_port: { count: '1', protocol: 'tcp' } }, 400],
    ['ranges that are not a list', { name: 'x', enabled: true, port_ranges: { start: 1 } }, 400],
    ['both ranges and a direct port', { name: 'x', enabled: true, port_ranges: [{ start: 1, end: 1, protocol: 'tcp' }], direct_port: { count: 1, protocol: 'tcp' } }, 422],
    ['neither ranges nor a direct port', { name: 'x', enabled: true }, 422],
    ['an empty list of ranges', { name: 'x', enabled: true, port_ranges: [] }, 422],
    ['an unknown protocol', { name: 'x', enabled: true, port_ranges: [{ start: 1, end: 1, protocol: 'sctp' }] }, 422],
    ['a range that ends before it starts', { name: 'x', enabled: true, port_ranges: [{ start: 90, end: 80, protocol: 'tcp' }] }, 422],
    ['port 0', { name: 'x', enabled: true, port_ranges: [{ start: 0, end: 10, protocol: 'tcp' }] }, 422],
    ['a port over 65535', { name: 'x', enabled: true, port_ranges: [{ start: 1, end: 65536, protocol: 'udp' }] }, 422],
    ['overlapping ranges', { name: 'x', enabled: true, port_ranges: [{ start: 80, end: 90, protocol: 'tcp' }, { start: 85, end: 85, protocol: 'tcp/udp' }] }, 422],
    ['zero direct ports', { name: 'x', enabled: true, direct_port: { count: 0, protocol: 'tcp' } }, 422],
    ['an empty name', { name: '  ', enabled: true, direct_port: { count: 1, protocol: 'tcp' } }, 422],
    ['more ports than are free', { name: 'x', enabled: true, port_ranges: [{ start: 1, end: 65535, protocol: 'tcp' }] }, 422],
  ];
  for (const [what, body, status] of bad) {
    it(`answers ${status} to ${what} on create and update, and writes nothing`, async () => {
      const before = await counts();
      const snapshot = await (await testDb()).ingressPortAllocation.findUniqueOrThrow({ where: { id: webId } });
      expect((await api('POST', ports(app), body)).status).toBe(status);
      expect((await api('PUT', `${ports(app)}/${webId}`, body)).status).toBe(status);
      expect(await counts()).toEqual(before);
      expect(await (await testDb()).ingressPortAllocation.findUniqueOrThrow({ where: { id: webId } })).toEqual(snapshot);
    });
  }

  it('needs an ingress peer in the peer’s region, or a fallback one', async () => {
    const before = await counts();
    await api('PUT', `/api/ingress/peers/${ingressId}`, { enabled: true, fallback: false });
    const refused = await api('POST', ports(paris), { name: 'fr', enabled: true, direct_port: { count: 1, protocol: 'udp' } });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/region "france"/);
    await api('PUT', `/api/ingress/peers/${ingressId}`, { enabled: true, fallback: true });
    const r = await api('POST', ports(paris), { name: 'fr', enabled: true, direct_port: { count: 1, protocol: 'udp' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ingress_peer_id: ingressId, region: 'germany' });
    expect((await api('DELETE', `${ports(paris)}/${r.body.id}`)).status).toBe(200);
    // A disabled ingress peer serves nobody.
    await api('PUT', `/api/ingress/peers/${ingressId}`, { enabled: false, fallback: true });
    expect((await api('POST', ports(app), { name: 'x', enabled: true, direct_port: { count: 1, protocol: 'tcp' } })).status).toBe(422);
    await api('PUT', `/api/ingress/peers/${ingressId}`, { enabled: true, fallback: false });
    expect((await counts()).allocations).toBe(before.allocations);
  });

  it('hides allocations from other accounts (404) and writes nothing for them', async () => {
    const before = await counts();
    const theirs = netbird(other.token);
    expect((await theirs('GET', ports(app))).status).toBe(404);
    expect((await theirs('GET', `${ports(app)}/${webId}`)).status).toBe(404);
    expect((await theirs('POST', ports(app), { name: 'x', enabled: true, direct_port: { count: 1, protocol: 'tcp' } })).status).toBe(404);
    expect((await theirs('PUT', `${ports(app)}/${webId}`, { name: 'x', enabled: true, direct_port: { count: 1, protocol: 'tcp' } })).status).toBe(404);
    expect((await theirs('DELETE', `${ports(app)}/${webId}`)).status).toBe(404);
    // Their own peer is not served by this account's ingress peer either.
    expect((await theirs('POST', ports(otherPeer), { name: 'x', enabled: true, direct_port: { count: 1, protocol: 'tcp' } })).status).toBe(422);
    expect((await api('GET', `${ports(app)}/cr0000000000000000000`)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('refuses auditors and regular users on changes (and regular users on reads)', async () => {
    const before = await counts();
    const body = { name: 'x', enabled: true, direct_port: { count: 1, protocol: 'tcp' } };
    for (const token of [auditorToken, userToken]) {
      const as = netbird(token);
      expect((await as('POST', ports(app), body)).status).toBe(403);
      expect((await as('PUT', `${ports(app)}/${webId}`, body)).status).toBe(403);
      expect((await as('DELETE', `${ports(app)}/${webId}`)).status).toBe(403);
    }
    expect((await netbird(userToken)('GET', ports(app))).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('will not delete an ingress peer that still forwards ports (409); deletes allocations, then it', async () => {
    const before = await counts();
    expect((await api('DELETE', `/api/ingress/peers/${ingressId}`)).status).toBe(409);
    expect(await counts()).toEqual(before);
    for (const id of [webId, directId]) {
      const r = await api('DELETE', `${ports(app)}/${id}`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({});
      expect(await lastAudit(id)).toMatchObject({ activityCode: 'service.delete', activity: 'Ingress port allocation deleted' });
      expect((await api('GET', `${ports(app)}/${id}`)).status).toBe(404);
    }
    const del = await api('DELETE', `/api/ingress/peers/${ingressId}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});
    expect(await lastAudit(ingressId)).toMatchObject({ activityCode: 'network.router.delete', activity: 'Ingress peer deleted' });
    expect(await counts()).toMatchObject({ ingress: before.ingress - 1, allocations: before.allocations - 2, serial: before.serial + 3 });
    expect((await api('GET', `/api/ingress/peers/${ingressId}`)).status).toBe(404);
  });
});
