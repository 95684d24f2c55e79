// Posture checks are enforced: a policy's rules apply to a source peer only if it passes all the
// policy's checks. accessible-peers, the peer list's counts, the agent map (peers, packet filter,
// network resource routes) agree; agents report their meta through POST /api/agent/meta, which
// moves the serial only when access can change; bad meta is refused and nothing is stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, baseUrl, newAccount, testDb } from '../support/fixtures';
import { serialOf } from '../support/groups-helpers';
import { netbird } from '../support/netbird-client';
import { register, reportMeta, sync } from '../support/peers';
import { tailscaleAcl } from '../support/tailscale-acl-client';

type Reg = Awaited<ReturnType<typeof register>>;
let nb: ReturnType<typeof netbird>;
let token = '';
let accountId = '';
let key = '';

beforeAll(async () => {
  const a = await newAccount();
  accountId = a.account.id;
  token = a.token;
  nb = netbird(a.token);
  key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
  // Only the NetBird policies under test grant access: replace the default document (allow all).
  expect((await tailscaleAcl(a.token)('POST', '/api/v2/tailnet/-/acl', { body: '{"acls": []}' })).status).toBe(200);
});

const idOf = (r: Reg) => r.body.peer.id as string;
const ips = (r: Reg) => [r.body.peer.ip, r.body.peer.ipv6];
const seen = async (r: Reg) => ((await nb('GET', `/api/peers/${idOf(r)}/accessible-peers`)).body as { id: string }[]).map((p) => p.id).sort();
const mapOf = async (r: Reg) => (await sync(r.body.peer_token)).body;
const sources = (map: { packet_filter: { SrcIPs: string[] }[] }) => map.packet_filter.flatMap((f) => f.SrcIPs).sort();

async function group(name: string, members: Reg[]) {
  const r = await nb('POST', '/api/groups', { name: `${name}-${Date.now()}`, peers: members.map(idOf) });
  expect(r.status).toBe(200);
  return r.body.id as string;
}

async function postureCheck(name: string, checks: unknown) {
  const r = await nb('POST', '/api/posture-checks', { name: `${name}-${Date.now()}`, description: '', checks });
  expect(r.status).toBe(200);
  return r.body.id as string;
}

const policyBody = (name: string, src: string, dst: string, checks: string[], over: Record<string, unknown> = {}) => ({
  name,
  enabled: true,
  source_posture_checks: checks,
  rules: [{ name: 'https', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['443'], sources: [src], destinations: [dst], ...over }],
});

async function policy(name: string, src: string, dst: string, checks: string[], over: Record<string, unknown> = {}) {
  const r = await nb('POST', '/api/policies', policyBody(name, src, dst, checks, over));
  expect(r.status).toBe(200);
  return r.body.id as string;
}

