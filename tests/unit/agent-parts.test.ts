// The agent's pure parts: WireGuard keys (checked against `wg pubkey` where installed), address sets
// for nftables, the nft script made from a map's packet filter (checked by `nft -c` where
// possible), endpoint choice, and parsing `wg show dump`.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nftElements, parseSource } from '@/agent/addresses';
import { EndpointChooser, ROTATE_MS } from '@/agent/endpoints';
import { nftScript, tableName } from '@/agent/firewall';
import { newKeyPair, publicKeyOf } from '@/agent/keys';
import { isInterfaceName, parseDump } from '@/agent/wireguard';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const root = process.getuid?.() === 0;

describe('keys', () => {
  it('makes 32-byte keys whose public half follows from the private one', () => {
    const k = newKeyPair();
    expect(Buffer.from(k.privateKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(k.publicKey, 'base64')).toHaveLength(32);
    expect(publicKeyOf(k.privateKey)).toBe(k.publicKey);
    expect(newKeyPair().privateKey).not.toBe(k.privateKey);
  });

  it.skipIf(!has('wg'))('agrees with wg pubkey', () => {
    for (let i = 0; i < 5; i++) {
      const k = newKeyPair();
      expect(spawnSync('wg', ['pubkey'], { input: `${k.privateKey}\n`, encoding: 'utf8' }).stdout.trim()).toBe(k.publicKey);
    }
  });
});

describe('address sets', () => {
  it('reads addresses, prefixes and ranges of both families', () => {
    expect(parseSource('100.64.0.0/10')).toEqual({ family: 4, range: { from: 0x64400000n, to: 0x647fffffn } });
    expect(parseSource('100.64.0.1-100.64.0.3')).toEqual({ family: 4, range: { from: 0x64400001n, to: 0x64400003n } });
    expect(parseSource('fd7a::1')?.family).toBe(6);
    for (const bad of ['*', 'nope', '100.64.0.0/33', '100.64.0.9-100.64.0.1', '100.64.0.1-fd7a::1']) expect(parseSource(bad), bad).toBeNull();
  });

  it('merges overlapping and adjacent sources into disjoint elements per family', () => {
    const src = ['100.64.0.9', '100.64.0.0/24', '100.64.1.0/24', '10.0.0.1', '10.0.0.2', 'fd7a::5', 'fd7a::/120', '*'];
    expect(nftElements(src, 4)).toEqual(['10.0.0.1-10.0.0.2', '100.64.0.0-100.64.1.255']);
    expect(nftElements(src, 6)).toEqual(['fd7a:0:0:0:0:0:0:0-fd7a:0:0:0:0:0:0:ff']);
  });
});

/** The script's accept rules only. */
const acceptLines = (script: string) => script.split('\n').filter((l) => l.includes('accept')).join('\n');

describe('nft script', () => {
  const own = { ip: '100.64.0.7', ipv6: 'fd7a:115c:a1e0::7' };
  const rule = (SrcIPs: string[], first: number, last: number, IPProto?: number[], IP = '100.64.0.7') => ({ SrcIPs, DstPorts: [{ IP, Ports: { First: first, Last: last } }], ...(IPProto ? { IPProto } : {}) });

  it('accepts what each rule allows, on the mesh interface only, and drops the rest', () => {
    const script = nftScript('wg0', own, [rule(['100.64.0.9', 'fd7a:115c:a1e0::9'], 22, 22, [6]), rule(['*'], 0, 65535, undefined, '*')]);
    expect(script).toContain('table inet meshdeck_wg0 {');
    expect(script).toContain('iifname != "wg0" accept');
    expect(script).toContain('ct state established,related accept');
    expect(script).toContain('ip saddr { 100.64.0.9 } ip daddr 100.64.0.7 meta l4proto { 6 } th dport 22 accept');
    expect(script).toContain('ip6 saddr { fd7a:115c:a1e0:0:0:0:0:9 } ip6 daddr fd7a:115c:a1e0::7 meta l4proto { 6 } th dport 22 accept');
    expect(script).toContain('ip daddr 100.64.0.7 accept');
    expect(script.trim().split('\n').filter((l) => l.trim() === 'counter drop')).toHaveLength(2);
    // The drop comes after every accept of the input chain.
    const input = script.slice(script.indexOf('chain input'), script.indexOf('chain forward'));
    expect(input.lastIndexOf('accept')).toBeLessThan(input.indexOf('counter drop'));
  });

  it('applies port ranges to protocols with ports and lets ICMP through whatever the range', () => {
    const script = nftScript('wg0', { ip: own.ip, ipv6: '' }, [rule(['100.64.0.9'], 8000, 8080), rule(['100.64.0.10'], 443, 443, [6, 1])]);
    expect(script).toContain('ip saddr { 100.64.0.9 } ip daddr 100.64.0.7 meta l4proto { 6, 17, 33, 132 } th dport 8000-8080 accept');
    expect(script).toContain('ip saddr { 100.64.0.9 } ip daddr 100.64.0.7 meta l4proto { 1, 58 } accept');
    expect(script).toContain('ip saddr { 100.64.0.10 } ip daddr 100.64.0.7 meta l4proto { 1 } accept');
    // (The drop sets, which record what is dropped, are of both families.)
    expect(acceptLines(script)).not.toContain('ip6');
  });

  it('leaves out rules for other destinations (routes) and sources of the other family', () => {
    const script = nftScript('wg0', own, [rule(['100.64.0.9'], 0, 65535, undefined, '192.168.10.0/24'), rule(['fd7a:115c:a1e0::9'], 80, 80, [6], '100.64.0.0/10')]);
    expect(acceptLines(script)).not.toMatch(/saddr/);
  });

  it('names the table after the interface', () => {
    expect(tableName('mdt123aw1')).toBe('meshdeck_mdt123aw1');
    expect(tableName('wg.0-a')).toBe('meshdeck_wg_0_a');
  });

  it.skipIf(!root || !has('nft'))('is a script nft accepts (nft -c)', () => {
    const script = nftScript('wgcheck0', own, [
      rule(['100.64.0.0-100.115.91.255', '100.64.0.9', 'fd7a:115c:a1e0::/48'], 0, 65535, undefined, '*'),
      rule(['100.64.0.9'], 22, 22, [6]),
      rule(['100.64.0.9'], 1000, 2000, [6, 17, 1, 58]),
    ]);
    const r = spawnSync('nft', ['-c', '-f', '-'], { input: script, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('endpoint choice', () => {
  const live = (publicKey: string, latestHandshake: number) => ({ publicKey, endpoint: null, allowedIps: [], latestHandshake, rxBytes: 0, txBytes: 0 });

  it('sets an endpoint for new peers and changed endpoints only', () => {
    const c = new EndpointChooser();
    expect([...c.plan([{ publicKey: 'A', endpoints: ['1.1.1.1:1', '2.2.2.2:1'] }, { publicKey: 'B', endpoints: [] }])]).toEqual([['A', '1.1.1.1:1'], ['B', undefined]]);
    expect(c.plan([{ publicKey: 'A', endpoints: ['1.1.1.1:1', '2.2.2.2:1'] }]).get('A')).toBeUndefined();
    expect(c.plan([{ publicKey: 'A', endpoints: ['3.3.3.3:1'] }]).get('A')).toBe('3.3.3.3:1');
  });

  it('keeps the endpoint of a peer with a fresh handshake when its listed endpoints change', () => {
    const c = new EndpointChooser();
    const t0 = 1_000_000_000_000;
    c.plan([{ publicKey: 'A', endpoints: ['1.1.1.1:1'] }], t0);
    const working = { ...live('A', t0 / 1000 - 5), endpoint: '1.1.1.1:1' };
    // The server saw the peer from elsewhere: the tunnel works, WireGuard keeps its endpoint.
    expect(c.plan([{ publicKey: 'A', endpoints: ['9.9.9.9:1', '1.1.1.1:1'] }], t0 + 1000, [working]).get('A')).toBeUndefined();
    // Without a fresh handshake the new list's first endpoint is set.
    expect(c.plan([{ publicKey: 'A', endpoints: ['8.8.8.8:1'] }], t0 + 2000, [{ ...working, latestHandshake: t0 / 1000 - 500 }]).get('A')).toBe('8.8.8.8:1');
    // A peer new to the map gets its first endpoint whatever WireGuard says.
    expect(c.plan([{ publicKey: 'A', endpoints: ['8.8.8.8:1'] }, { publicKey: 'B', endpoints: ['7.7.7.7:1'] }], t0 + 3000, [working, { ...working, publicKey: 'B' }]).get('B')).toBe('7.7.7.7:1');
  });

  it('tries the next endpoint while a peer has no handshake, not while it has a fresh one', () => {
    const c = new EndpointChooser();
    const t0 = 1_000_000_000_000;
    c.plan([{ publicKey: 'A', endpoints: ['1.1.1.1:1', '2.2.2.2:1'] }, { publicKey: 'B', endpoints: ['3.3.3.3:1', '4.4.4.4:1'] }], t0);
    expect(c.rotate([live('A', 0)], t0 + 1000)).toEqual([]);
    const later = t0 + ROTATE_MS + 1;
    expect(c.rotate([live('A', 0), live('B', later / 1000 - 10)], later)).toEqual([{ publicKey: 'A', endpoint: '2.2.2.2:1' }]);
    expect(c.rotate([live('A', 0)], later + ROTATE_MS + 1)).toEqual([{ publicKey: 'A', endpoint: '1.1.1.1:1' }]);
  });
});

describe('wg show dump', () => {
  it('reads each peer\'s endpoint, allowed IPs and latest handshake', () => {
    const dump = [
      'cHJpdg==\tcHVi\t51820\toff',
      'QUFB\t(none)\t198.18.0.2:51820\t100.64.0.2/32,fd7a::2/128\t1765100000\t180\t464\t25',
      'QkJC\t(none)\t(none)\t100.64.0.3/32\t0\t0\t0\t25',
    ].join('\n');
    expect(parseDump(dump)).toEqual([
      { publicKey: 'QUFB', endpoint: '198.18.0.2:51820', allowedIps: ['100.64.0.2/32', 'fd7a::2/128'], latestHandshake: 1765100000, rxBytes: 180, txBytes: 464 },
      { publicKey: 'QkJC', endpoint: null, allowedIps: ['100.64.0.3/32'], latestHandshake: 0, rxBytes: 0, txBytes: 0 },
    ]);
  });

  it('accepts interface names Linux accepts', () => {
    for (const ok of ['meshdeck0', 'wg0', 'mdt1234567aw12']) expect(isInterfaceName(ok), ok).toBe(true);
    for (const bad of ['', 'a-very-long-name0', 'wg 0', 'wg/0', '..']) expect(isInterfaceName(bad), bad).toBe(false);
  });
});
