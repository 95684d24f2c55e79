// The ZeroTier One service API of meshdeck's node: status and identity, joined networks, peers,
// moons, bonds, local settings, two-tier statistics and security views, debug lookups, /metrics with
// the metrics token, /sso. Responses are checked against the official spec where it covers them.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUser, adminWithToken, baseUrl, newAccount, newUser, testDb } from '../support/fixtures';
import { zt } from '../support/zerotier-client';
import { auditCodes, controllerAddress, createNetwork, randomNodeId, ztCounts } from '../support/zerotier-helpers';
import { newId } from '@/lib/domain/ids';

let token = '';
let call: ReturnType<typeof zt>;
let address = '';

beforeAll(async () => {
  token = (await adminWithToken('zerotier-service')).token;
  call = zt(token);
  address = await controllerAddress(call);
});

describe('node status and identity', () => {
  it('GET /status: a stable node address and public identity, never the private keys', async () => {
    const r = await call('GET', '/status');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ online: true, tcpFallbackActive: false, version: '1.14.2', versionMajor: 1, versionMinor: 14, versionRev: 2, planetWorldId: 149604618 });
    expect(r.body.publicIdentity).toMatch(new RegExp(`^${address}:0:[0-9a-f]{128}$`));
    expect(r.body.config.settings).toMatchObject({ primaryPort: 9993, portMappingEnabled: true, allowTcpFallbackRelay: true });
    const other = await newAccount();
    expect((await zt(other.token)('GET', '/status')).body.publicIdentity).toBe(r.body.publicIdentity);
    const db = await testDb();
    const secret = (await db.serverSetting.findUniqueOrThrow({ where: { key: 'zerotier.identity' } })).value;
    expect(secret.startsWith(`${r.body.publicIdentity}:`)).toBe(true);
    const privateHex = secret.split(':')[3];
    expect(privateHex).toMatch(/^[0-9a-f]{128}$/);
    expect(r.text).not.toContain(privateHex);
  });

  it('GET /health, with JSONP on request; 401 without a token', async () => {
    const h = await call('GET', '/health');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ online: true, version: '1.14.2', versionBuild: 0 });
    const j = await fetch(`${baseUrl()}/status?jsonp=cb`, { headers: { 'X-ZT1-Auth': token } });
    expect(j.headers.get('content-type')).toContain('application/javascript');
    expect(await j.text()).toMatch(new RegExp(`^cb\\(\\{.*"address":"${address}".*\\}\\);$`));
    for (const path of ['/status', '/health', '/network', '/peer', '/moon', '/config', '/stats', '/security/events', '/debug/lookup?ip=10.0.0.1']) {
      expect((await zt(null)('GET', path)).status, path).toBe(401);
    }
  });
});

