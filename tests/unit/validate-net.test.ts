// Address, prefix and domain rules of routes, network resources and nameservers.
import { describe, expect, it } from 'vitest';
import { classifyResourceAddress, formatIpv6, ipFamily, ipv6Words, normalizeDomain, parsePrefix } from '@/lib/domain/validate-net';

describe('IPv6 parsing', () => {
  it('expands and formats addresses canonically', () => {
    expect(ipv6Words('fd00::1')).toEqual([0xfd00, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Words('::ffff:192.0.2.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
    expect(ipv6Words('::1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0, 0x0102, 0x0304]);
    expect(ipv6Words('1:2:3:4:5:6:1.2.3.4')).toEqual([1, 2, 3, 4, 5, 6, 0x0102, 0x0304]);
    expect(ipv6Words('fe80::1%eth0')).toBeNull();
    expect(ipv6Words('1:2:3')).toBeNull();
    expect(ipv6Words('::ffff:300.1.1.1')).toBeNull();
    expect(formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
    expect(formatIpv6([1, 0, 2, 3, 4, 5, 6, 7])).toBe('1:0:2:3:4:5:6:7');
  });

  it('tells the family of an address', () => {
    expect(ipFamily('10.0.0.1')).toBe('IPv4');
    expect(ipFamily('2001:DB8::1')).toBe('IPv6');
    expect(ipFamily('10.0.0.256')).toBeNull();
    expect(ipFamily('010.0.0.1')).toBeNull();
    expect(ipFamily('example.com')).toBeNull();
  });
});

describe('prefixes', () => {
  it('parses and masks IPv4 and IPv6 prefixes', () => {
    expect(parsePrefix('10.64.1.7/24')).toMatchObject({ family: 'IPv4', bits: 24, masked: '10.64.1.0/24' });
    expect(parsePrefix('0.0.0.0/0')).toMatchObject({ family: 'IPv4', masked: '0.0.0.0/0' });
    expect(parsePrefix('2001:db8:abcd:12::1/48')).toMatchObject({ family: 'IPv6', bits: 48, masked: '2001:db8:abcd::/48' });
    expect(parsePrefix('fd00::/7')).toMatchObject({ masked: 'fc00::/7' });
    expect(parsePrefix('::/0')).toMatchObject({ masked: '::/0' });
  });

  it('refuses anything that is not a prefix', () => {
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/24/1', 'fd00::/129', 'x/24', '10.0.0/24', '']) {
      expect(parsePrefix(bad), bad).toBeNull();
    }
  });
});

describe('domains', () => {
  it('accepts names, wildcards where allowed and unicode names', () => {
    expect(normalizeDomain('Example.COM.')).toBe('example.com');
    expect(normalizeDomain('_sip._tcp.example.com')).toBe('_sip._tcp.example.com');
    expect(normalizeDomain('xn--mnchen-3ya.de')).toBe('xn--mnchen-3ya.de');
    expect(normalizeDomain('münchen.de')).toBe('münchen.de');
    expect(normalizeDomain('*.example.com', { wildcard: true })).toBe('*.example.com');
    expect(normalizeDomain('intranet')).toBe('intranet');
  });

  it('refuses malformed names', () => {
    for (const bad of ['*.example.com', 'exa mple.com', '-bad.com', 'bad-.com', 'a..b', '', '.', `${'a'.repeat(64)}.com`, `${'abcdefgh.'.repeat(29)}com`, 'http://x.com', '10.0.0.256', '1.1.1.1']) {
      expect(normalizeDomain(bad), bad).toBeNull();
    }
    expect(normalizeDomain('*.*.example.com', { wildcard: true })).toBeNull();
  });
});

describe('network resource addresses', () => {
  it('derives host, subnet or domain from the address', () => {
    expect(classifyResourceAddress('1.1.1.1')).toEqual({ type: 'host', address: '1.1.1.1', family: 'IPv4' });
    expect(classifyResourceAddress('1.1.1.1/32')).toEqual({ type: 'host', address: '1.1.1.1/32', family: 'IPv4' });
    expect(classifyResourceAddress('2001:db8::5')).toEqual({ type: 'host', address: '2001:db8::5', family: 'IPv6' });
    expect(classifyResourceAddress('2001:db8::5/128')).toMatchObject({ type: 'host' });
    expect(classifyResourceAddress(' 192.168.178.0/24 ')).toEqual({ type: 'subnet', address: '192.168.178.0/24', family: 'IPv4' });
    expect(classifyResourceAddress('*.Example.com')).toEqual({ type: 'domain', address: '*.example.com' });
    expect(classifyResourceAddress('not a host')).toBeNull();
    expect(classifyResourceAddress('10.0.0.0/40')).toBeNull();
  });
});
