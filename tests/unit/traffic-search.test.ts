// The traffic search's text rules: addresses without ports, which keys need the ports, and the
// claim the search sums rest on — for every key searchNeedsPorts() lets through, the text without
// ports matches exactly when the full text does (checked on random addresses, names and keys).
import { describe, expect, it } from 'vitest';
import { searchKey, searchNeedsPorts, searchText, withoutPort } from '@/lib/domain/traffic-search';

describe('withoutPort', () => {
  it('drops the port of IPv4, host-name and bracketed IPv6 addresses', () => {
    expect(withoutPort('100.64.0.1:51820')).toBe('100.64.0.1');
    expect(withoutPort('db.internal:5432')).toBe('db.internal');
    expect(withoutPort('[fd00::1]:443')).toBe('[fd00::1]');
    expect(withoutPort(':443')).toBe('');
  });

  it('leaves alone what has no port', () => {
    for (const a of ['100.64.0.1', 'fd00::1', 'fd00::1:443', '[fd00::1]', '10.0.0.0/24', 'host:http', 'host:', '', 'a:1:2']) expect(withoutPort(a)).toBe(a);
  });
});

describe('searchNeedsPorts', () => {
  it('is true for keys of digits only, with a colon or a line break', () => {
    for (const k of ['443', '0', ':22', 'fd00::', '1.2:3', 'a\nb']) expect(searchNeedsPorts(searchKey(k))).toBe(true);
    for (const k of ['10.0.0.8', 'wiki', 'ann@x.test', '[fd00', '4a', '.5', '_', '%']) expect(searchNeedsPorts(searchKey(k))).toBe(false);
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

describe('the text without ports', () => {
  it('matches a key exactly when the full text does, unless the key needs the ports', () => {
    const rand = random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const chars = '0123456789.:[]af-x\n%_';
    const address = () =>
      pick([
        () => `10.${Math.floor(rand() * 3)}.0.${Math.floor(rand() * 12)}:${pick([22, 443, 4000, 51820, 1])}`,
        () => `[fd00::${Math.floor(rand() * 20)}]:${pick([443, 53, 10])}`,
        () => `fd00::${Math.floor(rand() * 20)}`,
        () => `host-${Math.floor(rand() * 5)}:${Math.floor(rand() * 70000)}`,
        () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(chars.split(''))).join(''),
        () => '',
      ])();
    let checked = 0;
    for (let i = 0; i < 4000; i++) {
      const e = { userEmail: pick(['', 'Ann@X.test', 'b_1@x.test']), srcName: pick(['a1', 'Σ:1', 'x\n2']), dstName: pick(['db', '10.0.0.1']), srcAddress: address(), dstAddress: address() };
      const full = searchText(e);
      const portless = searchText({ ...e, srcAddress: withoutPort(e.srcAddress), dstAddress: withoutPort(e.dstAddress) });
      // Keys cut from the full text (so many of them match) and random ones.
      const start = Math.floor(rand() * full.length);
      const keys = [full.slice(start, start + 1 + Math.floor(rand() * 6)), searchKey(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(chars.split(''))).join(''))];
      for (const key of keys) {
        if (!key || searchNeedsPorts(key)) continue;
        checked++;
        expect([e, key, portless.includes(key)]).toEqual([e, key, full.includes(key)]);
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });
});
