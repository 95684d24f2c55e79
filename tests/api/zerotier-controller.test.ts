// The ZeroTier controller API: ZeroTier's controller walkthrough (create a network with `______`,
// set a pool, add and authorize a member, see its address, deauthorize, delete), members as peers of
// the NetBird API and the agent's network map, revisions, strict input, tenancy and roles.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminWithToken, newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { tailscale } from '../support/tailscale-client';
import { insertPolicy, register, sync } from '../support/peers';
import { zt } from '../support/zerotier-client';
import { auditCodes, controllerAddress, createNetwork, randomNodeId, ztCounts } from '../support/zerotier-helpers';
import { allGroupId } from '@/lib/domain/groups/all-group';

let token = '';
let call: ReturnType<typeof zt>;
let nb: ReturnType<typeof netbird>;
let address = '';

const ipToInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
/** ZeroTier's first pick in a pool: start + (low 32 bits of the node address) mod (end - start). */
const firstPick = (node: string, start: string, end: string) => intToIp(ipToInt(start) + (Number(BigInt(`0x${node}`) & 0xffffffffn) % (ipToInt(end) - ipToInt(start))));

const walkthroughConfig = {
  name: 'walkthrough',
  ipAssignmentPools: [{ ipRangeStart: '192.168.192.1', ipRangeEnd: '192.168.192.254' }],
  routes: [{ target: '192.168.192.0/24', via: null }],
  v4AssignMode: 'zt',
  private: true,
};

beforeAll(async () => {
  token = (await adminWithToken('zerotier-controller')).token;
  call = zt(token);
  nb = netbird(token);
  address = await controllerAddress(call);
});

