// Tailscale API v2 devices: a device is a meshdeck peer. Reads on the modern and the legacy paths,
// field sets and filters, deletion, tenancy and roles.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminWithToken, newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { insertPeer } from '../support/peers';
import { tailscale } from '../support/tailscale-client';
import { ALL_ONLY_DEVICE_FIELDS, DEFAULT_DEVICE_FIELDS, auditCodes } from '../support/tailscale-helpers';

let ts: ReturnType<typeof tailscale>;
let token = '';
let accountId = '';
let domain = '';
let dnsDomain = '';

beforeAll(async () => {
  const a = await adminWithToken('tailscale-devices');
  token = a.token;
  accountId = a.admin.accountId;
  ts = tailscale(token);
  ({ domain, dnsDomain } = await (await testDb()).account.findUniqueOrThrow({ where: { id: accountId } }));
});

describe('Tailscale devices: reading', () => {
  it('lists devices on /tailnet/-, /tailnet/<domain> and the legacy /domain/<domain>, with Basic or Bearer auth', async () => {
    const { admin } = await adminWithToken('ts-list');
    const p = await insertPeer(accountId, 'ts-listed', { userId: admin.id, os: 'linux', version: '0.60.0', connected: false, tags: '["tag:web"]' });
    for (const path of ['/api/v2/tailnet/-/devices', `/api/v2/tailnet/${domain}/devices`, `/api/v2/domain/${domain}/devices`]) {
      const r = await ts('GET', path);
      expect(r.status, path).toBe(200);
      const d = r.body.devices.find((x: { id: string }) => x.id === p.id);
      expect(d, path).toBeDefined();
      expect(Object.keys(d).sort()).toEqual([...DEFAULT_DEVICE_FIELDS].sort());
      expect(d).toMatchObject({
        id: p.id,
        nodeId: p.id,
        addresses: [p.ip, p.ipv6],
        user: admin.email,
        name: `${p.dnsLabel}.${dnsDomain}`,
        hostname: 'ts-listed',
        clientVersion: '0.60.0',
        os: 'linux',
        authorized: true,
        keyExpiryDisabled: true,
        expires: '0001-01-01T00:00:00Z',
        tags: ['tag:web'],
        isEphemeral: false,
        connectedToControl: false,
        nodeKey: `nodekey:${Buffer.from(p.wgPubKey, 'base64').toString('hex')}`,
      });
    }
    const bearer = await tailscale(token, 'bearer')('GET', '/api/v2/tailnet/-/devices');
    expect(bearer.body.devices.map((x: { id: string }) => x.id)).toContain(p.id);
  });

  it('answers fields=all with routes, connectivity, SSH and posture identity, and refuses other field sets', async () => {
    const p = await insertPeer(accountId, 'ts-all', { advertisedRoutes: '["10.1.0.0/16"]', enabledRoutes: '["10.1.0.0/16"]', sshEnabled: true, serialNumber: 'SN-42', connected: true });
    const all = await ts('GET', `/api/v2/device/${p.id}?fields=all`);
    expect(all.status).toBe(200);
    // Connected devices omit lastSeen (the spec: "omitted if connectedToControl is true").
    expect(Object.keys(all.body).sort()).toEqual([...DEFAULT_DEVICE_FIELDS.filter((f) => f !== 'lastSeen'), ...ALL_ONLY_DEVICE_FIELDS].sort());
    expect(all.body).toMatchObject({ advertisedRoutes: ['10.1.0.0/16'], enabledRoutes: ['10.1.0.0/16'], sshEnabled: true, postureIdentity: { serialNumbers: ['SN-42'] }, connectedToControl: true });
    const union = await ts('GET', `/api/v2/device/${p.id}?fields=default,all`);
    expect(union.body.advertisedRoutes).toEqual(['10.1.0.0/16']);
    const dflt = await ts('GET', `/api/v2/device/${p.id}`);
    expect(dflt.body.advertisedRoutes).toBeUndefined();
    const listed = await ts('GET', '/api/v2/tailnet/-/devices?fields=all');
    expect(listed.body.devices.find((d: { id: string }) => d.id === p.id).sshEnabled).toBe(true);
    expect((await ts('GET', `/api/v2/device/${p.id}?fields=everything`)).status).toBe(400);
    expect((await ts('GET', '/api/v2/tailnet/-/devices?fields=some')).status).toBe(400);
  });

  it('filters the list by top-level properties (exact values, lists contain every value, AND across filters)', async () => {
    const a = await insertPeer(accountId, 'ts-filter-a', { tags: '["tag:prod","tag:subnetrouter"]', ephemeral: true });
    const b = await insertPeer(accountId, 'ts-filter-b', { tags: '["tag:prod"]', ephemeral: false });
    const ids = async (q: string) => (await ts('GET', `/api/v2/tailnet/-/devices?${q}`)).body.devices.map((d: { id: string }) => d.id);
    expect(await ids('tags=tag:prod')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await ids('isEphemeral=true&tags=tag:prod&tags=tag:subnetrouter')).toEqual([a.id]);
    expect(await ids('hostname=ts-filter-b')).toEqual([b.id]);
    expect(await ids(`addresses=${a.ip}`)).toEqual([a.id]);
    expect(await ids('hostname=no-such-host')).toEqual([]);
    expect((await ts('GET', '/api/v2/tailnet/-/devices?clientConnectivity=x')).status).toBe(400);
  });

  it('answers 404 for another account’s tailnet and devices, and for unknown tailnets', async () => {
    const other = await newAccount();
    const theirs = await insertPeer(other.account.id, 'ts-theirs');
    expect((await ts('GET', `/api/v2/tailnet/${other.account.domain}/devices`)).status).toBe(404);
    expect((await ts('GET', `/api/v2/domain/${other.account.domain}/devices`)).status).toBe(404);
    expect((await ts('GET', '/api/v2/tailnet/nope.example/devices')).status).toBe(404);
    expect((await ts('GET', `/api/v2/device/${theirs.id}`)).status).toBe(404);
    const them = tailscale(other.token);
    const listed = await them('GET', '/api/v2/tailnet/-/devices');
    expect(listed.body.devices.map((d: { id: string }) => d.id)).toEqual([theirs.id]);
    expect((await them('GET', `/api/v2/tailnet/${domain}/devices`)).status).toBe(404);
  });

  it('asks for credentials without a token', async () => {
    const r = await fetch(`${(await import('../support/fixtures')).baseUrl()}/api/v2/tailnet/-/devices`);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await r.json()).toEqual({ message: expect.any(String) });
  });

  it('shows regular users only their own devices; auditors see all', async () => {
    const { user, token: userToken } = await newUser(accountId, 'user');
    const mine = await insertPeer(accountId, 'ts-users-own', { userId: user.id });
    const notMine = await insertPeer(accountId, 'ts-not-users');
    const asUser = tailscale(userToken);
    expect((await asUser('GET', '/api/v2/tailnet/-/devices')).body.devices.map((d: { id: string }) => d.id)).toEqual([mine.id]);
    expect((await asUser('GET', `/api/v2/device/${notMine.id}`)).status).toBe(404);
    expect((await asUser('GET', `/api/v2/device/${mine.id}`)).body.user).toBe(user.email);
    const auditor = tailscale((await newUser(accountId, 'auditor')).token);
    expect((await auditor('GET', `/api/v2/device/${notMine.id}`)).status).toBe(200);
  });
});

