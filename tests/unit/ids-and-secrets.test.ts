import { describe, expect, it } from 'vitest';
import { ID_PATTERN, newId } from '@/lib/domain/ids';
import { accessTokenLooksValid, hashSecret, newAccessToken, generatePassword } from '@/lib/domain/secrets';

describe('ids', () => {
  it('are 20-character xids, unique, and sort by creation time', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
    const early = newId(Date.UTC(2020, 0, 1));
    const late = newId(Date.UTC(2030, 0, 1));
    expect(early < late).toBe(true);
  });
});

describe('access tokens', () => {
  it('have the NetBird format with a checksum that catches typos', () => {
    const t = newAccessToken();
    expect(t).toMatch(/^nbp_[0-9A-Za-z]{36}$/);
    expect(accessTokenLooksValid(t)).toBe(true);
    const typo = t.slice(0, 10) + (t[10] === 'a' ? 'b' : 'a') + t.slice(11);
    expect(accessTokenLooksValid(typo)).toBe(false);
    expect(accessTokenLooksValid('nbp_short')).toBe(false);
    expect(new Set(Array.from({ length: 500 }, () => newAccessToken())).size).toBe(500);
  });

  it('are hashed with SHA-256', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('generated passwords are long and varied', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[0-9A-Za-z]{24}$/);
    expect(generatePassword()).not.toBe(p);
  });
});
