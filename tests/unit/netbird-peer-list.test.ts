// GET /api/peers shapes its peers with toNetbirdPeerList from rows of NETBIRD_PEER_COLUMNS only: the
// list must be byte for byte what toNetbirdPeer plus the appended count gives, and the column list
// must hold every field the shape reads (a missing one would be silently absent from the listing).
import { describe, expect, it } from 'vitest';
import type { Peer } from '@/lib/generated/sqlite/client';
import type { GroupSummary } from '@/lib/domain/group-summaries';
import { NETBIRD_PEER_COLUMNS, toNetbirdPeer, toNetbirdPeerList } from '@/lib/dialects/netbird/peers';

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