describe('ZeroTier controller walkthrough', () => {
  it('creates a network, sets a pool, authorizes a member with an address, deauthorizes, deletes', async () => {
    const status = await call('GET', '/controller');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ controller: true, apiVersion: 4, databaseReady: true });
    expect(Math.abs(status.body.clock - Date.now())).toBeLessThan(60_000);

    // 1. A network with a random id under the controller's address.
    expect(address).toMatch(/^[0-9a-f]{10}$/);
    const created = await call('POST', `/controller/network/${address}______`, {});
    expect(created.status).toBe(200);
    const nwid: string = created.body.id;
    expect(nwid).toMatch(new RegExp(`^${address}[0-9a-f]{6}$`));
    expect(created.body).toMatchObject({
      nwid,
      objtype: 'network',
      name: '',
      private: true,
      enableBroadcast: true,
      mtu: 2800,
      multicastLimit: 32,
      revision: 1,
      v4AssignMode: { zt: false },
      v6AssignMode: { rfc4193: false, zt: false, '6plane': false },
      routes: [],
      ipAssignmentPools: [],
      rules: [{ not: false, or: false, type: 'ACTION_ACCEPT' }],
      capabilities: [],
      tags: [],
      dns: [],
      totalMemberCount: 0,
      authorizedMemberCount: 0,
    });
    expect((await call('GET', '/controller/network')).body).toContain(nwid);
    expect(await auditCodes(nwid)).toEqual(['zerotier.network.create']);

    // 2. A pool and a route; v4AssignMode in ZeroTier's old string form.
    const configured = await call('POST', `/controller/network/${nwid}`, walkthroughConfig);
    expect(configured.status).toBe(200);
    expect(configured.body).toMatchObject({ name: 'walkthrough', revision: 2, v4AssignMode: { zt: true }, routes: [{ target: '192.168.192.0/24', via: null }], ipAssignmentPools: walkthroughConfig.ipAssignmentPools });
    expect(configured.body.creationTime).toBe(created.body.creationTime);

    // 3. A member, authorized: it gets the pool address ZeroTier would pick.
    const node = randomNodeId();
    const before = Date.now();
    const m = await call('POST', `/controller/network/${nwid}/member/${node}`, { authorized: true });
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({ id: node, address: node, nwid, objtype: 'member', authorized: true, activeBridge: false, noAutoAssignIps: false, revision: 1, lastDeauthorizedTime: 0, lastAuthorizedCredentialType: 'api', vMajor: -1 });
    expect(m.body.ipAssignments).toEqual([firstPick(node, '192.168.192.1', '192.168.192.254')]);
    expect(m.body.lastAuthorizedTime).toBeGreaterThanOrEqual(before - 1000);
    expect(m.body.creationTime).toBeGreaterThanOrEqual(before - 1000);
    expect((await call('GET', `/controller/network/${nwid}/member`)).body).toEqual({ [node]: 1 });
    expect((await call('GET', `/controller/network/${nwid}/member/${node}`)).body).toMatchObject({ authorized: true, ipAssignments: m.body.ipAssignments });
    expect((await call('GET', `/controller/network/${nwid}`)).body).toMatchObject({ totalMemberCount: 1, authorizedMemberCount: 1 });

    // The member is a peer of the account, approved, in the NetBird API.
    const peer = (await nb('GET', '/api/peers')).body.find((p: { name: string }) => p.name === node);
    expect(peer).toMatchObject({ name: node, approval_required: false });
    // ... and an authorized device in the Tailscale API (same peer, one model).
    const ts = tailscale(token);
    expect((await ts('GET', `/api/v2/device/${peer.id}`)).body).toMatchObject({ id: peer.id, authorized: true });
    expect((await ts('GET', '/api/v2/tailnet/-/devices')).body.devices.map((d: { id: string }) => d.id)).toContain(peer.id);
    expect(await auditCodes(peer.id)).toEqual(['peer.user.add', 'peer.approve']);
    expect(await auditCodes(`${nwid}/${node}`)).toEqual(['zerotier.member.add', 'zerotier.member.authorize']);

    // 4. Deauthorize: kept with its address, revision up, the peer waits for approval again.
    const deauth = await call('POST', `/controller/network/${nwid}/member/${node}`, { authorized: false });
    expect(deauth.body).toMatchObject({ authorized: false, revision: 2, ipAssignments: m.body.ipAssignments });
    expect(deauth.body.lastDeauthorizedTime).toBeGreaterThanOrEqual(m.body.lastAuthorizedTime);
    expect(deauth.body.lastAuthorizedTime).toBe(m.body.lastAuthorizedTime);
    expect((await nb('GET', `/api/peers/${peer.id}`)).body.approval_required).toBe(true);
    expect((await ts('GET', `/api/v2/device/${peer.id}`)).body.authorized).toBe(false);
    expect(await auditCodes(peer.id)).toEqual(['peer.user.add', 'peer.approve', 'peer.approval.revoke']);

    // 5. Delete the member, then the network.
    const del = await call('DELETE', `/controller/network/${nwid}/member/${node}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ id: node, authorized: false });
    expect((await call('GET', `/controller/network/${nwid}/member/${node}`)).status).toBe(404);
    expect((await call('GET', `/controller/network/${nwid}/member`)).body).toEqual({});
    const gone = await call('DELETE', `/controller/network/${nwid}`);
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ id: nwid, name: 'walkthrough' });
    expect((await call('GET', `/controller/network/${nwid}`)).status).toBe(404);
    expect((await call('GET', '/controller/network')).body).not.toContain(nwid);
    expect(await auditCodes(nwid)).toEqual(['zerotier.network.create', 'zerotier.network.update', 'zerotier.network.delete']);
    const db = await testDb();
    expect(await db.zeroTierMember.count({ where: { address: node } })).toBe(0);
  });

  it('creates a network with a chosen id under the controller address, and rejects other prefixes', async () => {
    const nwid = `${address}a1b2c3`;
    await call('DELETE', `/controller/network/${nwid}`);
    const r = await call('POST', `/controller/network/${nwid.toUpperCase()}`, { name: 'chosen' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: nwid, name: 'chosen', revision: 1 });
    const other = address.startsWith('1') ? '2' : '1';
    const counts = await ztCounts();
    expect((await call('POST', `/controller/network/${other}${address.slice(1)}a1b2c3`, {})).status).toBe(400);
    expect((await call('POST', `/controller/network/${other}${address.slice(1)}______`, {})).status).toBe(400);
    expect(await ztCounts()).toEqual(counts);
  });
});

describe('ZeroTier networks and members: values', () => {
  it('stores and returns routes, DNS, MTU, multicast, rules, tags and capabilities exactly as given', async () => {
    const n = await createNetwork(call);
    const config = {
      name: 'exact',
      private: false,
      enableBroadcast: false,
      mtu: 1400,
      multicastLimit: 64,
      routes: [
        { target: '10.20.0.0/16', via: null },
        { target: '192.168.50.0/24', via: '10.20.0.1' },
        { target: 'fd00:1234::/64', via: null },
      ],
      dns: { domain: 'zt.example.com', servers: ['10.20.0.53', 'fd00:1234::53'] },
      rules: [
        { type: 'MATCH_ETHERTYPE', not: true, or: false, etherType: 2048 },
        { type: 'ACTION_DROP' },
        { type: 'ACTION_ACCEPT', not: false, or: false },
      ],
      rulesSource: 'accept;',
      tags: [{ id: 1000, default: 0 }],
      capabilities: [{ id: 1, rules: [{ type: 'ACTION_ACCEPT' }] }],
      v6AssignMode: { rfc4193: true, zt: false, '6plane': true },
      remoteTraceTarget: 'ABCDEF0123',
      remoteTraceLevel: 2,
    };
    const r = await call('POST', `/controller/network/${n.id}`, config);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ...config, remoteTraceTarget: 'abcdef0123', revision: 2 });
    expect((await call('GET', `/controller/network/${n.id}`)).body).toMatchObject({ ...config, remoteTraceTarget: 'abcdef0123' });
    // An unchanged body is no change: same revision, no audit event.
    const again = await call('POST', `/controller/network/${n.id}`, config);
    expect(again.body.revision).toBe(2);
    expect(await auditCodes(n.id)).toEqual(['zerotier.network.create', 'zerotier.network.update']);
    // DNS can be cleared with an empty array, as ZeroTier stores it by default.
    expect((await call('POST', `/controller/network/${n.id}`, { dns: [] })).body).toMatchObject({ dns: [], revision: 3 });
    // Posting back a whole GET answer (with read-only fields) is accepted, as ZeroTier ignores them.
    const whole = (await call('GET', `/controller/network/${n.id}`)).body;
    expect((await call('POST', `/controller/network/${n.id}`, { ...whole, name: 'round-trip' })).body).toMatchObject({ name: 'round-trip', revision: 4, id: n.id });
  });

  it('sets member fields, keeps revisions, and assigns pool addresses only as ZeroTier would', async () => {
    const n = await createNetwork(call, { ...walkthroughConfig, ipAssignmentPools: [{ ipRangeStart: '10.99.0.1', ipRangeEnd: '10.99.0.254' }], routes: [{ target: '10.99.0.0/24', via: null }] });
    const a = randomNodeId();
    const created = await call('POST', `/controller/network/${n.id}/member/${a}`, { name: 'laptop', activeBridge: true, tags: [[1000, 3]], capabilities: [1, 7] });
    expect(created.body).toMatchObject({ name: 'laptop', activeBridge: true, tags: [[1000, 3]], capabilities: [1, 7], authorized: false, ipAssignments: [], revision: 1 });
    // Unauthorized members get no address; an unchanged body changes nothing.
    expect((await call('POST', `/controller/network/${n.id.toUpperCase()}/member/${a.toUpperCase()}`, { name: 'laptop' })).body.revision).toBe(1);
    const manual = await call('POST', `/controller/network/${n.id}/member/${a}`, { ipAssignments: ['10.99.0.10', 'fd00::10'], noAutoAssignIps: false, authorized: true });
    // A managed IPv4 address (inside a route) is already there: no pool address is added.
    expect(manual.body).toMatchObject({ ipAssignments: ['10.99.0.10', 'fd00::10'], authorized: true, revision: 2 });
    // noAutoAssignIps: authorized but nothing from the pool.
    const b = randomNodeId();
    expect((await call('POST', `/controller/network/${n.id}/member/${b}`, { noAutoAssignIps: true, authorized: true })).body.ipAssignments).toEqual([]);
    // Several members get distinct addresses.
    const ips = new Set<string>(['10.99.0.10']);
    for (let i = 0; i < 5; i++) {
      const r = await call('POST', `/controller/network/${n.id}/member/${randomNodeId()}`, { authorized: true });
      expect(r.body.ipAssignments).toHaveLength(1);
      expect(r.body.ipAssignments[0]).toMatch(/^10\.99\.0\.\d+$/);
      ips.add(r.body.ipAssignments[0]);
    }
    expect(ips.size).toBe(6);
    // A pool outside every route assigns nothing; adding the route later assigns at once.
    const c = randomNodeId();
    const unrouted = await createNetwork(call, { v4AssignMode: { zt: true }, ipAssignmentPools: [{ ipRangeStart: '172.30.0.1', ipRangeEnd: '172.30.0.20' }] });
    expect((await call('POST', `/controller/network/${unrouted.id}/member/${c}`, { authorized: true })).body.ipAssignments).toEqual([]);
    const routed = await call('POST', `/controller/network/${unrouted.id}`, { routes: [{ target: '172.30.0.0/24' }] });
    expect(routed.body.revision).toBe(2);
    const after = (await call('GET', `/controller/network/${unrouted.id}/member/${c}`)).body;
    expect(after.ipAssignments).toEqual([firstPick(c, '172.30.0.1', '172.30.0.20')]);
    expect(after.revision).toBe(2);
  });

  it('lists networks and members in the unstable {data, meta} envelope', async () => {
    const n = await createNetwork(call, { name: 'envelope' });
    const a = randomNodeId();
    const b = randomNodeId();
    await call('POST', `/controller/network/${n.id}/member/${a}`, { authorized: true });
    await call('POST', `/controller/network/${n.id}/member/${b}`, {});
    const nets = await call('GET', '/unstable/controller/network');
    expect(nets.status).toBe(200);
    expect(nets.body.meta.networkCount).toBe(nets.body.data.length);
    expect(nets.body.data.find((x: { id: string }) => x.id === n.id)).toMatchObject({ name: 'envelope', totalMemberCount: 2, authorizedMemberCount: 1, objtype: 'network' });
    const members = await call('GET', `/unstable/controller/network/${n.id}/member`);
    expect(members.body.meta).toEqual({ totalCount: 2, authorizedCount: 1 });
    expect(members.body.data.map((m: { id: string }) => m.id).sort()).toEqual([a, b].sort());
    expect(members.body.data.every((m: { objtype: string; nwid: string }) => m.objtype === 'member' && m.nwid === n.id)).toBe(true);
    expect((await call('GET', '/unstable/controller/network/0000000000000001/member')).status).toBe(404);
  });

  it('wraps GET answers in a JSONP callback when asked', async () => {
    const n = await createNetwork(call, { name: 'jsonp' });
    const r = await fetch(`${(await import('../support/fixtures')).baseUrl()}/controller/network/${n.id}?jsonp=handle.network&auth=${token}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/javascript');
    const text = await r.text();
    expect(text.startsWith('handle.network(')).toBe(true);
    expect(JSON.parse(text.slice('handle.network('.length, -2))).toMatchObject({ id: n.id, name: 'jsonp' });
    expect((await call('GET', `/controller/network/${n.id}?jsonp=${encodeURIComponent('alert(1)//')}`)).status).toBe(400);
  });
});

