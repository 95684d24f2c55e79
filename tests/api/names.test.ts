// Names with control or bidirectional-override characters are refused by every API, each in its
// own error shape, and nothing is written (lib/domain/names.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { insertPeer, register } from '../support/peers';
import { tailscale } from '../support/tailscale-client';
import { zt } from '../support/zerotier-client';
import { createNetwork } from '../support/zerotier-helpers';

const BAD = ['evil\u202Etxt.exe', 'nul\u0000byte', 'bell\u0007', 'c1\u0085', 'iso\u2066late\u2069', 'mark\u200F', 'del\u007F'];

let acct: Awaited<ReturnType<typeof newAccount>>;
let nb: ReturnType<typeof netbird>;
let groupId = '';

beforeAll(async () => {
  acct = await newAccount();
  nb = netbird(acct.token);
  groupId = (await nb('POST', '/api/groups', { name: 'names-ok' })).body.id;
});

async function auditCount() {
  return (await testDb()).auditEvent.count({ where: { accountId: acct.account.id } });
}

describe('names with control or bidi characters', () => {
  const netbirdCreates: [string, string, (name: string) => unknown][] = [
    ['group', '/api/groups', (name) => ({ name })],
    ['setup key', '/api/setup-keys', (name) => ({ name, type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })],
    ['policy', '/api/policies', (name) => ({ name, enabled: true, rules: [{ name: 'r', enabled: true, action: 'accept', bidirectional: true, protocol: 'all', sources: [groupId], destinations: [groupId] }] })],
    ['policy rule', '/api/policies', (name) => ({ name: 'p-ok', enabled: true, rules: [{ name, enabled: true, action: 'accept', bidirectional: true, protocol: 'all', sources: [groupId], destinations: [groupId] }] })],
    ['network', '/api/networks', (name) => ({ name })],
    ['posture check', '/api/posture-checks', (name) => ({ name, description: '', checks: { nb_version_check: { min_version: '0.30.0' } } })],
    ['nameserver group', '/api/dns/nameservers', (name) => ({ name, description: '', nameservers: [{ ip: '1.1.1.1', ns_type: 'udp', port: 53 }], enabled: true, groups: [groupId], primary: true, domains: [], search_domains_enabled: false })],
    ['route', '/api/routes', (name) => ({ network_id: name, description: '', network: '10.9.0.0/24', metric: 9999, masquerade: false, enabled: true, keep_route: false, groups: [groupId], peer_groups: [groupId] })],
    ['service user', '/api/users', (name) => ({ name, role: 'user', auto_groups: [], is_service_user: true })],
    ['Ziti identity', '/api/console/ziti/identities', (name) => ({ name })],
  ];
  for (const [what, path, body] of netbirdCreates) {
    it(`NetBird: a ${what} is refused with 422 in NetBird's shape, nothing written`, async () => {
      const before = await auditCount();
      for (const name of BAD) {
        const r = await nb('POST', path, body(name));
        expect(r.status, `${what} ${JSON.stringify(name)}: ${JSON.stringify(r.body)}`).toBe(422);
        expect(r.body).toEqual({ message: expect.stringMatching(/control or bidirectional/), code: 422 });
      }
      expect(await auditCount()).toBe(before);
      // The same object with a plain name is accepted: the refusal was the name's.
      expect((await nb('POST', path, body(`plain ${what}`.replace(/ /g, '-')))).status).toBeLessThan(300);
    });
  }

  it('NetBird: renaming a peer is refused too', async () => {
    const peer = await insertPeer(acct.account.id, 'names-peer');
    const r = await nb('PUT', `/api/peers/${peer.id}`, { name: 'x\u202Ey', ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false });
    expect(r.status).toBe(422);
    expect((await (await testDb()).peer.findUniqueOrThrow({ where: { id: peer.id } })).name).toBe('names-peer');
  });

  it('Tailscale: renaming a device answers 400 {message}', async () => {
    const peer = await insertPeer(acct.account.id, 'names-device');
    const r = await tailscale(acct.token)('POST', `/api/v2/device/${peer.id}/name`, { name: 'dev\u202Eice' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: expect.stringMatching(/control or bidirectional/) });
    expect((await (await testDb()).peer.findUniqueOrThrow({ where: { id: peer.id } })).name).toBe('names-device');
  });

  it('ZeroTier: a network name answers 400 {message}, the network keeps its name', async () => {
    const call = zt(acct.token);
    const n = await createNetwork(call, { name: 'zt-ok' });
    for (const name of ['zt\u0000', 'zt\u2067x']) {
      const r = await call('POST', `/controller/network/${n.id}`, { name });
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/control or bidirectional/);
    }
    expect((await call('GET', `/controller/network/${n.id}`)).body.name).toBe('zt-ok');
  });

  it('agent registration: a hostname with a bidi override is refused', async () => {
    const key = (await nb('POST', '/api/setup-keys', { name: 'names-key', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    const r = await register(key, 'host\u202Emoc.exe');
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(await (await testDb()).peer.count({ where: { accountId: acct.account.id, hostname: { startsWith: 'host' } } })).toBe(0);
  });

  it('ordinary Unicode names are fine', async () => {
    for (const name of ['Büro Zürich', '東京オフィス', 'שלום', 'café ☕']) expect((await nb('POST', '/api/groups', { name })).status).toBe(200);
  });
});
