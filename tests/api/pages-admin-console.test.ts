// The admin pages (DNS, Settings, ZeroTier) call the vendor APIs with the console's session cookie:
// every call they make works with the cookie and a same-origin Origin, answers in the vendor's
// documented shape, is audited as coming from the console, and is refused from another origin.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, testDb } from '../support/fixtures';
import { sendJson, type CallResult } from '../support/http';
import { netbird } from '../support/netbird-client';
import { cookieHeader, signIn } from '../support/session';
import { tailscaleApi, templateFor as tailscaleTemplate } from '../support/tailscale-client';
import { zerotierApi, ztTemplateFor } from '../support/zerotier-client';

let cookie: string;

beforeAll(async () => {
  const s = await signIn(inject('adminEmail'), inject('adminPassword'));
  expect(s.ok).toBe(true);
  cookie = cookieHeader(s.jar);
});

/** A cookie call like the console's, its 2xx answer checked against the given spec. */
async function consoleCall(spec: 'tailscale' | 'zerotier', method: string, path: string, body?: unknown, origin = baseUrl()): Promise<CallResult> {
  const r = await sendJson(method, path, { Cookie: cookie, Origin: origin }, body);
  if (r.status < 300) {
    const api = spec === 'tailscale' ? tailscaleApi() : zerotierApi();
    const template = spec === 'tailscale' ? tailscaleTemplate(path) : ztTemplateFor(path);
    if (template && (api.doc.paths as any)[template]?.[method.toLowerCase()]) api.check(template, method, r.status, r.body);
  }
  return r;
}