describe('nb_version_check', () => {
  it('lets only agents at or above the minimum be sources; meta updates and tighter checks move access', async () => {
    const [old, fresh, dest] = [await register(key, 'old', undefined, { version: '0.49.0' }), await register(key, 'fresh', undefined, { version: '0.60.0' }), await register(key, 'dest')];
    const [src, dst] = [await group('sources', [old, fresh]), await group('dests', [dest])];
    const check = await postureCheck('agent 0.50', { nb_version_check: { min_version: '0.50.0' } });
    const pol = await policy('versioned', src, dst, [check]);

    expect(await seen(old)).toEqual([]);
    expect(await seen(fresh)).toEqual([idOf(dest)]);
    expect(await seen(dest)).toEqual([idOf(fresh)]);
    const counts = Object.fromEntries(((await nb('GET', '/api/peers')).body as { id: string; accessible_peers_count: number }[]).map((p) => [p.id, p.accessible_peers_count]));
    expect([counts[idOf(old)], counts[idOf(fresh)], counts[idOf(dest)]]).toEqual([0, 1, 1]);
    const destMap = await mapOf(dest);
    expect(destMap.peers.map((p: { id: string }) => p.id)).toEqual([idOf(fresh)]);
    expect(sources(destMap)).toEqual(ips(fresh).sort());
    expect((await mapOf(old)).peers).toEqual([]);

    // The old agent upgrades: it reports its new version and becomes a source.
    const serial = await serialOf(accountId);
    const up = await reportMeta(old.body.peer_token, { meta: { version: '0.61.0' } });
    expect(up).toEqual({ status: 200, body: { changed: true, serial: serial + 1 } });
    expect(await seen(old)).toEqual([idOf(dest)]);
    expect(sources(await mapOf(dest))).toEqual([...ips(old), ...ips(fresh)].sort());
    // The same report again, or a field no check reads, changes no map.
    expect((await reportMeta(old.body.peer_token, { meta: { version: '0.61.0' } })).body).toEqual({ changed: false, serial: serial + 1 });
    expect((await reportMeta(old.body.peer_token, { meta: { ui_version: '0.61.0' } })).body).toEqual({ changed: true, serial: serial + 1 });

    // Tightening the check revokes both (0.61.0 and 0.60.0 < 0.61.1); the serial moves.
    expect((await nb('PUT', `/api/posture-checks/${check}`, { name: 'agent 0.61.1', description: '', checks: { nb_version_check: { min_version: '0.61.1' } } })).status).toBe(200);
    expect(await serialOf(accountId)).toBe(serial + 2);
    expect(await seen(dest)).toEqual([]);
    expect((await mapOf(dest)).packet_filter).toEqual([]);

    // Bidirectional, with the check at 0.61.0: the failing peer loses both directions.
    expect((await nb('PUT', `/api/posture-checks/${check}`, { name: 'agent 0.61', description: '', checks: { nb_version_check: { min_version: '0.61.0' } } })).status).toBe(200);
    expect((await nb('PUT', `/api/policies/${pol}`, policyBody('versioned', src, dst, [check], { bidirectional: true }))).status).toBe(200);
    expect(sources(await mapOf(old))).toEqual(ips(dest).sort());
    expect((await mapOf(fresh)).packet_filter).toEqual([]);
    expect(sources(await mapOf(dest))).toEqual(ips(old).sort());

    // Taking the check off the policy restores everyone.
    const before = await serialOf(accountId);
    expect((await nb('PUT', `/api/policies/${pol}`, policyBody('versioned', src, dst, []))).status).toBe(200);
    expect(await serialOf(accountId)).toBe(before + 1);
    expect(await seen(dest)).toEqual([idOf(old), idOf(fresh)].sort());
  });
});

describe('geo_location_check', () => {
  it('lets through peers located in an allowed place; an unknown location fails', async () => {
    const [berlin, munich, nowhere, dest] = [await register(key, 'berlin'), await register(key, 'munich'), await register(key, 'nowhere'), await register(key, 'geo-dest')];
    const db = await testDb();
    await db.peer.update({ where: { id: idOf(berlin) }, data: { countryCode: 'DE', cityName: 'Berlin' } });
    await db.peer.update({ where: { id: idOf(munich) }, data: { countryCode: 'DE', cityName: 'Munich' } });
    const check = await postureCheck('berlin only', { geo_location_check: { locations: [{ country_code: 'DE', city_name: 'Berlin' }], action: 'allow' } });
    await policy('geo', await group('geo-src', [berlin, munich, nowhere]), await group('geo-dst', [dest]), [check]);
    expect(await seen(dest)).toEqual([idOf(berlin)]);

    const deny = await postureCheck('not berlin', { geo_location_check: { locations: [{ country_code: 'DE', city_name: 'Berlin' }], action: 'deny' } });
    await policy('geo-deny', await group('geo-src2', [berlin, munich, nowhere]), await group('geo-dst2', [dest]), [deny]);
    expect(await seen(dest)).toEqual([idOf(berlin), idOf(munich)].sort());
  });
});