describe('ZeroTier members and the policy engine', () => {
  it('an authorized member is in other peers’ network maps; deauthorized or deleted it is not', async () => {
    const acct = await newAccount();
    const own = zt(acct.token, 'bearer');
    const ownNb = netbird(acct.token);
    await insertPolicy(acct.account.id, { sources: [await allGroupId(await testDb(), acct.account.id)], destinations: [await allGroupId(await testDb(), acct.account.id)], bidirectional: true });
    const key = (await ownNb('POST', '/api/setup-keys', { name: 'zt', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    const agent = await register(key, 'netbird-laptop');
    expect(agent.status).toBe(201);
    const n = await createNetwork(own);
    const n2 = await createNetwork(own);
    const node = randomNodeId();
    const peerIds = async () => (await sync(agent.body.peer_token)).body.peers.map((p: { name: string }) => p.name);

    await own('POST', `/controller/network/${n.id}/member/${node}`, { name: 'zt-node' });
    expect(await peerIds()).not.toContain('zt-node');
    const s1 = (await sync(agent.body.peer_token)).body.serial;
    await own('POST', `/controller/network/${n.id}/member/${node}`, { authorized: true });
    const mapped = (await sync(agent.body.peer_token)).body;
    expect(mapped.serial).toBeGreaterThan(s1);
    expect(mapped.peers.map((p: { name: string }) => p.name)).toContain('zt-node');
    const zpeer = (await ownNb('GET', '/api/peers')).body.find((p: { name: string }) => p.name === 'zt-node');
    expect(zpeer).toMatchObject({ approval_required: false });

    // Authorized in a second network, deauthorized in the first: still admitted somewhere.
    await own('POST', `/controller/network/${n2.id}/member/${node}`, { authorized: true });
    await own('POST', `/controller/network/${n.id}/member/${node}`, { authorized: false });
    expect(await peerIds()).toContain('zt-node');
    // Deauthorized everywhere: out of the map.
    await own('POST', `/controller/network/${n2.id}/member/${node}`, { authorized: false });
    expect(await peerIds()).not.toContain('zt-node');
    expect((await ownNb('GET', `/api/peers/${zpeer.id}`)).body.approval_required).toBe(true);
    // Authorized again, then the member deleted: out again. Deleting the network does the same.
    await own('POST', `/controller/network/${n.id}/member/${node}`, { authorized: true });
    expect(await peerIds()).toContain('zt-node');
    await own('DELETE', `/controller/network/${n.id}/member/${node}`);
    expect(await peerIds()).not.toContain('zt-node');
    await own('POST', `/controller/network/${n2.id}/member/${node}`, { authorized: true });
    expect(await peerIds()).toContain('zt-node');
    await own('DELETE', `/controller/network/${n2.id}`);
    expect(await peerIds()).not.toContain('zt-node');
    // The node stays one peer throughout.
    const db = await testDb();
    expect(await db.peer.count({ where: { accountId: acct.account.id, ztAddress: node } })).toBe(1);
  });
});

describe('ZeroTier controller input checks', () => {
  it('refuses malformed ids, wrong JSON types and invalid values with 400 and stores nothing', async () => {
    const n = await createNetwork(call, { name: 'strict' });
    const node = randomNodeId();
    await call('POST', `/controller/network/${n.id}/member/${node}`, { authorized: true });
    const counts = await ztCounts();
    const bad: [string, string, unknown][] = [
      ['GET', '/controller/network/xyz', undefined],
      ['GET', `/controller/network/${n.id.slice(1)}`, undefined],
      ['GET', `/controller/network/${n.id}0`, undefined],
      ['DELETE', `/controller/network/${address}______`, undefined],
      ['GET', `/controller/network/${n.id}/member/${node.slice(1)}`, undefined],
      ['GET', `/controller/network/${n.id}/member/zzzzzzzzzz`, undefined],
      ['POST', `/controller/network/${n.id}/member/${node}0`, {}],
      ['POST', `/controller/network/${n.id}`, { private: 'yes' }],
      ['POST', `/controller/network/${n.id}`, { mtu: '1500' }],
      ['POST', `/controller/network/${n.id}`, { mtu: 1500.5 }],
      ['POST', `/controller/network/${n.id}`, { mtu: 1000 }],
      ['POST', `/controller/network/${n.id}`, { mtu: 20000 }],
      ['POST', `/controller/network/${n.id}`, { multicastLimit: -1 }],
      ['POST', `/controller/network/${n.id}`, { name: 5 }],
      ['POST', `/controller/network/${n.id}`, { routes: [{ target: '10.0.0.0/33' }] }],
      ['POST', `/controller/network/${n.id}`, { routes: [{ target: '10.0.0.0/24', via: 'fd00::1' }] }],
      ['POST', `/controller/network/${n.id}`, { routes: { target: '10.0.0.0/24' } }],
      ['POST', `/controller/network/${n.id}`, { ipAssignmentPools: [{ ipRangeStart: '10.0.0.9', ipRangeEnd: '10.0.0.1' }] }],
      ['POST', `/controller/network/${n.id}`, { ipAssignmentPools: [{ ipRangeStart: '10.0.0.1', ipRangeEnd: 'fd00::1' }] }],
      ['POST', `/controller/network/${n.id}`, { ipAssignmentPools: [{ ipRangeStart: '10.0.0.1' }] }],
      ['POST', `/controller/network/${n.id}`, { rules: [1] }],
      ['POST', `/controller/network/${n.id}`, { rules: [{ not: false }] }],
      ['POST', `/controller/network/${n.id}`, { tags: 'x' }],
      ['POST', `/controller/network/${n.id}`, { dns: { domain: 'bad domain!', servers: [] } }],
      ['POST', `/controller/network/${n.id}`, { dns: { servers: ['not-an-ip'] } }],
      ['POST', `/controller/network/${n.id}`, { v4AssignMode: true }],
      ['POST', `/controller/network/${n.id}`, { remoteTraceTarget: 'abc' }],
      ['POST', `/controller/network/${n.id}`, '{"name": '],
      ['POST', `/controller/network/${n.id}`, '[]'],
      ['POST', `/controller/network/${n.id}`, ''],
      ['POST', `/controller/network/${n.id}/member/${node}`, { authorized: 'false' }],
      ['POST', `/controller/network/${n.id}/member/${node}`, { authorized: 0 }],
      ['POST', `/controller/network/${n.id}/member/${node}`, { ipAssignments: ['10.0.0.300'] }],
      ['POST', `/controller/network/${n.id}/member/${node}`, { ipAssignments: '10.0.0.1' }],
      ['POST', `/controller/network/${n.id}/member/${node}`, { tags: [[1]] }],
      ['POST', `/controller/network/${n.id}/member/${node}`, { tags: [[-1, 2]] }],
      ['POST', `/controller/network/${n.id}/member/${node}`, { capabilities: ['1'] }],
      ['POST', `/controller/network/${n.id}/member/${node}`, { name: null }],
      ['POST', `/controller/network/${n.id}/member/${randomNodeId()}`, { activeBridge: 'yes' }],
    ];
    for (const [method, path, body] of bad) {
      const r = await call(method, path, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
    }
    expect(await ztCounts()).toEqual(counts);
    const m = (await call('GET', `/controller/network/${n.id}/member/${node}`)).body;
    expect(m).toMatchObject({ authorized: true, revision: 1 });
    expect((await call('GET', `/controller/network/${n.id}`)).body).toMatchObject({ name: 'strict', revision: 1 });
  });

  it('answers 404 for unknown networks and members, and stores nothing', async () => {
    const counts = await ztCounts();
    const unknown = `${address}000000`;
    expect((await call('GET', `/controller/network/${unknown}`)).status).toBe(404);
    expect((await call('DELETE', `/controller/network/${unknown}`)).status).toBe(404);
    expect((await call('GET', `/controller/network/${unknown}/member`)).status).toBe(404);
    expect((await call('POST', `/controller/network/${unknown}/member/${randomNodeId()}`, { authorized: true })).status).toBe(404);
    const n = await createNetwork(call);
    const after = await ztCounts();
    expect((await call('GET', `/controller/network/${n.id}/member/${randomNodeId()}`)).status).toBe(404);
    expect((await call('DELETE', `/controller/network/${n.id}/member/${randomNodeId()}`)).status).toBe(404);
    expect(after.networks).toBe(counts.networks + 1);
    expect(await ztCounts()).toEqual(after);
  });
});

describe('ZeroTier controller tenancy, roles and authentication', () => {
  it('another account’s networks and members are not found, and not listed', async () => {
    const n = await createNetwork(call, { name: 'mine' });
    const node = randomNodeId();
    await call('POST', `/controller/network/${n.id}/member/${node}`, { authorized: true });
    const other = await newAccount();
    const them = zt(other.token, 'query');
    const counts = await ztCounts();
    expect((await them('GET', `/controller/network/${n.id}`)).status).toBe(404);
    expect((await them('DELETE', `/controller/network/${n.id}`)).status).toBe(404);
    expect((await them('GET', `/controller/network/${n.id}/member`)).status).toBe(404);
    expect((await them('GET', `/controller/network/${n.id}/member/${node}`)).status).toBe(404);
    expect((await them('POST', `/controller/network/${n.id}/member/${node}`, { authorized: false })).status).toBe(404);
    expect((await them('DELETE', `/controller/network/${n.id}/member/${node}`)).status).toBe(404);
    expect((await them('GET', `/unstable/controller/network/${n.id}/member`)).status).toBe(404);
    expect((await them('GET', '/controller/network')).body).not.toContain(n.id);
    expect((await them('GET', '/unstable/controller/network')).body.data.map((x: { id: string }) => x.id)).not.toContain(n.id);
    expect(await ztCounts()).toEqual(counts);
    // Network ids are per account: naming this one makes the other account's own network of that
    // id (as an unused id would), and ours stays as it was.
    const theirs = await them('POST', `/controller/network/${n.id}`, { name: 'taken over' });
    expect([theirs.status, theirs.body.name]).toEqual([200, 'taken over']);
    expect((await them('GET', `/controller/network/${n.id}/member`)).body).toEqual({});
    expect((await call('GET', `/controller/network/${n.id}`)).body.name).toBe('mine');
    expect(Object.keys((await call('GET', `/controller/network/${n.id}/member`)).body)).toEqual([node]);
  });

  it('auditors read but change nothing; regular users get 403; missing or wrong tokens 401', async () => {
    const n = await createNetwork(call, { name: 'roles' });
    const node = randomNodeId();
    await call('POST', `/controller/network/${n.id}/member/${node}`, {});
    const admin = await (await import('../support/fixtures')).adminUser();
    const auditor = zt((await newUser(admin.accountId, 'auditor')).token);
    const user = zt((await newUser(admin.accountId, 'user')).token, 'bearer');
    const counts = await ztCounts();
    expect((await auditor('GET', `/controller/network/${n.id}`)).status).toBe(200);
    expect((await auditor('GET', `/controller/network/${n.id}/member/${node}`)).status).toBe(200);
    for (const who of [auditor, user]) {
      expect((await who('POST', `/controller/network/${address}______`, {})).status).toBe(403);
      expect((await who('POST', `/controller/network/${n.id}`, { name: 'x' })).status).toBe(403);
      expect((await who('DELETE', `/controller/network/${n.id}`)).status).toBe(403);
      expect((await who('POST', `/controller/network/${n.id}/member/${node}`, { authorized: true })).status).toBe(403);
      expect((await who('DELETE', `/controller/network/${n.id}/member/${node}`)).status).toBe(403);
    }
    expect((await user('GET', '/controller/network')).status).toBe(403);
    expect((await user('GET', `/controller/network/${n.id}/member`)).status).toBe(403);
    expect((await zt(null)('GET', '/controller')).status).toBe(401);
    expect((await zt(null)('POST', `/controller/network/${n.id}`, {})).status).toBe(401);
    expect((await zt('not-a-token')('GET', '/controller/network')).status).toBe(401);
    expect((await zt(`${token}x`, 'query')('GET', '/controller/network')).status).toBe(401);
    expect(await ztCounts()).toEqual(counts);
    // Every token style of ZeroTier works.
    for (const style of ['header', 'query', 'bearer'] as const) expect((await zt(token, style)('GET', '/controller/network')).status).toBe(200);
  });
});