describe('admin pages over the console session', () => {
  it('DNS page: nameserver groups and DNS settings (NetBird), MagicDNS and search paths (Tailscale)', async () => {
    const nb = netbird({ cookie });
    const groups = (await nb('GET', '/api/groups')).body as { id: string; name: string }[];
    const all = groups.find((g) => g.name === 'All')!.id;
    const created = await nb('POST', '/api/dns/nameservers', { name: 'console ns', description: '', nameservers: [{ ip: '10.9.0.53', ns_type: 'udp', port: 53 }], enabled: true, groups: [all], primary: false, domains: ['corp.example'], search_domains_enabled: true });
    expect(created.status).toBe(200);
    const put = await nb('PUT', `/api/dns/nameservers/${created.body.id}`, { ...created.body, name: 'console ns 2', primary: true, domains: [], search_domains_enabled: false });
    expect(put.body).toMatchObject({ name: 'console ns 2', primary: true, domains: [] });
    expect((await nb('PUT', '/api/dns/settings', { disabled_management_groups: [] })).status).toBe(200);

    // From a known state: no nameservers (which also turns MagicDNS off).
    await consoleCall('tailscale', 'POST', '/api/v2/tailnet/-/dns/nameservers', { dns: [] });
    expect((await consoleCall('tailscale', 'POST', '/api/v2/tailnet/-/dns/nameservers', { dns: ['9.9.9.9'] })).body).toEqual({ dns: ['9.9.9.9'], magicDNS: false });
    expect((await consoleCall('tailscale', 'POST', '/api/v2/tailnet/-/dns/preferences', { magicDNS: true })).body).toEqual({ magicDNS: true });
    expect((await consoleCall('tailscale', 'POST', '/api/v2/tailnet/-/dns/searchpaths', { searchPaths: ['corp.example'] })).body).toEqual({ searchPaths: ['corp.example'] });
    expect((await consoleCall('tailscale', 'PATCH', '/api/v2/tailnet/-/dns/split-dns', { 'lab.example': ['10.1.0.53'] })).body).toEqual({ 'lab.example': ['10.1.0.53'] });
    expect((await consoleCall('tailscale', 'PATCH', '/api/v2/tailnet/-/dns/split-dns', { 'lab.example': null })).body).toEqual({});
    expect((await consoleCall('tailscale', 'GET', '/api/v2/tailnet/-/dns/preferences')).body).toEqual({ magicDNS: true });
    // Back to a new tailnet's settings, as later tests on this shared server expect.
    await consoleCall('tailscale', 'POST', '/api/v2/tailnet/-/dns/nameservers', { dns: [] });
    await consoleCall('tailscale', 'POST', '/api/v2/tailnet/-/dns/searchpaths', { searchPaths: [] });

    expect((await nb('DELETE', `/api/dns/nameservers/${created.body.id}`)).status).toBe(200);
    const db = await testDb();
    const events = await db.auditEvent.findMany({ where: { OR: [{ targetId: created.body.id }, { activityCode: { startsWith: 'tailnet.dns.' } }] } });
    expect(events.length).toBeGreaterThanOrEqual(8);
    expect(new Set(events.filter((e) => e.targetId === created.body.id).map((e) => e.source))).toEqual(new Set(['console']));
  });

  it('Settings page: reads the account and saves the whole settings object back', async () => {
    const nb = netbird({ cookie });
    const [account] = (await nb('GET', '/api/accounts')).body;
    const before = account.settings.peer_login_expiration;
    const saved = await nb('PUT', `/api/accounts/${account.id}`, { settings: { ...account.settings, peer_login_expiration: before + 3600 } });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.peer_login_expiration).toBe(before + 3600);
    // A refused value comes back with the message the page shows.
    const refused = await nb('PUT', `/api/accounts/${account.id}`, { settings: { ...account.settings, network_range: '8.8.0.0/16' } });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/must be inside 10\.0\.0\.0\/8/);
    expect((await nb('PUT', `/api/accounts/${account.id}`, { settings: account.settings })).body.settings.peer_login_expiration).toBe(before);
  });

  it('ZeroTier page: controller status, networks and members with the cookie', async () => {
    const status = await consoleCall('zerotier', 'GET', '/status');
    expect(status.status).toBe(200);
    const created = await consoleCall('zerotier', 'POST', `/controller/network/${status.body.address}______`, {
      name: 'console lab',
      private: true,
      routes: [{ target: '10.148.0.0/24', via: null }],
      ipAssignmentPools: [{ ipRangeStart: '10.148.0.1', ipRangeEnd: '10.148.0.254' }],
      v4AssignMode: { zt: true },
    });
    expect(created.status).toBe(200);
    const nwid = created.body.id as string;
    expect(nwid.startsWith(status.body.address)).toBe(true);
    const list = await consoleCall('zerotier', 'GET', '/unstable/controller/network');
    expect(list.body.data.map((n: { id: string }) => n.id)).toContain(nwid);
    const member = await consoleCall('zerotier', 'POST', `/controller/network/${nwid}/member/0a1b2c3d4e`, { name: 'console member', authorized: true });
    expect(member.body).toMatchObject({ authorized: true, name: 'console member' });
    expect(member.body.ipAssignments[0]).toMatch(/^10\.148\.0\./);
    const members = await consoleCall('zerotier', 'GET', `/unstable/controller/network/${nwid}/member`);
    expect(members.body.meta).toEqual({ totalCount: 1, authorizedCount: 1 });

    // Another origin cannot use the cookie to change anything.
    const db = await testDb();
    const revision = (await db.zeroTierNetwork.findFirstOrThrow({ where: { nwid } })).revision;
    expect((await consoleCall('zerotier', 'POST', `/controller/network/${nwid}`, { name: 'hijacked' }, 'https://evil.example')).status).toBe(403);
    expect((await consoleCall('zerotier', 'DELETE', `/controller/network/${nwid}`, undefined, 'https://evil.example')).status).toBe(403);
    expect((await db.zeroTierNetwork.findFirstOrThrow({ where: { nwid } })).revision).toBe(revision);

    expect((await consoleCall('zerotier', 'DELETE', `/controller/network/${nwid}/member/0a1b2c3d4e`)).status).toBe(200);
    expect((await consoleCall('zerotier', 'DELETE', `/controller/network/${nwid}`)).status).toBe(200);
    const audit = await db.auditEvent.findMany({ where: { activityCode: { startsWith: 'zerotier.network.' }, targetId: nwid } });
    expect(audit.map((e) => `${e.activityCode}:${e.source}`).sort()).toEqual(['zerotier.network.create:console', 'zerotier.network.delete:console']);
  });
});
