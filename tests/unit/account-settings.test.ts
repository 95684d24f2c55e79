// Account settings: the normal forms of network ranges and DNS domains, and reading settings with
// defaults from rows that hold partial or broken JSON.
import { describe, expect, it } from 'vitest';
import type { Account } from '@/lib/db/models';
import { normalizeDnsDomain, normalizeNetworkRange, normalizeNetworkRangeV6, newIpv6Addresses } from '@/lib/domain/accounts/network-range';
import { accountOnboarding, accountSettings } from '@/lib/domain/accounts/settings';
import { ValidationError } from '@/lib/domain/errors';
import { displayEmail, serviceUserPlaceholderEmail } from '@/lib/domain/users/users';

describe('network_range', () => {
  it.each([
    ['100.64.0.0/10', '100.64.0.0/10'],
    ['10.20.0.9/16', '10.20.0.0/16'],
    [' 192.168.1.0/24 ', '192.168.1.0/24'],
    ['172.31.255.0/30', '172.31.255.0/30'],
    ['10.0.0.0/8', '10.0.0.0/8'],
  ])('accepts %s as %s', (input, out) => expect(normalizeNetworkRange(input)).toBe(out));

  it.each(['8.8.8.0/24', '172.0.0.0/8', '100.0.0.0/8', '10.0.0.0/31', '10.0.0.1/32', '0.0.0.0/0', '10.0.0.0', '10.0.0.256/24', '10.0.0.0/24/1', 'fd00::/48', ''])(
    'refuses %j',
    (input) => expect(() => normalizeNetworkRange(input)).toThrow(ValidationError),
  );
});

describe('network_range_v6', () => {
  it.each([
    ['fd7a:115c:a1e0::/48', 'fd7a:115c:a1e0::/48'],
    ['FD12:3456:789A:1::/48', 'fd12:3456:789a::/48'],
    ['fd00:0:5::/48', 'fd00:0:5::/48'],
    ['fd12:3456:78ff::/40', 'fd12:3456:7800::/40'],
    ['fc00::/7', 'fc00:0:0::/7'],
  ])('accepts %s as %s', (input, out) => expect(normalizeNetworkRangeV6(input)).toBe(out));

  it.each(['2001:db8::/48', 'fd00::/64', 'fd00::/6', 'fd00::zz/48', 'fd00::', '10.0.0.0/8', 'fd00::/48/1', '::ffff:10.0.0.1/48'])('refuses %j', (input) =>
    expect(() => normalizeNetworkRangeV6(input)).toThrow(ValidationError),
  );

  it('gives distinct addresses inside the range', () => {
    const ips = newIpv6Addresses('fd12:3456:789a::/48', 50);
    expect(new Set(ips).size).toBe(50);
    for (const ip of ips) expect(ip).toMatch(/^fd12:3456:789a(:[0-9a-f]{1,4}){5}$/);
  });
});

describe('dns_domain', () => {
  it.each([
    ['corp.example', 'corp.example'],
    ['Corp.Example.', 'corp.example'],
    ['netbird', 'netbird'],
    ['a-b.c1.internal', 'a-b.c1.internal'],
  ])('accepts %s as %s', (input, out) => expect(normalizeDnsDomain(input)).toBe(out));

  it.each(['', 'bad_domain.example', '-x.example', 'x-.example', 'a..b', `${'a'.repeat(64)}.example`, 'host.123', 'spa ce.example'])('refuses %j', (input) =>
    expect(() => normalizeDnsDomain(input)).toThrow(ValidationError),
  );
});

describe('reading settings', () => {
  const row = (settingsJson: string) =>
    ({
      id: 'acc', peerLoginExpirationEnabled: true, peerLoginExpiration: 86400, peerInactivityExpirationEnabled: false, peerInactivityExpiration: 600,
      regularUsersViewBlocked: true, dnsDomain: 'meshdeck.internal', networkRange: '100.64.0.0/10', networkRangeV6: 'fd7a:115c:a1e0::/48', settingsJson,
    }) as Account;

  it('fills in defaults, including the All group for IPv6, and ignores values of the wrong type', () => {
    const s = accountSettings(row(JSON.stringify({ jwt_groups_enabled: 'yes', lazy_connection_enabled: true, extra: { peer_approval_enabled: true, network_traffic_logs_groups: 'x' } })), 'all-id');
    expect(s).toMatchObject({
      jwt_groups_enabled: false,
      lazy_connection_enabled: true,
      groups_propagation_enabled: true,
      ipv6_enabled_groups: ['all-id'],
      extra: { peer_approval_enabled: true, network_traffic_logs_groups: [], user_approval_required: false },
    });
    expect(accountSettings(row('not json'), 'all-id').extra.peer_approval_enabled).toBe(false);
    expect(accountSettings(row(JSON.stringify({ ipv6_enabled_groups: [] })), 'all-id').ipv6_enabled_groups).toEqual([]);
    expect(accountOnboarding(row(JSON.stringify({ onboarding: { signup_form_pending: true } })))).toEqual({ signup_form_pending: true, onboarding_flow_pending: false });
  });
});

describe('service user emails', () => {
  it('shows the placeholder of a service user as empty, and real addresses as they are', () => {
    const placeholder = serviceUserPlaceholderEmail('abc');
    expect(displayEmail({ email: placeholder, isServiceUser: true })).toBe('');
    expect(displayEmail({ email: 'bot@corp.example', isServiceUser: true })).toBe('bot@corp.example');
    expect(displayEmail({ email: placeholder, isServiceUser: false })).toBe(placeholder);
  });
});