describe('peer_network_range_check and process_check', () => {
  it('read the interfaces and processes the agent reports; a peer that reported none fails', async () => {
    const office = await register(key, 'office', undefined, { network_addresses: [{ net_ip: '192.168.10.5/24', mac: 'aa:bb:cc:dd:ee:ff' }, { net_ip: 'fe80::1/64' }] });
    const home = await register(key, 'home', undefined, { network_addresses: [{ net_ip: '10.1.2.3/24' }] });
    const silent = await register(key, 'silent');
    const dest = await register(key, 'range-dest');
    const check = await postureCheck('office LAN', { peer_network_range_check: { ranges: ['192.168.10.0/24', '2001:db8::/64'], action: 'allow' } });
    await policy('lan', await group('lan-src', [office, home, silent]), await group('lan-dst', [dest]), [check]);
    expect(await seen(dest)).toEqual([idOf(office)]);

    // home moves into the office (IPv6 this time); office leaves it.
    expect((await reportMeta(home.body.peer_token, { meta: { network_addresses: [{ net_ip: '2001:db8::42/64' }] } })).status).toBe(200);
    expect((await reportMeta(office.body.peer_token, { meta: { network_addresses: [{ net_ip: '172.16.0.9/24' }] } })).status).toBe(200);
    expect(await seen(dest)).toEqual([idOf(home)]);

    const proc = await postureCheck('edr running', { process_check: { processes: [{ linux_path: '/usr/bin/edr', windows_path: 'C:\\edr.exe' }] } });
    const pdest = await register(key, 'proc-dest');
    await policy('edr', await group('edr-src', [office, home, silent]), await group('edr-dst', [pdest]), [proc]);
    expect(await seen(pdest)).toEqual([]);
    const running = { meta: { files: [{ path: '/usr/bin/edr', exist: true, process_is_running: true }] } };
    expect((await reportMeta(silent.body.peer_token, running)).status).toBe(200);
    expect(await seen(pdest)).toEqual([idOf(silent)]);
    expect((await reportMeta(silent.body.peer_token, { meta: { files: [{ path: '/usr/bin/edr', exist: true, process_is_running: false }] } })).status).toBe(200);
    expect(await seen(pdest)).toEqual([]);
  });
});

describe('network resource routes', () => {
  it('reach only source peers that pass the policy\'s checks', async () => {
    const [router, old, fresh] = [await register(key, 'router'), await register(key, 'res-old', undefined, { version: '0.40.0' }), await register(key, 'res-new')];
    const net = (await nb('POST', '/api/networks', { name: `posture-net-${Date.now()}`, description: '' })).body;
    const resGroup = await group('res', []);
    const res = (await nb('POST', `/api/networks/${net.id}/resources`, { name: `db-${Date.now()}`, description: '', address: '10.77.0.5', enabled: true, groups: [resGroup] })).body;
    expect((await nb('POST', `/api/networks/${net.id}/routers`, { peer: idOf(router), metric: 100, masquerade: true, enabled: true })).status).toBe(200);
    const check = await postureCheck('agent 0.50 for resources', { nb_version_check: { min_version: '0.50.0' } });
    await policy('to resource', await group('res-src', [old, fresh]), resGroup, [check]);
    const routeIds = async (r: Reg) => ((await mapOf(r)).routes as { id: string }[]).map((x) => x.id);
    expect(await routeIds(fresh)).toContainEqual(expect.stringMatching(new RegExp(`^${res.id}:`)));
    expect(await routeIds(old)).not.toContainEqual(expect.stringMatching(new RegExp(`^${res.id}:`)));
  });
});

