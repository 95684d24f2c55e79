// Tailscale API v2 DNS: nameservers, preferences (MagicDNS), search paths and split DNS, on the
// modern and the legacy paths. Each test runs on a fresh account, so the settings start empty.
import { describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { tailscale } from '../support/tailscale-client';
import { auditCodes, tailscaleAuditCodes } from '../support/tailscale-helpers';

async function tailnet() {
  const a = await newAccount();
  const db = await testDb();
  return {
    ...a,
    ts: tailscale(a.token),
    row: () => db.tailnetDns.findUnique({ where: { accountId: a.account.id } }),
    serial: async () => (await db.account.findUniqueOrThrow({ where: { id: a.account.id } })).networkSerial,
  };
}

describe('Tailscale DNS nameservers and MagicDNS', () => {
  it('starts empty, needs a nameserver for MagicDNS, and turns MagicDNS off with the last nameserver', async () => {
    const t = await tailnet();
    expect((await t.ts('GET', '/api/v2/tailnet/-/dns/nameservers')).body).toEqual({ dns: [] });
    expect((await t.ts('GET', '/api/v2/tailnet/-/dns/preferences')).body).toEqual({ magicDNS: false });
    const refused = await t.ts('POST', '/api/v2/tailnet/-/dns/preferences', { magicDNS: true });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: 'need at least one nameserver to enable MagicDNS' });
    expect(await t.row()).toBeNull();

    const s = await t.serial();
    const set = await t.ts('POST', '/api/v2/tailnet/-/dns/nameservers', { dns: ['8.8.8.8', '2001:4860:4860::8888', '8.8.8.8'] });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ dns: ['8.8.8.8', '2001:4860:4860::8888'], magicDNS: false });
    expect(await t.serial()).toBeGreaterThan(s);
    expect((await t.ts('POST', `/api/v2/tailnet/${t.account.domain}/dns/preferences`, { magicDNS: true })).body).toEqual({ magicDNS: true });
    expect((await t.ts('GET', '/api/v2/tailnet/-/dns/nameservers')).body).toEqual({ dns: ['8.8.8.8', '2001:4860:4860::8888'] });
    const cleared = await t.ts('POST', '/api/v2/tailnet/-/dns/nameservers', { dns: [] });
    expect(cleared.body).toEqual({ dns: [], magicDNS: false });
    expect((await t.ts('GET', '/api/v2/tailnet/-/dns/preferences')).body).toEqual({ magicDNS: false });
    const codes = await tailscaleAuditCodes(t.account.id);
    expect(codes).toEqual(['tailnet.dns.nameservers.update', 'tailnet.dns.preferences.update', 'tailnet.dns.nameservers.update']);
  });

  it('answers on the legacy /domain/{domain} paths too', async () => {
    const t = await tailnet();
    const base = `/api/v2/domain/${t.account.domain}/dns`;
    expect((await t.ts('POST', `${base}/nameservers`, { dns: ['1.1.1.1'] })).body).toEqual({ dns: ['1.1.1.1'], magicDNS: false });
    expect((await t.ts('POST', `${base}/preferences`, { magicDNS: true })).body).toEqual({ magicDNS: true });
    expect((await t.ts('POST', `${base}/searchpaths`, { searchPaths: ['corp.example'] })).body).toEqual({ searchPaths: ['corp.example'] });
    expect((await t.ts('GET', `${base}/nameservers`)).body).toEqual({ dns: ['1.1.1.1'] });
    expect((await t.ts('GET', `${base}/preferences`)).body).toEqual({ magicDNS: true });
    expect((await t.ts('GET', `${base}/searchpaths`)).body).toEqual({ searchPaths: ['corp.example'] });
  });

  it('refuses bad input (400) and changes nothing', async () => {
    const t = await tailnet();
    await t.ts('POST', '/api/v2/tailnet/-/dns/nameservers', { dns: ['9.9.9.9'] });
    const before = await t.row();
    const bad: [string, unknown][] = [
      ['nameservers', { dns: ['not-an-ip'] }],
      ['nameservers', { dns: '9.9.9.9' }],
      ['nameservers', {}],
      ['preferences', { magicDNS: 'on' }],
      ['preferences', {}],
      ['searchpaths', { searchPaths: ['bad domain!'] }],
      ['searchpaths', { searchPaths: [1] }],
      ['nameservers', '{"dns": ['],
    ];
    for (const [what, body] of bad) expect((await t.ts('POST', `/api/v2/tailnet/-/dns/${what}`, body)).status, `${what} ${JSON.stringify(body)}`).toBe(400);
    expect(await t.row()).toEqual(before);
  });
});

