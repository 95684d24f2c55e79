// GET /api/peers shapes its peers with toNetbirdPeerList from rows of NETBIRD_PEER_COLUMNS only: the
// list must be byte for byte what toNetbirdPeer plus the appended count gives, and the column list
// must hold every field the shape reads (a missing one would be silently absent from the listing).
import { describe, expect, it } from 'vitest';
import type { Peer } from '@/lib/db/models';
import type { GroupSummary } from '@/lib/domain/groups/summaries';
import { NETBIRD_PEER_COLUMNS, toNetbirdPeer, toNetbirdPeerList } from '@/lib/dialects/netbird/peers';
import { PeerListRenderer } from '@/lib/dialects/netbird/peer-list';

const account = { dnsDomain: 'netbird.test', peerLoginExpirationEnabled: true, peerLoginExpiration: 3600 };
const now = Date.parse('2026-06-01T12:00:00Z');

function peer(n: number, over: Partial<Peer> = {}): Peer {
  const at = new Date(now - n * 1000);
  return {
    id: `p${n}`, accountId: 'a1', userId: n % 2 ? 'u1' : '', name: `peer-${n}`, hostname: `host-${n}`, dnsLabel: `peer-${n}`,
    extraDnsLabels: '[]', ip: `100.64.0.${n}`, ipv6: '', wgPubKey: `key${n}`, os: 'linux', osVersion: '6', kernelVersion: '6.1',
    version: '0.60.0', uiVersion: '', serialNumber: '', connectionIp: '', connected: n % 3 === 0, lastSeen: at, lastLogin: new Date(now - 7200_000),
    createdAt: at, sshEnabled: false, loginExpirationEnabled: true, inactivityExpirationEnabled: false, approvalRequired: false,
    disapprovalReason: '', ephemeral: false, countryCode: '', cityName: '', geonameId: 0, localFlags: '{}', tags: '[]',
    advertisedRoutes: '[]', enabledRoutes: '[]', setupKeyId: '', agentTokenHash: null, expiresAt: null, ztAddress: null,
    networkAddresses: '[]', reportedFiles: '[]', listenPort: 0, ...over,
  };
}

const groups: GroupSummary[] = [
  { id: 'gAll', name: 'All', issued: 'api', peersCount: 4, resourcesCount: 0 },
  { id: 'g1', name: 'one', issued: 'api', peersCount: 2, resourcesCount: 1 },
];

describe('NetBird peer listing', () => {
  it('equals toNetbirdPeer with accessible_peers_count appended, field for field and in order', () => {
    const peers = [
      peer(1),
      peer(2, { ipv6: 'fd00::2', disapprovalReason: 'posture', extraDnsLabels: '["x.example"]', localFlags: '{"rosenpass_enabled":true}' }),
      peer(3, { extraDnsLabels: 'not json', localFlags: '[]' }),
      peer(4, { approvalRequired: true, ephemeral: true }),
    ];
    const groupsOf = (id: string) => (id === 'p2' || id === 'p3' ? groups : groups.slice(0, 1));
    const countOf = (id: string) => Number(id.slice(1)) * 7;
    const expected = peers.map((p) => ({ ...toNetbirdPeer(p, account, groupsOf(p.id), now), accessible_peers_count: countOf(p.id) }));
    expect(JSON.stringify(toNetbirdPeerList(peers, account, groupsOf, countOf, now))).toBe(JSON.stringify(expected));
  });

  it('the cached renderer gives the same text, and after a change only the changed row differs', () => {
    const peers = [
      peer(1),
      peer(2, { ipv6: 'fd00::2', disapprovalReason: 'posture', extraDnsLabels: '["x.example"]', localFlags: '{"rosenpass_enabled":true}', name: 'quote"and\\backslash' }),
      peer(3, { extraDnsLabels: 'not json', localFlags: '[]', os: '\u0000g' }),
      peer(4, { approvalRequired: true, ephemeral: true, userId: 'u1', lastLogin: new Date(now - 60_000) }),
    ];
    const index = new Map(groups.map((g) => [g.id, g]));
    const groupsOf = (id: string) => (id === 'p2' || id === 'p3' ? groups : groups.slice(0, 1));
    const both = ['g1'];
    const listed = (all: Map<string, GroupSummary>, of: typeof groupsOf) => ({ groups: all, idsOf: (id: string) => (id === 'p2' || id === 'p3' ? both : []), groupsOf: of });
    const countOf = (id: string) => Number(id.slice(1)) * 7;
    const renderer = new PeerListRenderer(account);
    const expected = (list: Peer[], at: number) => JSON.stringify(toNetbirdPeerList(list, account, groupsOf, countOf, at));
    expect(renderer.render(peers, listed(index, groupsOf), countOf, now)).toBe(expected(peers, now));
    // Rendering again reuses the pieces; a replaced row object is rendered anew.
    const changed = [peers[0], { ...peers[1], name: 'renamed' }, peers[2], peers[3]];
    expect(renderer.render(changed, listed(index, groupsOf), countOf, now)).toBe(expected(changed, now));
    // Time moves on: login_expired is computed per request, not cached with the row.
    const later = now + 30 * 24 * 3600_000;
    expect(renderer.render(changed, listed(index, groupsOf), countOf, later)).toBe(expected(changed, later));
    expect(expected(changed, later)).not.toBe(expected(changed, now));
    // Group counts change without any row changing.
    const recount = groups.map((g) => ({ ...g, peersCount: g.peersCount + 1 }));
    const groupsOf2 = (id: string) => (id === 'p2' || id === 'p3' ? recount : recount.slice(0, 1));
    expect(renderer.render(changed, listed(new Map(recount.map((g) => [g.id, g])), groupsOf2), countOf, now)).toBe(JSON.stringify(toNetbirdPeerList(changed, account, groupsOf2, countOf, now)));
  });

  it('across blocks: a changed, added or removed peer anywhere gives the full listing’s text', () => {
    const many = Array.from({ length: 700 }, (_, i) => peer(i + 1));
    const index = new Map(groups.map((g) => [g.id, g]));
    const groupsOf = () => groups.slice(0, 1);
    const listed = { groups: index, idsOf: () => [], groupsOf };
    const countOf = (id: string) => id.length;
    const expected = (list: Peer[]) => JSON.stringify(toNetbirdPeerList(list, account, groupsOf, countOf, now));
    const renderer = new PeerListRenderer(account);
    expect(renderer.render(many, listed, countOf, now)).toBe(expected(many));
    const changed = many.slice();
    changed[300] = { ...changed[300], name: 'changed' };
    expect(renderer.render(changed, listed, countOf, now)).toBe(expected(changed));
    const fewer = changed.filter((_, i) => i !== 10);
    expect(renderer.render(fewer, listed, countOf, now)).toBe(expected(fewer));
    const more = [...fewer, peer(999)];
    expect(renderer.render(more, listed, countOf, now)).toBe(expected(more));
    expect(renderer.render([], listed, countOf, now)).toBe('[]');
  });

  it('reads only columns the listing selects', () => {
    const read = new Set<string>();
    const row = new Proxy(peer(5, { ipv6: 'fd00::5', disapprovalReason: 'x' }), {
      get(target, key, receiver) {
        if (typeof key === 'string') read.add(key);
        return Reflect.get(target, key, receiver);
      },
    });
    toNetbirdPeerList([row], account, () => groups, () => 0, now);
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((k) => !(k in NETBIRD_PEER_COLUMNS))).toEqual([]);
  });
});
