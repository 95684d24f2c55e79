// The checks console forms run before sending (DNS, Settings, ZeroTier) and the request bodies
// they build from a form's values.
import { describe, expect, it } from 'vitest';
import { draftProblem } from '@/components/dns/NameserverGroupForm';
import { EMPTY_GROUP } from '@/components/dns/types';
import { ipv4HostRange, ipv4Network, isDomain, isIp, isIpv4Cidr } from '@/components/forms/formChecks';
import { draftOf, settingsFrom, settingsProblem } from '@/components/settings/settingsDraft';
import type { AccountSettingsView } from '@/components/settings/types';
import { networkBody, networkProblem } from '@/components/zerotier/networkBody';

describe('address and name checks', () => {
  it.each(['1.1.1.1', '10.0.0.53', '::1', '2001:db8::53', '::ffff:10.0.0.1', ' 9.9.9.9 '])('%j is an IP address', (ip) => expect(isIp(ip)).toBe(true));
  it.each(['', '1.1.1', '256.1.1.1', '01.1.1.1', '1.1.1.1.1', 'dns.google', '2001:db8::g', '[::1]', '1.1.1.1/32', 'fe80::1%eth0'])('%j is not', (ip) => expect(isIp(ip)).toBe(false));

  it('knows domains, with or without a single label', () => {
    expect(isDomain('corp.example')).toBe(true);
    expect(isDomain('Corp.Example.')).toBe(true);
    expect(isDomain('corp')).toBe(false);
    expect(isDomain('corp', { single: true })).toBe(true);
    for (const bad of ['', 'a..b', '-x.example', 'x_.example', 'spa ce.example', `${'a'.repeat(64)}.example`]) expect(isDomain(bad, { single: true })).toBe(false);
  });

  it('turns an IPv4 CIDR into its usable host range and network', () => {
    expect(isIpv4Cidr('10.147.17.0/24')).toBe(true);
    expect(isIpv4Cidr('10.147.17.0/33')).toBe(false);
    expect(isIpv4Cidr('10.147.17.0')).toBe(false);
    expect(ipv4HostRange('10.147.17.0/24')).toEqual({ start: '10.147.17.1', end: '10.147.17.254' });
    expect(ipv4HostRange('10.147.17.77/30')).toEqual({ start: '10.147.17.77', end: '10.147.17.78' });
    expect(ipv4HostRange('172.16.0.0/12')).toEqual({ start: '172.16.0.1', end: '172.31.255.254' });
    expect(ipv4HostRange('10.0.0.0/31')).toBeNull();
    expect(ipv4Network('192.168.5.9/24')).toBe('192.168.5.0/24');
  });
});

describe('nameserver group form', () => {
  const ok = { ...EMPTY_GROUP, name: 'Office', nameservers: [{ ip: '10.0.0.53', ns_type: 'udp', port: 53 }], groups: ['g1'] };
  it('accepts a complete primary group', () => expect(draftProblem(ok)).toBeNull());
  it.each([
    [{ name: ' ' }, 'Give the nameserver group a name.'],
    [{ name: 'x'.repeat(41) }, 'The name can be at most 40 characters.'],
    [{ nameservers: [] }, 'Add at least one nameserver.'],
    [{ nameservers: [{ ip: '10.0.0.300', ns_type: 'udp', port: 53 }] }, '"10.0.0.300" is not an IP address.'],
    [{ nameservers: [{ ip: '10.0.0.1', ns_type: 'udp', port: 0 }] }, 'Ports are between 1 and 65535.'],
    [{ groups: [] }, 'Choose at least one group whose peers use these nameservers.'],
    [{ primary: false, domains: [] }, 'Add a match domain, or let these nameservers resolve all domains.'],
  ])('refuses %j', (patch, message) => expect(draftProblem({ ...ok, ...patch })).toBe(message));
});

describe('account settings form', () => {
  const current = {
    peer_login_expiration_enabled: true,
    peer_login_expiration: 86400,
    peer_inactivity_expiration_enabled: false,
    peer_inactivity_expiration: 600,
    regular_users_view_blocked: true,
    groups_propagation_enabled: true,
    routing_peer_dns_resolution_enabled: true,
    lazy_connection_enabled: false,
    dns_domain: 'meshdeck.internal',
    network_range: '100.64.0.0/10',
    auto_update_version: 'disabled',
    peer_expose_groups: ['g'],
    extra: { peer_approval_enabled: false, user_approval_required: false, network_traffic_logs_groups: [] },
  } as AccountSettingsView;

  it('shows seconds as hours and minutes and sends everything else back unchanged', () => {
    const d = draftOf(current);
    expect(d.loginExpiryHours).toBe(24);
    expect(d.inactivityExpiryMinutes).toBe(10);
    const next = settingsFrom(current, { ...d, loginExpiryHours: 48, peerApproval: true, dnsDomain: ' corp.example ', autoUpdateVersion: '' });
    expect(next.peer_login_expiration).toBe(172800);
    expect(next.extra).toEqual({ ...current.extra, peer_approval_enabled: true });
    expect(next.dns_domain).toBe('corp.example');
    expect(next.auto_update_version).toBe('disabled');
    expect(next.peer_expose_groups).toEqual(['g']);
    expect(settingsFrom(current, d)).toEqual(current);
  });

  it('checks values before sending', () => {
    const d = draftOf(current);
    expect(settingsProblem(d)).toBeNull();
    expect(settingsProblem({ ...d, loginExpiryHours: 0 })).toMatch(/between 1 and 4320 hours/);
    expect(settingsProblem({ ...d, inactivityExpiryMinutes: 5 })).toMatch(/between 10 and/);
    expect(settingsProblem({ ...d, dnsDomain: 'bad_domain' })).toMatch(/not a domain name/);
    expect(settingsProblem({ ...d, networkRange: '10.0.0.0' })).toMatch(/not an IPv4 network/);
    expect(settingsProblem({ ...d, autoUpdateVersion: 'soon' })).toMatch(/latest/);
    expect(settingsProblem({ ...d, autoUpdateVersion: 'v0.50.1' })).toBeNull();
  });
});

describe('ZeroTier network form', () => {
  it('needs a name and a usable range', () => {
    expect(networkProblem({ name: '', private: true, cidr: '' })).toBe('Give the network a name.');
    expect(networkProblem({ name: 'lab', private: true, cidr: '10.1.2.0/31' })).toMatch(/not an IPv4 network/);
    expect(networkProblem({ name: 'lab', private: true, cidr: '' })).toBeNull();
  });

  it('turns the range into a route and an assignment pool, and leaves an unchanged range alone', () => {
    expect(networkBody({ name: ' lab ', private: false, cidr: '10.147.17.9/24' })).toEqual({
      name: 'lab',
      private: false,
      routes: [{ target: '10.147.17.0/24', via: null }],
      ipAssignmentPools: [{ ipRangeStart: '10.147.17.1', ipRangeEnd: '10.147.17.254' }],
      v4AssignMode: { zt: true },
    });
    expect(networkBody({ name: 'lab', private: true, cidr: '10.147.17.0/24' }, '10.147.17.0/24')).toEqual({ name: 'lab', private: true });
    expect(networkBody({ name: 'lab', private: true, cidr: '' }, '10.147.17.0/24')).toEqual({ name: 'lab', private: true, routes: [], ipAssignmentPools: [] });
  });
});