describe('Tailscale DNS search paths and split DNS', () => {
  it('replaces search paths', async () => {
    const t = await tailnet();
    expect((await t.ts('GET', '/api/v2/tailnet/-/dns/searchpaths')).body).toEqual({ searchPaths: [] });
    const r = await t.ts('POST', '/api/v2/tailnet/-/dns/searchpaths', { searchPaths: ['User1.Example.com', 'user2.example.com.'] });
    expect(r.body).toEqual({ searchPaths: ['user1.example.com', 'user2.example.com'] });
    expect((await t.ts('GET', '/api/v2/tailnet/-/dns/searchpaths')).body).toEqual({ searchPaths: ['user1.example.com', 'user2.example.com'] });
    expect(await tailscaleAuditCodes(t.account.id)).toEqual(['tailnet.dns.searchpaths.update']);
  });

  it('sets split DNS with PUT, updates it with PATCH (null clears a domain), and clears it with an empty PUT', async () => {
    const t = await tailnet();
    const path = '/api/v2/tailnet/-/dns/split-dns';
    expect((await t.ts('GET', path)).body).toEqual({});
    expect((await t.ts('PUT', path, { 'example.com': ['1.1.1.1', '1.2.3.4'], 'other.com': ['2.2.2.2'] })).body).toEqual({ 'example.com': ['1.1.1.1', '1.2.3.4'], 'other.com': ['2.2.2.2'] });
    const patched = await t.ts('PATCH', path, { 'example.com': null, 'third.com': ['3.3.3.3'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ 'other.com': ['2.2.2.2'], 'third.com': ['3.3.3.3'] });
    expect((await t.ts('GET', path)).body).toEqual({ 'other.com': ['2.2.2.2'], 'third.com': ['3.3.3.3'] });
    expect((await t.ts('PUT', path, { 'only.com': ['4.4.4.4'], 'gone.com': null })).body).toEqual({ 'only.com': ['4.4.4.4'] });
    const before = await t.row();
    for (const body of [{ 'x.com': ['nope'] }, { 'bad domain!': ['1.1.1.1'] }, { 'x.com': '1.1.1.1' }, { 'x.com': [1] }, ['1.1.1.1']]) {
      expect((await t.ts('PATCH', path, body)).status, JSON.stringify(body)).toBe(400);
      expect((await t.ts('PUT', path, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await t.row()).toEqual(before);
    expect((await t.ts('PUT', path, {})).body).toEqual({});
    expect((await auditCodes(t.account.id)).filter((e) => e.activityCode === 'tailnet.dns.splitdns.update' && e.source === 'tailscale')).toHaveLength(4);
  });
});

describe('Tailscale DNS permissions and tenancy', () => {
  it('lets auditors read but not write, regular users neither, and hides other tailnets (404)', async () => {
    const t = await tailnet();
    await t.ts('POST', '/api/v2/tailnet/-/dns/nameservers', { dns: ['9.9.9.9'] });
    const before = await t.row();
    const auditor = tailscale((await newUser(t.account.id, 'auditor')).token);
    const user = tailscale((await newUser(t.account.id, 'user')).token);
    const stranger = tailscale((await newAccount()).token);
    const writes: [string, string, unknown][] = [
      ['POST', 'nameservers', { dns: [] }],
      ['POST', 'preferences', { magicDNS: true }],
      ['POST', 'searchpaths', { searchPaths: ['a.example'] }],
      ['PUT', 'split-dns', { 'a.example': ['1.1.1.1'] }],
      ['PATCH', 'split-dns', { 'a.example': ['1.1.1.1'] }],
    ];
    for (const what of ['nameservers', 'preferences', 'searchpaths', 'split-dns']) {
      expect((await auditor('GET', `/api/v2/tailnet/-/dns/${what}`)).status, what).toBe(200);
      expect((await user('GET', `/api/v2/tailnet/-/dns/${what}`)).status, what).toBe(403);
      expect((await stranger('GET', `/api/v2/tailnet/${t.account.domain}/dns/${what}`)).status, what).toBe(404);
    }
    for (const [method, what, body] of writes) {
      expect((await auditor(method, `/api/v2/tailnet/-/dns/${what}`, body)).status, `${method} ${what}`).toBe(403);
      expect((await user(method, `/api/v2/tailnet/-/dns/${what}`, body)).status, `${method} ${what}`).toBe(403);
      expect((await stranger(method, `/api/v2/tailnet/${t.account.domain}/dns/${what}`, body)).status, `${method} ${what}`).toBe(404);
    }
    expect((await stranger('GET', `/api/v2/domain/${t.account.domain}/dns/nameservers`)).status).toBe(404);
    expect(await t.row()).toEqual(before);
  });
});
