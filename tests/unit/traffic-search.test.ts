// The traffic search's text rules: the source port, the ports a key can match inside, and the claim
// the search sums rest on — the full text is the text without the source port, ":" and the port, and
// a key found in the full text but not in the text without the port always names that port among
// portsMatching(key) (checked on random addresses, names and keys).
import { describe, expect, it } from 'vitest';
import { portsMatching, searchKey, searchText, sourceHost, sourcePort } from '@/lib/domain/traffic/search';

describe('sourcePort', () => {
  it('reads the port of IPv4, host-name and bracketed IPv6 addresses', () => {
    expect(sourcePort('100.64.0.1:51820')).toBe(51820);
    expect(sourcePort('db.internal:5432')).toBe(5432);
    expect(sourcePort('[fd00::1]:443')).toBe(443);
    expect(sourcePort(':0')).toBe(0);
    expect(sourcePort('x:65535')).toBe(65535);
  });

  it('is null without a port, or with one not written as a number is', () => {
    for (const a of ['100.64.0.1', 'fd00::1', 'fd00::1:443', '[fd00::1]', '10.0.0.0/24', 'host:http', 'host:', '', 'a:1:2', 'x:0443', 'x:00', 'x:65536', 'x:123456']) {
      expect([a, sourcePort(a)]).toEqual([a, null]);
    }
  });
});

describe('portsMatching', () => {
  it('lists the ports whose digits hold a key of digits only', () => {
    expect(portsMatching('5432')).toEqual([5432, 15432, 25432, 35432, 45432, 54320, 54321, 54322, 54323, 54324, 54325, 54326, 54327, 54328, 54329, 55432, 65432]);
    expect(portsMatching('65535')).toEqual([65535]);
    const zero = new Set(portsMatching('0'));
    expect([0, 10, 101, 60000].every((p) => zero.has(p)) && ![1, 11, 65535].some((p) => zero.has(p))).toBe(true);
  });

  it('lists the ports starting with what follows the last ":" of a key', () => {
    expect(portsMatching('10.0.0.1:4430')).toEqual([4430, 44300, 44301, 44302, 44303, 44304, 44305, 44306, 44307, 44308, 44309]);
    expect(portsMatching(':6553')).toEqual([6553, 65530, 65531, 65532, 65533, 65534, 65535]);
    expect(portsMatching('fd00::').length).toBe(65536);
    expect(portsMatching('a\n1:2').length).toBe(1 + 10 + 100 + 1000 + 10000);
  });

  it('is empty for keys that cannot run into a port', () => {
    for (const k of ['10.0.0.8', 'wiki', 'ann@x.test', '[fd00', '4a', '.5', '_', '%', '[fd00::1]', '1:2a', 'a\nb']) expect([k, portsMatching(searchKey(k))]).toEqual([k, []]);
  });
});

/** Small deterministic generator, so a failure repeats. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the text without the source port', () => {
  it('is the full text less ":" and the port, and misses a key only where portsMatching names the port', () => {
    const rand = random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const chars = '0123456789.:[]af-x\n%_';
    const address = () =>
      pick([
        () => `10.${Math.floor(rand() * 3)}.0.${Math.floor(rand() * 12)}:${pick([22, 443, 4000, 51820, 1, 0])}`,
        () => `[fd00::${Math.floor(rand() * 20)}]:${pick([443, 53, 10, '010'])}`,
        () => `fd00::${Math.floor(rand() * 20)}`,
        () => `host-${Math.floor(rand() * 5)}:${Math.floor(rand() * 70000)}`,
        () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(chars.split(''))).join(''),
        () => '',
      ])();
    const memo = new Map<string, number[]>();
    const ports = (key: string) => memo.get(key) ?? (memo.set(key, portsMatching(key)), memo.get(key)!);
    let missed = 0;
    let found = 0;
    for (let i = 0; i < 4000; i++) {
      const e = { userEmail: pick(['', 'Ann@X.test', 'b_1@x.test']), srcName: pick(['a1', 'Σ:1', 'x\n2']), dstName: pick(['db', '10.0.0.1']), srcAddress: address(), dstAddress: address() };
      const port = sourcePort(e.srcAddress);
      const full = searchText(e);
      const portless = searchText({ ...e, srcAddress: sourceHost(e.srcAddress, port) });
      expect(port === null ? portless : `${portless}:${port}`).toBe(full);
      // Keys cut from the full text (so many of them match), its end, and random ones.
      const start = Math.floor(rand() * full.length);
      const keys = [
        full.slice(start, start + 1 + Math.floor(rand() * 6)),
        full.slice(Math.max(0, full.length - 1 - Math.floor(rand() * 8)), full.length - Math.floor(rand() * 3)),
        searchKey(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(chars.split(''))).join('')),
      ];
      for (const key of keys) {
        if (!key || !full.includes(key)) continue;
        found++;
        if (portless.includes(key)) continue;
        missed++;
        expect([e, key, port !== null && ports(key).includes(port)]).toEqual([e, key, true]);
      }
    }
    expect([found > 6000, missed > 300]).toEqual([true, true]);
  });
});
