// ZeroTier pieces without a server: the node identity, pool address picking, MAC derivation,
// statistics helpers and thresholds, path patterns, and the strict reading of ZeroTier's spec that
// the API tests validate against (it must reject wrong shapes).
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { controllerNetworkTarget, deviceName, ipAddress, moonId, mtu, networkId, nodeAddress } from '@/lib/dialects/zerotier/params';
import { ztMac } from '@/lib/dialects/zerotier/service';
import { generateIdentity, publicPart } from '@/lib/domain/zerotier/identity';
import { hasManagedIpv4, pickPoolAddress } from '@/lib/domain/zerotier/ip-assign';
import { networkData } from '@/lib/domain/zerotier/network-input';
import { securityLevel, splitHostPort } from '@/lib/domain/zerotier/stats';
import { zerotierApi } from '../support/zerotier-client';

describe('ZeroTier node identity', () => {
  it('is address:0:public:private with matching Ed25519 keys and an address hashed from the public keys', () => {
    const secret = generateIdentity();
    const [address, type, pub, priv] = secret.split(':');
    expect(address).toMatch(/^[0-9a-f]{10}$/);
    expect(address.startsWith('ff')).toBe(false);
    expect(type).toBe('0');
    expect(pub).toMatch(/^[0-9a-f]{128}$/);
    expect(priv).toMatch(/^[0-9a-f]{128}$/);
    expect(createHash('sha512').update(Buffer.from(pub, 'hex')).digest().subarray(0, 5).toString('hex')).toBe(address);
    const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64(priv.slice(64)), x: b64(pub.slice(64)) }, format: 'jwk' });
    const signature = sign(null, Buffer.from('hello'), key);
    expect(verify(null, Buffer.from('hello'), createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64(pub.slice(64)) }, format: 'jwk' }), signature)).toBe(true);
    expect(publicPart(secret)).toEqual({ address, publicIdentity: `${address}:0:${pub}` });
    expect(generateIdentity()).not.toBe(secret);
  });
});

describe('ZeroTier pool assignment', () => {
  const routes = [{ target: '10.1.0.0/24', via: null }];
  const pools = [{ ipRangeStart: '10.1.0.1', ipRangeEnd: '10.1.0.254' }];
  it('starts at the node address modulo the pool size and skips used and .255 addresses', () => {
    const node = '00000000c8'; // 200 → 10.1.0.1 + 200 % 253
    expect(pickPoolAddress(node, pools, routes, new Set())).toBe('10.1.0.201');
    expect(pickPoolAddress(node, pools, routes, new Set(['10.1.0.201']))).toBe('10.1.0.202');
    expect(pickPoolAddress('00000000fd', pools, routes, new Set())).toBe('10.1.0.1'); // 253 % 253 = 0
    const wide = [{ ipRangeStart: '10.2.0.250', ipRangeEnd: '10.2.1.10' }];
    expect(pickPoolAddress('0000000005', wide, [{ target: '10.2.0.0/16' }], new Set())).toBe('10.2.1.0'); // skips 10.2.0.255
  });
  it('assigns only routed addresses, and recognises a managed address', () => {
    expect(pickPoolAddress('00000000c8', pools, [], new Set())).toBeNull();
    expect(pickPoolAddress('00000000c8', pools, [{ target: '10.9.0.0/24' }], new Set())).toBeNull();
    const full = new Set(Array.from({ length: 254 }, (_, i) => `10.1.0.${i + 1}`));
    expect(pickPoolAddress('00000000c8', pools, routes, full)).toBeNull();
    expect(hasManagedIpv4(['10.1.0.7'], routes)).toBe(true);
    expect(hasManagedIpv4(['192.168.1.1', 'fd00::1'], routes)).toBe(false);
  });
});

