// Tailscale API v2 device actions: routes, authorized, name, tags, key, expire, ip. Each one: the
// happy path, bad input (400, nothing written), 403 for auditors and regular users, 404 for another
// account's device, and its audit event.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { insertPeer, register, sync } from '../support/peers';
import { tailscale } from '../support/tailscale-client';
import { tailscaleAcl } from '../support/tailscale-acl-client';
import { auditCodes } from '../support/tailscale-helpers';

let ts: ReturnType<typeof tailscale>;
let nb: ReturnType<typeof netbird>;
let auditor: ReturnType<typeof tailscale>;
let regular: ReturnType<typeof tailscale>;
let other: ReturnType<typeof tailscale>;
let accountId = '';
let adminId = '';
let adminToken = '';

beforeAll(async () => {
  // An account of its own: these tests replace the access-policy document.
  const a = await newAccount();
  accountId = a.account.id;
  adminId = a.owner.id;
  adminToken = a.token;
  ts = tailscale(a.token);
  nb = netbird(a.token);
  auditor = tailscale((await newUser(accountId, 'auditor')).token);
  regular = tailscale((await newUser(accountId, 'user')).token);
  other = tailscale((await newAccount()).token);
});

const peerRow = async (id: string) => (await testDb()).peer.findUniqueOrThrow({ where: { id } });
const serial = async () => (await (await testDb()).account.findUniqueOrThrow({ where: { id: accountId } })).networkSerial;

/** Auditors and regular users get 403, another account 404, and the peer row stays as it was. */
async function refusedToOthers(path: string, body: unknown) {
  const id = path.split('/')[4];
  const before = await peerRow(id);
  expect((await auditor('POST', path, body)).status).toBe(403);
  expect((await regular('POST', path, body)).status).toBe(403);
  expect((await other('POST', path, body)).status).toBe(404);
  expect(await peerRow(id)).toEqual(before);
}

describe('Tailscale device routes', () => {
  it('lists advertised and enabled routes and enables advertised ones only', async () => {
    const p = await insertPeer(accountId, 'ts-router', { advertisedRoutes: '["10.0.1.0/24","192.168.0.0/16","0.0.0.0/0"]' });
    expect((await ts('GET', `/api/v2/device/${p.id}/routes`)).body).toEqual({ advertisedRoutes: ['10.0.1.0/24', '192.168.0.0/16', '0.0.0.0/0'], enabledRoutes: [] });
    const s = await serial();
    const r = await ts('POST', `/api/v2/device/${p.id}/routes`, { routes: ['10.0.1.0/24', '0.0.0.0/0'] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ advertisedRoutes: ['10.0.1.0/24', '192.168.0.0/16', '0.0.0.0/0'], enabledRoutes: ['10.0.1.0/24', '0.0.0.0/0'] });
    expect(await serial()).toBeGreaterThan(s);
    expect(await auditCodes(p.id)).toContainEqual({ activityCode: 'peer.routes.update', source: 'tailscale' });
    const before = await peerRow(p.id);
    const notAdvertised = await ts('POST', `/api/v2/device/${p.id}/routes`, { routes: ['10.9.0.0/16'] });
    expect(notAdvertised.status).toBe(400);
    expect(notAdvertised.body.message).toMatch(/not advertised/);
    expect((await ts('POST', `/api/v2/device/${p.id}/routes`, { routes: ['not-a-prefix'] })).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/routes`, { routes: '10.0.1.0/24' })).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/routes`, {})).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/routes`, '{bad json')).status).toBe(400);
    expect(await peerRow(p.id)).toEqual(before);
    await refusedToOthers(`/api/v2/device/${p.id}/routes`, { routes: [] });
    expect((await other('GET', `/api/v2/device/${p.id}/routes`)).status).toBe(404);
    // Disabling all of them.
    expect((await ts('POST', `/api/v2/device/${p.id}/routes`, { routes: [] })).body.enabledRoutes).toEqual([]);
  });
});

describe('Tailscale device authorization', () => {
  it('authorizes and deauthorizes (authorized ⇔ no approval required)', async () => {
    const p = await insertPeer(accountId, 'ts-authz', { approvalRequired: true });
    expect((await ts('GET', `/api/v2/device/${p.id}`)).body.authorized).toBe(false);
    expect((await ts('POST', `/api/v2/device/${p.id}/authorized`, { authorized: true })).status).toBe(200);
    expect((await peerRow(p.id)).approvalRequired).toBe(false);
    expect((await nb('GET', `/api/peers/${p.id}`)).body.approval_required).toBe(false);
    expect((await ts('POST', `/api/v2/device/${p.id}/authorized`, { authorized: false })).status).toBe(200);
    expect((await ts('GET', `/api/v2/device/${p.id}`)).body.authorized).toBe(false);
    expect((await auditCodes(p.id)).map((e) => e.activityCode)).toEqual(expect.arrayContaining(['peer.approve', 'peer.approval.revoke']));
    expect((await ts('POST', `/api/v2/device/${p.id}/authorized`, { authorized: 'yes' })).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/authorized`, {})).status).toBe(400);
    expect((await peerRow(p.id)).approvalRequired).toBe(true);
    await refusedToOthers(`/api/v2/device/${p.id}/authorized`, { authorized: true });
  });
});