describe('Tailscale devices: deleting', () => {
  it('deletes a device (200, no body), audited, gone from NetBird too', async () => {
    const p = await insertPeer(accountId, 'ts-delete-me');
    const r = await ts('DELETE', `/api/v2/device/${p.id}`);
    expect(r.status).toBe(200);
    expect(await (await testDb()).peer.findUnique({ where: { id: p.id } })).toBeNull();
    expect((await netbird(token)('GET', `/api/peers/${p.id}`)).status).toBe(404);
    expect(await auditCodes(p.id)).toContainEqual({ activityCode: 'user.peer.delete', source: 'tailscale' });
    expect((await ts('DELETE', `/api/v2/device/${p.id}`)).status).toBe(404);
  });

  it('refuses auditors and regular users (403) and other accounts (404); nothing is deleted', async () => {
    const p = await insertPeer(accountId, 'ts-keep-me');
    const auditor = tailscale((await newUser(accountId, 'auditor')).token);
    const user = tailscale((await newUser(accountId, 'user')).token);
    const other = tailscale((await newAccount()).token);
    expect((await auditor('DELETE', `/api/v2/device/${p.id}`)).status).toBe(403);
    expect((await user('DELETE', `/api/v2/device/${p.id}`)).status).toBe(403);
    expect((await other('DELETE', `/api/v2/device/${p.id}`)).status).toBe(404);
    expect(await (await testDb()).peer.findUnique({ where: { id: p.id } })).not.toBeNull();
  });
});
