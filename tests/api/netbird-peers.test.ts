// Peers through the NetBird API, the agent's network map, and accessible-peers from the one engine.
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { insertGroup, insertPolicy, register, sync, wgKey } from '../support/peers';
import { tailscaleAcl } from '../support/tailscale-acl-client';

let call: ReturnType<typeof netbird>;
let ownerToken = '';
let accountId = '';
let key = '';

beforeAll(async () => {
  // An account of its own: its access-policy document and settings are not shared with other files.
  const { account, token } = await newAccount();
  accountId = account.id;
  ownerToken = token;
  call = netbird(token);
  key = (await call('POST', '/api/setup-keys', { name: 'peers', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
  // These tests are about NetBird policies: replace the default access-policy document (allow all)
  // with one that allows nothing, so that only the policies under test grant access.
  expect((await tailscaleAcl(token)('POST', '/api/v2/tailnet/-/acl', { body: '{"acls": []}' })).status).toBe(200);
});

describe('peers API', () => {
  it('registers peers with unique addresses and DNS labels, and lists them with filters', async () => {
    const a = await register(key, 'Web Server');
    const b = await register(key, 'web server');
    expect(a.status).toBe(201);
    expect(a.body.peer.ip).toMatch(/^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d+\.\d+$/);
    expect(a.body.peer.ipv6).toMatch(/^fd7a:115c:a1e0:/);
    expect(a.body.peer.ip).not.toBe(b.body.peer.ip);
    expect(a.body.peer.dns_label).toMatch(/^web-server\./);
    expect(b.body.peer.dns_label).toMatch(/^web-server-1\./);
    const all = await call('GET', '/api/peers');
    expect(all.body.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([a.body.peer.id, b.body.peer.id]));
    const byIp = await call('GET', `/api/peers?ip=${a.body.peer.ip}`);
    expect(byIp.body.map((p: { id: string }) => p.id)).toEqual([a.body.peer.id]);
    const byName = await call('GET', `/api/peers?name=${encodeURIComponent('web server')}`);
    expect(byName.body.map((p: { id: string }) => p.id)).toEqual([b.body.peer.id]);
    expect(a.body.peer.groups.map((g: { name: string }) => g.name)).toEqual(['All']);
  });

  it('sends the listing gzipped to clients that accept it, the same JSON as without', async () => {
    for (let i = 0; i < 3; i++) await register(key, `gz-${i}`);
    // Raw bytes through node:http (fetch would inflate them unseen).
    const get = (encoding?: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const headers: Record<string, string> = { Authorization: `Token ${ownerToken}`, ...(encoding ? { 'Accept-Encoding': encoding } : {}) };
        http.get(`${baseUrl()}/api/peers`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    const peers = JSON.parse(plain.body.toString());
    expect(peers.length).toBeGreaterThanOrEqual(3);
    for (const encoding of ['gzip', 'br;q=1, gzip;q=0.8']) {
      const zipped = await get(encoding);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
      expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(peers);
    }
    expect((await get('gzip;q=0')).headers['content-encoding']).toBeUndefined();
    // After a change, the new listing again (the changed block compressed anew).
    await call('PUT', `/api/peers/${peers[0].id}`, { name: 'gz-renamed', ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false });
    const after = JSON.parse(gunzipSync((await get('gzip')).body).toString());
    expect(after.find((p: { id: string }) => p.id === peers[0].id).name).toBe('gz-renamed');
    expect(after).toEqual(JSON.parse((await get()).body.toString()));
  });

  it('edits a peer: rename (new DNS label), SSH, expiration, IP in range only', async () => {
    const p = (await register(key, 'edit-me')).body.peer;
    const r = await call('PUT', `/api/peers/${p.id}`, { name: 'Renamed', ssh_enabled: true, login_expiration_enabled: true, inactivity_expiration_enabled: false });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Renamed', ssh_enabled: true, login_expiration_enabled: true });
    expect(r.body.dns_label).toMatch(/^renamed\./);
    const db = await testDb();
    const codes = (await db.auditEvent.findMany({ where: { targetId: p.id }, select: { activityCode: true } })).map((e) => e.activityCode);
    expect(codes).toEqual(expect.arrayContaining(['peer.setupkey.add', 'peer.rename', 'peer.ssh.enable', 'peer.login.expiration.enable']));
    const base = { name: 'Renamed', ssh_enabled: true, login_expiration_enabled: true, inactivity_expiration_enabled: false };
    expect((await call('PUT', `/api/peers/${p.id}`, { ...base, ip: '10.0.0.1' })).status).toBe(422);
    const other = (await register(key, 'ip-holder')).body.peer;
    expect((await call('PUT', `/api/peers/${p.id}`, { ...base, ip: other.ip })).status).toBe(409);
    expect((await call('PUT', `/api/peers/${p.id}`, { ...base, ip: '100.64.250.250' })).body.ip).toBe('100.64.250.250');
    expect((await call('PUT', `/api/peers/${p.id}`, { ...base, ssh_enabled: 'yes' })).status).toBe(400);
    expect((await call('PUT', `/api/peers/${p.id}`, { ...base, name: '' })).status).toBe(422);
  });

  it('computes accessible peers and the agent map from the same policy, and updates both on change', async () => {
    const dev = await register(key, 'dev-laptop');
    const srv = await register(key, 'prod-db');
    const lone = await register(key, 'lonely');
    const devs = await insertGroup(accountId, `devs-${Date.now()}`, [dev.body.peer.id]);
    const dbs = await insertGroup(accountId, `dbs-${Date.now()}`, [srv.body.peer.id]);
    const before = (await sync(srv.body.peer_token)).body;
    await insertPolicy(accountId, { sources: [devs.id], destinations: [dbs.id], protocol: 'tcp', ports: ['5432'] });
    const fromDev = await call('GET', `/api/peers/${dev.body.peer.id}/accessible-peers`);
    expect(fromDev.body.map((p: { id: string }) => p.id)).toContain(srv.body.peer.id);
    expect(fromDev.body.map((p: { id: string }) => p.id)).not.toContain(lone.body.peer.id);
    const listed = (await call('GET', '/api/peers')).body.find((p: { id: string }) => p.id === dev.body.peer.id);
    expect(listed.accessible_peers_count).toBe(fromDev.body.length);
    const map = (await sync(srv.body.peer_token)).body;
    expect(map.serial).toBeGreaterThan(before.serial);
    expect(map.peers.map((p: { id: string }) => p.id)).toContain(dev.body.peer.id);
    expect(map.packet_filter).toContainEqual({
      SrcIPs: expect.arrayContaining([dev.body.peer.ip]),
      DstPorts: expect.arrayContaining([{ IP: srv.body.peer.ip, Ports: { First: 5432, Last: 5432 } }]),
      IPProto: [6],
    });
    expect((await sync(lone.body.peer_token)).body.peers.map((p: { id: string }) => p.id)).not.toContain(srv.body.peer.id);
    // Deleting the peer removes it from groups and every map.
    expect((await call('DELETE', `/api/peers/${dev.body.peer.id}`)).status).toBe(200);
    expect((await sync(srv.body.peer_token)).body.peers.map((p: { id: string }) => p.id)).not.toContain(dev.body.peer.id);
    expect(await (await testDb()).groupPeer.count({ where: { peerId: dev.body.peer.id } })).toBe(0);
    expect((await sync(dev.body.peer_token)).status).toBe(401);
  });

  it('holds pending peers out of every map until approved, and blocks a blocked user’s peers', async () => {
    const db = await testDb();
    const p = await register(key, 'pending');
    await db.peer.update({ where: { id: p.body.peer.id }, data: { approvalRequired: true, userId: '' } });
    await db.account.update({ where: { id: accountId }, data: { networkSerial: { increment: 1 } } });
    const s = (await sync(p.body.peer_token)).body;
    expect(s).toMatchObject({ approval_required: true, peers: [], packet_filter: [] });
    const approved = await call('PUT', `/api/peers/${p.body.peer.id}`, { name: 'pending', ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false, approval_required: false });
    expect(approved.body.approval_required).toBe(false);
    expect((await sync(p.body.peer_token)).body.approval_required).toBe(false);

    const { user } = await newUser(accountId, 'user');
    await db.peer.update({ where: { id: p.body.peer.id }, data: { userId: user.id } });
    await db.user.update({ where: { id: user.id }, data: { status: 'blocked' } });
    expect((await sync(p.body.peer_token)).status).toBe(403);
  });

  it('shows regular users only their own peers and refuses them changes', async () => {
    const db = await testDb();
    const { user, token } = await newUser(accountId, 'user');
    const mine = (await register(key, 'users-own')).body.peer;
    await db.peer.update({ where: { id: mine.id }, data: { userId: user.id } });
    const asUser = netbird(token);
    expect((await asUser('GET', '/api/peers')).body.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    const notMine = (await register(key, 'not-users')).body.peer;
    expect((await asUser('GET', `/api/peers/${notMine.id}`)).status).toBe(404);
    expect((await asUser('DELETE', `/api/peers/${mine.id}`)).status).toBe(403);
    const auditor = netbird((await newUser(accountId, 'auditor')).token);
    expect((await auditor('GET', `/api/peers/${notMine.id}`)).status).toBe(200);
    expect((await auditor('PUT', `/api/peers/${notMine.id}`, { name: 'x', ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false })).status).toBe(403);
    const other = await newAccount();
    const them = netbird(other.token);
    expect((await them('GET', `/api/peers/${notMine.id}`)).status).toBe(404);
    expect((await them('GET', `/api/peers/${notMine.id}/accessible-peers`)).status).toBe(404);
    expect((await them('DELETE', `/api/peers/${notMine.id}`)).status).toBe(404);
  });

  it('creates a temporary access peer that reaches only its target, on the given ports', async () => {
    const target = await register(key, 'temp-target');
    const bystander = await register(key, 'temp-bystander');
    const r = await call('POST', `/api/peers/${target.body.peer.id}/temporary-access`, { name: 'browser-client', wg_pub_key: wgKey(), rules: ['tcp/22', 'tcp/8000-8010'] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ name: 'browser-client', id: expect.any(String), rules: ['tcp/22', 'tcp/8000-8010'] });
    const seen = await call('GET', `/api/peers/${r.body.id}/accessible-peers`);
    expect(seen.body.map((p: { id: string }) => p.id)).toEqual([target.body.peer.id]);
    const map = (await sync(target.body.peer_token)).body;
    const temp = (await call('GET', `/api/peers/${r.body.id}`)).body;
    expect(map.packet_filter).toContainEqual({ SrcIPs: [temp.ip, temp.ipv6], DstPorts: expect.arrayContaining([{ IP: target.body.peer.ip, Ports: { First: 8000, Last: 8010 } }]), IPProto: [6] });
    expect((await sync(bystander.body.peer_token)).body.peers.map((p: { id: string }) => p.id)).not.toContain(r.body.id);
    const db = await testDb();
    const before = await db.peer.count({ where: { accountId } });
    expect((await call('POST', `/api/peers/${target.body.peer.id}/temporary-access`, { name: 'x', wg_pub_key: wgKey(), rules: ['http/80'] })).status).toBe(422);
    expect((await call('POST', `/api/peers/${target.body.peer.id}/temporary-access`, { name: 'x', wg_pub_key: 'short', rules: ['tcp/80'] })).status).toBe(422);
    expect((await call('POST', `/api/peers/${target.body.peer.id}/temporary-access`, { name: 'x', wg_pub_key: wgKey(), rules: 'tcp/80' })).status).toBe(400);
    expect(await db.peer.count({ where: { accountId } })).toBe(before);
    // Once its time has passed it is swept away with its policy.
    await db.peer.update({ where: { id: r.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await call('POST', `/api/peers/${target.body.peer.id}/temporary-access`, { name: 'next', wg_pub_key: wgKey(), rules: ['udp/53'] });
    expect(await db.peer.findUnique({ where: { id: r.body.id } })).toBeNull();
    expect(await db.policy.count({ where: { accountId, name: 'Temporary access for browser-client' } })).toBe(0);
  });

  it('carries routes and DNS settings in the agent map', async () => {
    const router = await register(key, 'router');
    const client = await register(key, 'client');
    const clients = await insertGroup(accountId, `clients-${Date.now()}`, [client.body.peer.id]);
    const route = await call('POST', '/api/routes', { description: 'office', network_id: 'office', enabled: true, peer: router.body.peer.id, network: '192.168.10.0/24', metric: 100, masquerade: true, groups: [clients.id], keep_route: false });
    expect(route.status).toBe(200);
    const ns = await call('POST', '/api/dns/nameservers', { name: 'corp', description: '', nameservers: [{ ip: '10.0.0.53', ns_type: 'udp', port: 53 }], enabled: true, groups: [clients.id], primary: false, domains: ['corp.example'], search_domains_enabled: true });
    expect(ns.status).toBe(200);
    const map = (await sync(client.body.peer_token)).body;
    expect(map.routes).toContainEqual(expect.objectContaining({ id: route.body.id, net_id: 'office', network: '192.168.10.0/24', metric: 100, routing_peers: [router.body.peer.id] }));
    expect(map.dns.enabled).toBe(true);
    expect(map.dns.nameserver_groups).toContainEqual(expect.objectContaining({ name: 'corp', domains: ['corp.example'], nameservers: [{ ip: '10.0.0.53', ns_type: 'udp', port: 53 }] }));
    // The routing peer gets it (to forward); peers outside the distribution groups do not.
    expect((await sync(router.body.peer_token)).body.routes.map((r: { id: string }) => r.id)).toContain(route.body.id);
    const outsider = await register(key, 'outsider');
    expect((await sync(outsider.body.peer_token)).body.routes.map((r: { id: string }) => r.id)).not.toContain(route.body.id);
    expect((await sync(outsider.body.peer_token)).body.dns.nameserver_groups).toEqual([]);
  });
});