describe('Tailscale device name', () => {
  it('renames a device (machine name or full name); NetBird shows the new name and DNS label', async () => {
    const p = await insertPeer(accountId, 'ts-old-name', { hostname: 'os-hostname' });
    const { dnsDomain } = await (await testDb()).account.findUniqueOrThrow({ where: { id: accountId } });
    expect((await ts('POST', `/api/v2/device/${p.id}/name`, { name: 'new-name' })).status).toBe(200);
    const seen = (await nb('GET', '/api/peers')).body.find((x: { id: string }) => x.id === p.id);
    expect(seen.name).toBe('new-name');
    expect(seen.dns_label).toBe(`new-name.${dnsDomain}`);
    expect((await ts('GET', `/api/v2/device/${p.id}`)).body).toMatchObject({ name: `new-name.${dnsDomain}`, hostname: 'os-hostname' });
    expect(await auditCodes(p.id)).toContainEqual({ activityCode: 'peer.rename', source: 'tailscale' });
    // The full MagicDNS name is accepted; an empty name goes back to the OS hostname.
    await ts('POST', `/api/v2/device/${p.id}/name`, { name: `fqdn-name.${dnsDomain}` });
    expect((await peerRow(p.id)).name).toBe('fqdn-name');
    await ts('POST', `/api/v2/device/${p.id}/name`, { name: '' });
    expect((await peerRow(p.id)).name).toBe('os-hostname');
    const before = await peerRow(p.id);
    expect((await ts('POST', `/api/v2/device/${p.id}/name`, { name: 'host.elsewhere.example' })).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/name`, { name: 42 })).status).toBe(400);
    expect(await peerRow(p.id)).toEqual(before);
    await refusedToOthers(`/api/v2/device/${p.id}/name`, { name: 'hijack' });
  });
});

describe('Tailscale device tags', () => {
  it('sets well-formed tags and refuses malformed ones', async () => {
    // Tags must be defined in the document's tagOwners (tests/api/engine-agent-map.test.ts).
    const doc = '{"tagOwners": {"tag:web": ["autogroup:admin"], "tag:db-1": ["autogroup:admin"]}, "acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]}';
    expect((await tailscaleAcl(adminToken)('POST', '/api/v2/tailnet/-/acl', { body: doc })).status).toBe(200);
    const p = await insertPeer(accountId, 'ts-tags');
    expect((await ts('POST', `/api/v2/device/${p.id}/tags`, { tags: ['tag:web', 'tag:db-1', 'tag:web'] })).status).toBe(200);
    expect((await ts('GET', `/api/v2/device/${p.id}`)).body.tags).toEqual(['tag:web', 'tag:db-1']);
    expect(await auditCodes(p.id)).toContainEqual({ activityCode: 'peer.tags.update', source: 'tailscale' });
    const before = await peerRow(p.id);
    for (const bad of [['web'], ['tag:1abc'], ['tag:with_underscore'], ['tag:']]) {
      const r = await ts('POST', `/api/v2/device/${p.id}/tags`, { tags: bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await ts('POST', `/api/v2/device/${p.id}/tags`, { tags: 'tag:web' })).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/tags`, { tags: [1] })).status).toBe(400);
    expect(await peerRow(p.id)).toEqual(before);
    await refusedToOthers(`/api/v2/device/${p.id}/tags`, { tags: [] });
  });
});