describe('joined networks', () => {
  it('joins, reports status and configuration, changes allow* settings, leaves', async () => {
    const priv = await createNetwork(call, { name: 'private-net', routes: [{ target: '10.77.0.0/24', via: null }] });
    const pub = await createNetwork(call, { name: 'public-net', private: false, mtu: 1400, routes: [{ target: '10.78.0.0/24', via: null }, { target: '0.0.0.0/0', via: '10.78.0.1' }], dns: { domain: 'zt.example', servers: ['10.78.0.53'] } });
    const foreign = '8056c2e21c000001';
    const missing = `${address}000000`;
    const j1 = await call('POST', `/network/${priv.id}`, { allowDNS: true });
    expect(j1.status).toBe(200);
    expect(j1.body).toMatchObject({ id: priv.id, nwid: priv.id, name: 'private-net', status: 'ACCESS_DENIED', type: 'PRIVATE', allowDNS: true, allowManaged: true, allowGlobal: false, allowDefault: false, assignedAddresses: [], routes: [] });
    expect(j1.body.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(parseInt(j1.body.mac.slice(0, 2), 16) & 0x03).toBe(0x02);
    expect(j1.body.portDeviceName).toMatch(/^zt[a-z2-7]{8}$/);
    const j2 = await call('PUT', `/network/${pub.id}`, {});
    expect(j2.body).toMatchObject({ status: 'OK', type: 'PUBLIC', mtu: 1400, netconfRevision: pub.revision, routes: [{ target: '10.78.0.0/24', flags: 0, metric: 0 }, { target: '0.0.0.0/0', via: '10.78.0.1', flags: 0, metric: 0 }], dns: { domain: 'zt.example', servers: ['10.78.0.53'] } });
    expect((await call('POST', `/network/${foreign}`, {})).body.status).toBe('REQUESTING_CONFIGURATION');
    expect((await call('POST', `/network/${missing}`, {})).body.status).toBe('NOT_FOUND');
    // The controller's own node, authorized in its private network, is OK there with its address.
    await call('POST', `/controller/network/${priv.id}/member/${address}`, { authorized: true, ipAssignments: ['10.77.0.5'] });
    expect((await call('GET', `/network/${priv.id}`)).body).toMatchObject({ status: 'OK', assignedAddresses: ['10.77.0.5/24'], routes: [{ target: '10.77.0.0/24' }] });
    const list = await call('GET', '/network');
    expect(list.body.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([priv.id, pub.id, foreign, missing]));
    // Changing settings; an unchanged body is no change.
    expect((await call('POST', `/network/${priv.id}`, { allowDNS: false, allowGlobal: true })).body).toMatchObject({ allowDNS: false, allowGlobal: true });
    await call('POST', `/network/${priv.id}`, { allowDNS: false });
    expect(await auditCodes(priv.id)).toEqual(['zerotier.network.create', 'zerotier.network.join', 'zerotier.network.join.update']);
    // Leave.
    expect((await call('DELETE', `/network/${foreign}`)).body).toEqual({ result: true });
    expect((await call('GET', `/network/${foreign}`)).status).toBe(404);
    expect((await call('DELETE', `/network/${foreign}`)).status).toBe(404);
    expect(await auditCodes(foreign)).toEqual(['zerotier.network.join', 'zerotier.network.leave']);
  });

  it('refuses bad ids and types, hides other accounts’ joins, and keeps auditors read-only', async () => {
    const n = await createNetwork(call);
    await call('POST', `/network/${n.id}`, {});
    const other = zt((await newAccount()).token);
    const admin = await adminUser();
    const auditor = zt((await newUser(admin.accountId, 'auditor')).token);
    const user = zt((await newUser(admin.accountId, 'user')).token);
    const counts = await ztCounts();
    expect((await call('POST', '/network/abc', {})).status).toBe(400);
    expect((await call('GET', '/network/0123456789abcdeg')).status).toBe(400);
    expect((await call('POST', `/network/${n.id}`, { allowDNS: 'yes' })).status).toBe(400);
    expect((await call('POST', `/network/${n.id}`, { allowManaged: 1 })).status).toBe(400);
    expect((await call('POST', `/network/${randomNodeId()}000000`, '{')).status).toBe(400);
    expect((await other('GET', `/network/${n.id}`)).status).toBe(404);
    expect((await other('DELETE', `/network/${n.id}`)).status).toBe(404);
    expect((await other('GET', '/network')).body).toEqual([]);
    expect((await auditor('GET', `/network/${n.id}`)).status).toBe(200);
    expect((await auditor('POST', `/network/${n.id}`, { allowDNS: true })).status).toBe(403);
    expect((await auditor('DELETE', `/network/${n.id}`)).status).toBe(403);
    expect((await user('GET', '/network')).status).toBe(403);
    expect((await user('POST', `/network/${n.id}`, {})).status).toBe(403);
    expect(await ztCounts()).toEqual(counts);
  });
});

describe('peers, moons and bonds', () => {
  it('lists the account’s member nodes as peers; POST changes nothing', async () => {
    const n = await createNetwork(call);
    const node = randomNodeId();
    await call('POST', `/controller/network/${n.id}/member/${node}`, { authorized: true });
    const list = await call('GET', '/peer');
    expect(list.status).toBe(200);
    expect(list.body.find((p: { address: string }) => p.address === node)).toMatchObject({ role: 'LEAF', isBonded: false, latency: -1, paths: [], version: '-1.-1.-1', versionMajor: -1 });
    expect((await call('GET', `/peer/${node.toUpperCase()}`)).body.address).toBe(node);
    expect((await call('GET', `/peer/${randomNodeId()}`)).status).toBe(404);
    expect((await call('GET', '/peer/12345')).status).toBe(400);
    const counts = await ztCounts();
    expect((await call('POST', `/peer/${node}`, { anything: 1 })).body.address).toBe(node);
    expect((await call('POST', `/peer/${node}`, [1])).status).toBe(400);
    expect(await ztCounts()).toEqual(counts);
    expect((await zt((await newAccount()).token)('GET', `/peer/${node}`)).status).toBe(404);
  });

  it('orbits and deorbits moons', async () => {
    const moon = randomNodeId();
    const counts = await ztCounts();
    expect((await call('POST', `/moon/${moon}`, {})).status).toBe(404);
    expect((await call('POST', `/moon/${moon}`, { seed: 5 })).status).toBe(400);
    expect((await call('POST', `/moon/${moon}`, { seed: 'not-hex' })).status).toBe(400);
    expect((await call('POST', '/moon/xyz', { seed: moon })).status).toBe(400);
    expect(await ztCounts()).toEqual(counts);
    const orbit = await call('POST', `/moon/${moon}`, { seed: moon });
    expect(orbit.status).toBe(200);
    expect(orbit.body).toEqual({ id: `000000${moon}`, seed: moon, roots: [], timestamp: 0, signature: null, updatesMustBeSignedBy: null, waiting: true });
    expect((await call('PUT', `/moon/000000${moon}`, {})).body.id).toBe(`000000${moon}`);
    expect((await call('GET', '/moon')).body.map((m: { id: string }) => m.id)).toContain(`000000${moon}`);
    expect((await call('GET', `/moon/${moon}`)).status).toBe(200);
    expect((await zt((await newAccount()).token)('GET', `/moon/${moon}`)).status).toBe(404);
    const admin = await adminUser();
    expect((await zt((await newUser(admin.accountId, 'auditor')).token)('DELETE', `/moon/${moon}`)).status).toBe(403);
    expect((await call('DELETE', `/moon/${moon}`)).body).toEqual({ result: true });
    expect((await call('GET', `/moon/${moon}`)).status).toBe(404);
    expect(await auditCodes(moon)).toEqual(['zerotier.moon.orbit', 'zerotier.moon.deorbit']);
  });

  it('shows peers unbonded; rotate and setmtu find no bonded link; patterns are checked', async () => {
    const n = await createNetwork(call);
    const node = randomNodeId();
    await call('POST', `/controller/network/${n.id}/member/${node}`, {});
    const show = await call('GET', `/bond/show/${node}`);
    expect(show.body).toMatchObject({ address: node, isBonded: false, bondingPolicyStr: 'none', links: [] });
    expect((await call('GET', `/bond/show/${randomNodeId()}`)).status).toBe(404);
    expect((await call('GET', '/bond/show/abc')).status).toBe(400);
    const rotate = await call('POST', `/bond/rotate/${node}`);
    expect(rotate.status).toBe(400);
    expect(rotate.body.message).toContain('no bond');
    expect((await call('PUT', `/bond/rotate/${randomNodeId()}`)).status).toBe(404);
    expect((await call('POST', `/bond/setmtu/1400/eth0/192.0.2.1`)).body.message).toContain('no bonded link');
    expect((await call('POST', `/bond/setmtu/14x0/eth0/192.0.2.1`)).body.message).toContain('invalid MTU');
    expect((await call('POST', `/bond/setmtu/1400/eth-0/192.0.2.1`)).body.message).toContain('invalid device name');
    expect((await call('POST', `/bond/setmtu/1400/eth0/192.0.2.300`)).body.message).toContain('invalid IP address');
    const admin = await adminUser();
    expect((await zt((await newUser(admin.accountId, 'auditor')).token)('POST', `/bond/rotate/${node}`)).status).toBe(403);
  });
});

describe('local configuration', () => {
  it('GET /config, POST /config/settings and /iptables with strict types', async () => {
    const acct = await newAccount();
    const own = zt(acct.token, 'query');
    expect((await own('GET', '/config')).body).toEqual({ physical: {}, virtual: {}, settings: {} });
    const counts = await ztCounts();
    for (const bad of [{ primaryPort: '9994' }, { primaryPort: 70000 }, { portMappingEnabled: 'false' }, { softwareUpdate: 'always' }, { allowManagementFrom: ['nope'] }, { notASetting: true }, { bind: ['1.2.3.4.5'] }]) {
      expect((await own('POST', '/config/settings', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await own('POST', '/iptables', { enabled: 'yes' })).status).toBe(400);
    expect((await own('POST', '/iptables', {})).status).toBe(400);
    expect(await ztCounts()).toEqual(counts);
    const set = await own('PUT', '/config/settings', { primaryPort: 9994, portMappingEnabled: false, allowManagementFrom: ['10.0.0.0/8'] });
    expect(set.body.settings).toEqual({ primaryPort: 9994, portMappingEnabled: false, allowManagementFrom: ['10.0.0.0/8'] });
    const ipt = await own('POST', '/iptables', { enabled: true, wanInterface: 'eth0' });
    expect(ipt.body).toEqual({ iptablesEnabled: true, iptablesWanInterface: 'eth0', iptablesUdpPort: 9993 });
    expect((await own('GET', '/config')).body.settings).toMatchObject({ primaryPort: 9994, iptablesEnabled: true, iptablesWanInterface: 'eth0' });
    expect((await own('GET', '/status')).body.config.settings).toMatchObject({ primaryPort: 9994, portMappingEnabled: false, allowTcpFallbackRelay: true, iptablesEnabled: true });
    // Another account's node settings are its own.
    expect((await call('GET', '/config')).body.settings.primaryPort).toBeUndefined();
    const db = await testDb();
    const codes = (await db.auditEvent.findMany({ where: { accountId: acct.account.id, activityCode: { startsWith: 'zerotier.' } } })).map((e) => e.activityCode);
    expect(codes.sort()).toEqual(['zerotier.iptables.update', 'zerotier.settings.update']);
    const auditor = zt((await newUser(acct.account.id, 'auditor')).token);
    expect((await auditor('POST', '/config/settings', { primaryPort: 1 })).status).toBe(403);
    expect((await auditor('POST', '/iptables', { enabled: false })).status).toBe(403);
  });
});

describe('statistics, security and debug views', () => {
  it('computes two-tier statistics from recorded traffic', async () => {
    const acct = await newAccount();
    const own = zt(acct.token);
    const n = await createNetwork(own);
    const [a, b, d, m] = [randomNodeId(), randomNodeId(), randomNodeId(), randomNodeId()];
    for (const x of [a, b, d, m]) await own('POST', `/controller/network/${n.id}/member/${x}`, { authorized: true });
    await own('POST', `/moon/${m}`, { seed: m });
    const db = await testDb();
    const peerOf = async (zta: string) => (await db.peer.findFirstOrThrow({ where: { accountId: acct.account.id, ztAddress: zta } })).id;
    const [pa, pb, pd, pm] = await Promise.all([a, b, d, m].map(peerOf));
    const now = Date.now();
    const flow = async (src: string, srcAddress: string, dst: string, dstAddress: string, f: { tx: number; rx: number; txp: number; rxp: number; drop?: boolean }) =>
      db.trafficEvent.create({
        data: {
          accountId: acct.account.id,
          flowId: newId(),
          reporterId: src,
          srcId: src,
          srcType: 'PEER',
          srcAddress,
          dstId: dst,
          dstType: 'PEER',
          dstAddress,
          direction: 'EGRESS',
          txBytes: BigInt(f.tx),
          rxBytes: BigInt(f.rx),
          txPackets: BigInt(f.txp),
          rxPackets: BigInt(f.rxp),
          numDrops: f.drop ? 1 : 0,
          eventTypes: f.drop ? ',TYPE_DROP,' : ',TYPE_START,TYPE_END,',
          windowStart: new Date(now - 60_000),
          windowEnd: new Date(now - 30_000),
        },
      });
    await flow(pa, '10.0.0.1:5000', pb, '10.0.0.2:443', { tx: 1000, rx: 4000, txp: 10, rxp: 20 });
    const dropped = await flow(pb, '10.0.0.2:6000', pa, '10.0.0.1:22', { tx: 50000, rx: 0, txp: 100, rxp: 0, drop: true });
    await flow(pm, '192.0.2.9:9993', pa, '10.0.0.1:9993', { tx: 300, rx: 200, txp: 3, rxp: 2 });
    await flow(pd, '10.0.0.2:7000', pa, '10.0.0.1:80', { tx: 2000, rx: 0, txp: 5, rxp: 0 });
    // Old traffic (beyond the 24-hour window) does not count.
    await db.trafficEvent.create({ data: { accountId: acct.account.id, flowId: newId(), reporterId: pa, srcId: pa, srcAddress: '10.0.0.1:1', dstId: pb, dstAddress: '10.0.0.2:1', txBytes: 999999n, windowStart: new Date(now - 48 * 3600_000), windowEnd: new Date(now - 47 * 3600_000) } });

    const stats = (await own('GET', '/stats')).body.peersByZtAddressAndIP;
    const keys = Object.keys(stats);
    expect(keys.sort()).toEqual([`${a}@10.0.0.1`, `${b}@10.0.0.2`, `${d}@10.0.0.2`, `${m}@192.0.2.9`].sort());
    expect(Object.keys(stats)[0]).toBe(`${a}@10.0.0.1`);
    expect(Object.keys(stats)[3]).toBe(`${m}@192.0.2.9`);
    expect(stats[`${a}@10.0.0.1`]).toMatchObject({
      ztAddress: a,
      ipAddress: '10.0.0.1',
      WireBytesIncoming: 56300,
      AuthBytesIncoming: 6300,
      WireBytesOutgoing: 1200,
      AuthBytesOutgoing: 1200,
      displayBytesIncoming: 56300,
      rxSource: 'i',
      displayBytesOutgoing: 1200,
      txSource: 'z',
      SuspiciousPacketCount: 100,
      AttackEventCount: 1,
      MaxDivergenceRatio: 7.67,
      securityLevel: 'WARNING',
      isInfrastructureNode: false,
      incomingPorts: { '22': 1, '9993': 1, '80': 1 },
      outgoingPorts: { '443': 1 },
    });
    expect(stats[`${b}@10.0.0.2`]).toMatchObject({ WireBytesOutgoing: 54000, AuthBytesOutgoing: 4000, displayBytesOutgoing: 56000, txSource: 'i', MaxDivergenceRatio: 11, securityLevel: 'WARNING', incomingPorts: { '443': 1 }, outgoingPorts: { '22': 1 } });
    // A node behind the same IP: the IP-level figure (both nodes' wire bytes) is the higher one.
    expect(stats[`${d}@10.0.0.2`]).toMatchObject({ AuthBytesOutgoing: 2000, displayBytesOutgoing: 56000, txSource: 'i', securityLevel: 'OK', SuspiciousPacketCount: 0, MaxDivergenceRatio: 1 });
    // The moon is infrastructure: no IP-level figures, so ZT-level ones are shown.
    expect(stats[`${m}@192.0.2.9`]).toMatchObject({ isInfrastructureNode: true, displayBytesIncoming: 200, displayBytesOutgoing: 300, rxSource: 'z', txSource: 'z' });

    const events = (await own('GET', '/security/events')).body;
    expect(events.totalCount).toBe(2);
    expect(events.events.map((e: { ztAddress: string }) => e.ztAddress).sort()).toEqual([a, b].sort());
    expect(events.events.every((e: { flowId: string; type: string }) => e.flowId === dropped.flowId && e.type === 'POLICY_DROP')).toBe(true);
    expect((await own('GET', '/security/metrics')).body).toMatchObject({ peersMonitored: 4, entries: 4, totalAttackEvents: 2, totalSuspiciousPackets: 200, maxDivergenceRatio: 11, levels: { OK: 2, WARNING: 2, DANGER: 0 } });
    const threats = (await own('GET', '/security/threats')).body.threats;
    expect(threats.map((t: { ztAddress: string; level: string }) => [t.ztAddress, t.level])).toEqual([[b, 'WARNING'], [a, 'WARNING']]);

    const dbg = (await own('GET', `/debug/peer?ztaddr=${a}`)).body;
    expect(dbg).toMatchObject({ ztAddress: a, isValidAddress: true, existsInTopology: true, hasStatsEntry: true, totalIncoming: 56300, totalOutgoing: 1200, ipAddressCount: 1, statsPerIP: [{ ipAddress: '10.0.0.1', totalIncoming: 56300, totalOutgoing: 1200 }] });
    expect((await own('GET', '/debug/peer?ztaddr=ff00000001')).body).toMatchObject({ isValidAddress: false, existsInTopology: false, hasStatsEntry: false });
    expect((await own('GET', '/debug/lookup?ip=10.0.0.2')).body).toEqual({ ipAddress: '10.0.0.2', ztAddresses: [b, d].sort().map((z) => ({ ztAddress: z, isInfrastructure: false })) });
    expect((await own('GET', `/debug/lookup?ztaddr=${m}`)).body).toEqual({ ztAddress: m, ipAddresses: ['192.0.2.9'], isInfrastructure: true });
    for (const bad of ['/debug/peer', '/debug/peer?ztaddr=xyz', '/debug/lookup', `/debug/lookup?ip=10.0.0.1&ztaddr=${a}`, '/debug/lookup?ip=10.0.0.999', '/debug/lookup?ztaddr=123']) {
      expect((await own('GET', bad)).status, bad).toBe(400);
    }
    // Other accounts see none of it.
    expect((await call('GET', '/stats')).body.peersByZtAddressAndIP[`${a}@10.0.0.1`]).toBeUndefined();
    const user = zt((await newUser(acct.account.id, 'user')).token);
    expect((await user('GET', '/stats')).status).toBe(403);
  });
});

describe('/metrics and /sso', () => {
  it('the metrics token from the data folder gets ZeroTier metrics; API tokens keep meshdeck’s', async () => {
    const file = join(inject('dataDir'), 'zerotier-metricstoken.secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const metricsToken = readFileSync(file, 'utf8').trim();
    expect(metricsToken).toMatch(/^[a-z0-9]{24}$/);
    await createNetwork(call, { name: 'metrics' });
    for (const headers of [{ 'X-ZT1-Auth': metricsToken }, { Authorization: `Bearer ${metricsToken}` }] as Record<string, string>[]) {
      const r = await fetch(`${baseUrl()}/metrics`, { headers });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/plain');
      const text = await r.text();
      expect(text).toMatch(/^zt_controller_network_count [1-9]\d*$/m);
      expect(text).toMatch(/^zt_controller_network_member_count\{network_id="[0-9a-f]{16}"\} \d+$/m);
      expect(text).not.toContain('meshdeck_http_requests_total');
    }
    expect((await fetch(`${baseUrl()}/metrics?auth=${metricsToken}`)).status).toBe(200);
    expect((await fetch(`${baseUrl()}/metrics`, { headers: { 'X-ZT1-Auth': `${metricsToken}x` } })).status).toBe(401);
    const api = await (await fetch(`${baseUrl()}/metrics`, { headers: { 'X-ZT1-Auth': token } })).text();
    expect(api).toContain('meshdeck_http_requests_total');
    // The metrics token is no API token.
    expect((await zt(metricsToken)('GET', '/status')).status).toBe(401);
  });

  it('/sso answers ZeroTier’s HTML page: no SSO networks here', async () => {
    const r = await fetch(`${baseUrl()}/sso?state=abc`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(await r.text()).toContain('Network ID not found for SSO state');
    const e = await fetch(`${baseUrl()}/sso?error=access_denied&error_description=${encodeURIComponent('<b>no</b>')}`);
    expect(e.status).toBe(500);
    const html = await e.text();
    expect(html).toContain('ERROR access_denied: &#60;b&#62;no&#60;/b&#62;');
    expect(html).not.toContain('<b>no</b>');
  });
});