describe('ZeroTier wire details', () => {
  it('derives the interface MAC from node address and network id', () => {
    const mac = ztMac('89e92ceee5', '8056c2e21c000001');
    expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(parseInt(mac.slice(0, 2), 16)).toBe((0x01 & 0xfe) | 0x02);
    // Undoing the XOR with the network id's bytes gives the node address back.
    const bytes = mac.split(':').map((h) => parseInt(h, 16));
    // MAC bytes 1..5 are XORed with the id's bits 8-15, 16-23, 24-31, 32-39 and 40-47.
    const nw = [0x00, 0x00, 0x1c, 0xe2, 0xc2];
    const addr = bytes.slice(1).map((b, i) => b ^ nw[i]).map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(addr).toBe('89e92ceee5');
    expect(ztMac('0000000001', '0000000000000052').slice(0, 2)).toBe('32'); // 0x52 is avoided (KVM)
  });

  it('checks path parameters with ZeroTier’s patterns', () => {
    expect(nodeAddress('ABCDEF0123')).toBe('abcdef0123');
    expect(() => nodeAddress('abcdef012')).toThrow(/invalid node address/);
    expect(networkId('8056C2E21C000001')).toBe('8056c2e21c000001');
    expect(() => networkId('8056c2e21c00000g')).toThrow();
    expect(controllerNetworkTarget('8056c2e21c______')).toEqual({ kind: 'random', controller: '8056c2e21c' });
    expect(controllerNetworkTarget('8056c2e21c000001')).toEqual({ kind: 'id', nwid: '8056c2e21c000001' });
    expect(() => controllerNetworkTarget('8056c2e21______')).toThrow();
    expect(moonId('000000deadbeef01')).toBe('deadbeef01');
    expect(() => moonId('100000deadbeef01')).toThrow();
    expect(mtu('1400')).toBe(1400);
    expect(() => mtu('1234567')).toThrow();
    expect(deviceName('eth_0')).toBe('eth_0');
    expect(() => deviceName('eth0.100')).toThrow();
    expect(ipAddress('FD00::1')).toBe('fd00::1');
    expect(() => ipAddress('10.0.0.1/24')).toThrow();
  });

  it('checks network values: MTU range, routes, pools, rules', () => {
    expect(networkData({ mtu: 1280, v4AssignMode: 'zt', v6AssignMode: 'rfc4193,6plane' })).toEqual({ mtu: 1280, v4AssignMode: '{"zt":true}', v6AssignMode: '{"rfc4193":true,"zt":false,"6plane":true}' });
    expect(() => networkData({ mtu: 1279 })).toThrow(/mtu/);
    expect(() => networkData({ routes: [{ target: '10.0.0.1' }] })).toThrow(/routes\[0\]\.target/);
    expect(() => networkData({ ipAssignmentPools: [{ ipRangeStart: 'fd00::9', ipRangeEnd: 'fd00::1' }] })).toThrow(/after/);
    expect(() => networkData({ rules: Array.from({ length: 1025 }, () => ({ type: 'ACTION_ACCEPT' })) })).toThrow(/1024/);
  });

  it('splits flow addresses and grades divergence at 5 and 20', () => {
    expect(splitHostPort('10.0.0.1:443')).toEqual({ host: '10.0.0.1', port: '443' });
    expect(splitHostPort('[fd00::1]:53')).toEqual({ host: 'fd00::1', port: '53' });
    expect(splitHostPort('fd00::1')).toEqual({ host: 'fd00::1', port: '' });
    expect(securityLevel(0, 100)).toBe('OK');
    expect(securityLevel(3, 1)).toBe('SUSPECT');
    expect(securityLevel(3, 4.99)).toBe('MINOR');
    expect(securityLevel(3, 5)).toBe('WARNING');
    expect(securityLevel(3, 19.99)).toBe('WARNING');
    expect(securityLevel(3, 20)).toBe('DANGER');
  });
});

describe('the spec reading the API tests validate against', () => {
  const good = { id: 'abcdef0123', address: 'abcdef0123', nwid: '8056c2e21c000001', authorized: true, activeBridge: false, ipAssignments: ['10.0.0.1'], revision: 1, vMajor: -1, vMinor: -1, vRev: -1, vProto: -1 };
  const check = (body: unknown) => zerotierApi().check('/controller/network/{networkID}/member/{nodeID}', 'GET', 200, body);
  it('accepts a full member and rejects missing fields and wrong types', () => {
    expect(() => check(good)).not.toThrow();
    const { revision: _r, ...noRevision } = good;
    expect(() => check(noRevision)).toThrow(/revision/);
    expect(() => check({ ...good, authorized: 'true' })).toThrow(/authorized/);
    expect(() => zerotierApi().check('/controller/network/{networkID}', 'GET', 200, { id: 'x' })).toThrow(/must have required property/);
  });
});