describe('Tailscale device key expiry', () => {
  it('disables and enables key expiry (keyExpiryDisabled ⇔ no login expiration)', async () => {
    const p = await insertPeer(accountId, 'ts-key', { userId: adminId, loginExpirationEnabled: true });
    expect((await ts('POST', `/api/v2/device/${p.id}/key`, { keyExpiryDisabled: true })).status).toBe(200);
    expect((await peerRow(p.id)).loginExpirationEnabled).toBe(false);
    const d = (await ts('GET', `/api/v2/device/${p.id}`)).body;
    expect(d).toMatchObject({ keyExpiryDisabled: true, expires: '0001-01-01T00:00:00Z' });
    expect((await nb('GET', `/api/peers/${p.id}`)).body.login_expiration_enabled).toBe(false);
    await ts('POST', `/api/v2/device/${p.id}/key`, { keyExpiryDisabled: false });
    const again = (await ts('GET', `/api/v2/device/${p.id}`)).body;
    expect(again.keyExpiryDisabled).toBe(false);
    expect(new Date(again.expires).getTime()).toBeGreaterThan(Date.now());
    expect((await auditCodes(p.id)).map((e) => e.activityCode)).toEqual(expect.arrayContaining(['peer.login.expiration.disable', 'peer.login.expiration.enable']));
    const before = await peerRow(p.id);
    expect((await ts('POST', `/api/v2/device/${p.id}/key`, { keyExpiryDisabled: 'true' })).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/key`, {})).status).toBe(400);
    expect(await peerRow(p.id)).toEqual(before);
    await refusedToOthers(`/api/v2/device/${p.id}/key`, { keyExpiryDisabled: true });
  });
});

describe('Tailscale device expire', () => {
  it('expires a user’s device: its agent is refused and the device shows the expiry', async () => {
    // A fresh account: the expiry settings are its defaults (on, 24 h), whatever other suites did.
    const acct = await newAccount();
    const [tsOwn, nbOwn] = [tailscale(acct.token), netbird(acct.token)];
    const key = (await nbOwn('POST', '/api/setup-keys', { name: 'ts-expire', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    const reg = await register(key, 'ts-expire-me');
    const id = reg.body.peer.id;
    await (await testDb()).peer.update({ where: { id }, data: { userId: acct.owner.id, loginExpirationEnabled: true } });
    expect((await sync(reg.body.peer_token)).status).toBe(200);
    expect((await tailscale((await newUser(acct.account.id, 'auditor')).token)('POST', `/api/v2/device/${id}/expire`)).status).toBe(403);
    expect((await ts('POST', `/api/v2/device/${id}/expire`)).status).toBe(404);
    expect((await sync(reg.body.peer_token)).status).toBe(200);
    expect((await tsOwn('POST', `/api/v2/device/${id}/expire`)).status).toBe(200);
    expect((await sync(reg.body.peer_token)).status).toBe(403);
    const d = (await tsOwn('GET', `/api/v2/device/${id}`)).body;
    expect(new Date(d.expires).getTime()).toBeLessThanOrEqual(Date.now());
    expect((await nbOwn('GET', `/api/peers/${id}`)).body.login_expired).toBe(true);
    expect(await auditCodes(id)).toContainEqual({ activityCode: 'peer.login.expire', source: 'tailscale' });
  });

  it('refuses to expire a device added with an auth key (its login never expires)', async () => {
    const p = await insertPeer(accountId, 'ts-keyed');
    const r = await ts('POST', `/api/v2/device/${p.id}/expire`);
    expect(r.status).toBe(400);
    expect(await peerRow(p.id)).toEqual(p);
    await refusedToOthers(`/api/v2/device/${p.id}/expire`, undefined);
  });
});

describe('Tailscale device IP', () => {
  it('sets the IPv4 address within the range, refuses others and taken ones', async () => {
    const p = await insertPeer(accountId, 'ts-ip');
    const holder = await insertPeer(accountId, 'ts-ip-holder');
    expect((await ts('POST', `/api/v2/device/${p.id}/ip`, { ipv4: '100.80.0.1' })).status).toBe(200);
    expect((await ts('GET', `/api/v2/device/${p.id}`)).body.addresses[0]).toBe('100.80.0.1');
    expect((await nb('GET', `/api/peers/${p.id}`)).body.ip).toBe('100.80.0.1');
    expect(await auditCodes(p.id)).toContainEqual({ activityCode: 'peer.ip.update', source: 'tailscale' });
    const before = await peerRow(p.id);
    expect((await ts('POST', `/api/v2/device/${p.id}/ip`, { ipv4: '10.0.0.1' })).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/ip`, { ipv4: 'not-an-ip' })).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/ip`, { ipv4: holder.ip })).status).toBe(409);
    expect((await ts('POST', `/api/v2/device/${p.id}/ip`, { ipv4: 100 })).status).toBe(400);
    expect((await ts('POST', `/api/v2/device/${p.id}/ip`, {})).status).toBe(400);
    expect(await peerRow(p.id)).toEqual(before);
    await refusedToOthers(`/api/v2/device/${p.id}/ip`, { ipv4: '100.80.0.2' });
  });
});
