// The peer table's URL state → API query, and the console peer query's parsing.
import { describe, expect, it } from 'vitest';
import { consolePeersQuery, peerQueryFrom } from '@/lib/dialects/console/peers';
import { apiQuery } from '@/components/peers/types';

describe('peer table URL state', () => {
  it('passes known keys on, adds the default page size, drops the rest', () => {
    const q = new URLSearchParams(apiQuery(new URLSearchParams('q=web&os=linux&sort=name:desc&offset=100&evil=1&group=')));
    expect(Object.fromEntries(q)).toEqual({ q: 'web', os: 'linux', sort: 'name:desc', offset: '100', limit: '100' });
  });

  it('turns a relative "last seen" choice into a time bound at request time', () => {
    const before = Date.now();
    const recent = new URLSearchParams(apiQuery(new URLSearchParams('seen=24h')));
    expect(recent.has('seen')).toBe(false);
    const after = Date.parse(recent.get('lastSeenAfter')!);
    expect(after).toBeGreaterThanOrEqual(before - 24 * 3_600_000);
    expect(after).toBeLessThanOrEqual(Date.now() - 24 * 3_600_000);
    const stale = new URLSearchParams(apiQuery(new URLSearchParams('seen=stale7d')));
    expect(stale.has('lastSeenBefore')).toBe(true);
    expect(stale.has('lastSeenAfter')).toBe(false);
    expect(new URLSearchParams(apiQuery(new URLSearchParams('seen=bogus'))).has('lastSeenAfter')).toBe(false);
  });
});

describe('console peer query', () => {
  it('reads sort, paging and flags', () => {
    const q = peerQueryFrom(consolePeersQuery.parse({ sort: 'last_seen:desc', offset: '20', limit: '50', connected: 'false', group: '', user: 'u1' }));
    expect(q).toMatchObject({ sort: { field: 'last_seen', desc: true }, offset: 20, limit: 50, connected: false, groupId: undefined, userId: 'u1' });
    expect(peerQueryFrom(consolePeersQuery.parse({})).sort).toEqual({ field: 'name', desc: false });
  });

  it('refuses unknown sort fields and directions, and out-of-range pages', () => {
    for (const bad of [{ sort: 'secret:asc' }, { sort: 'name' }, { sort: 'name:up' }, { limit: '0' }, { limit: '5000' }, { offset: '-3' }, { connected: 'yes' }, { approval: 'maybe' }]) {
      expect(consolePeersQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