describe('the console\'s effective access', () => {
  it('shows only the passing source\'s connection, under the policy\'s name, and no synthetic group', async () => {
    const [old, fresh, dest] = [await register(key, 'eff-old', undefined, { version: '0.10.0' }), await register(key, 'eff-new'), await register(key, 'eff-dest')];
    const [src, dst] = [await group('eff-src', [old, fresh]), await group('eff-dst', [dest])];
    await policy('effective posture', src, dst, [await postureCheck('eff 0.50', { nb_version_check: { min_version: '0.50.0' } })]);
    const view = async (v: string) => {
      const r = await fetch(`${baseUrl()}/api/console/acl/effective?view=${v}`, { headers: authHeaders(token) });
      expect(r.status).toBe(200);
      return (await r.json()) as { rows: { id: string }[]; cells: { from: string; to: string; sources: unknown[]; pairs?: number }[] };
    };
    const peers = await view('peers');
    const cell = (from: string, to: string) => peers.cells.find((c) => c.from === from && c.to === to);
    expect(cell(idOf(fresh), idOf(dest))?.sources).toEqual([{ kind: 'netbird', policy: 'effective posture', rule: 'https' }]);
    expect(cell(idOf(dest), idOf(fresh))).toBeDefined();
    expect(cell(idOf(old), idOf(dest))).toBeUndefined();
    expect(cell(idOf(dest), idOf(old))).toBeUndefined();
    const groups = await view('groups');
    expect(groups.cells.find((c) => c.from === src && c.to === dst)).toMatchObject({ pairs: 1 });
    expect(JSON.stringify([peers, groups])).not.toContain('posture:');
  });
});

describe('POST /api/agent/meta', () => {
  it('refuses bad meta and stores nothing; needs the peer token', async () => {
    const peer = await register(key, 'meta-peer', undefined, { network_addresses: [{ net_ip: '192.168.1.5/24' }] });
    const db = await testDb();
    const before = await db.peer.findUniqueOrThrow({ where: { id: idOf(peer) } });
    expect(JSON.parse(before.networkAddresses)).toEqual([{ net_ip: '192.168.1.5/24' }]);
    const serial = await serialOf(accountId);
    const wrongType = await reportMeta(peer.body.peer_token, { meta: { version: '0.70.0', files: 'none' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toMatch(/meta\.files/);
    const noPrefix = await reportMeta(peer.body.peer_token, { meta: { version: '0.70.0', network_addresses: [{ net_ip: '192.168.1.6' }] } });
    expect(noPrefix.status).toBe(422);
    expect(noPrefix.body.message).toMatch(/meta\.network_addresses\[0\]\.net_ip: must be an address with its prefix length/);
    expect((await reportMeta(peer.body.peer_token, { version: '0.70.0' })).status).toBe(400);
    expect((await reportMeta(peer.body.peer_token, '{"meta":')).status).toBe(400);
    expect((await reportMeta('mdpeer_nope', { meta: { version: '0.70.0' } })).status).toBe(401);
    expect(await db.peer.findUniqueOrThrow({ where: { id: idOf(peer) } })).toEqual(before);
    expect(await serialOf(accountId)).toBe(serial);
    // Registration checks the same meta: nothing is created.
    const bad = await register(key, 'bad-meta', undefined, { network_addresses: [{ net_ip: '300.1.1.1/24' }] });
    expect(bad.status).toBe(422);
    expect(await db.peer.count({ where: { accountId, hostname: 'bad-meta' } })).toBe(0);
  });

  it('stores the change without moving the serial while no policy has posture checks', async () => {
    const other = await newAccount();
    const otherKey = (await netbird(other.token)('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    const peer = await register(otherKey, 'quiet');
    const serial = await serialOf(other.account.id);
    const r = await reportMeta(peer.body.peer_token, { meta: { version: '0.70.0', network_addresses: [{ net_ip: '10.9.8.7/16' }] } });
    expect(r).toEqual({ status: 200, body: { changed: true, serial } });
    const row = await (await testDb()).peer.findUniqueOrThrow({ where: { id: idOf(peer) } });
    expect([row.version, JSON.parse(row.networkAddresses)]).toEqual(['0.70.0', [{ net_ip: '10.9.8.7/16' }]]);
  });
});
