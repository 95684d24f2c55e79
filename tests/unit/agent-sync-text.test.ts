// The agent map and accessible-peers answers are joined from texts cached per peer row: they must
// equal JSON.stringify of the objects they replace, also after rows change or the domain does.
import { describe, expect, it } from 'vitest';
import type { Peer } from '@/lib/generated/sqlite/client';
import { toAgentDns, toRemotePeer } from '@/lib/dialects/netbird/agent';
import { syncText } from '@/lib/dialects/netbird/agent-sync-text';
import { accessiblePeersText } from '@/lib/dialects/netbird/accessible-peers-text';
import { toAccessiblePeer } from '@/lib/dialects/netbird/peers';
import type { AgentDnsConfig } from '@/lib/domain/tailnet-dns';

const at = new Date('2026-06-01T12:00:00Z');
const peer = (n: number, over: Partial<Peer> = {}) =>
  ({ id: `p${n}`, name: `peer "${n}"`, ip: `100.64.0.${n}`, ipv6: n % 2 ? `fd00::${n}` : '', wgPubKey: `key$&${n}`, dnsLabel: `peer-${n}`, connected: n % 3 === 0, lastSeen: at, userId: '', os: 'linux',
     countryCode: '', cityName: '', geonameId: 0, ...over }) as Peer;
const dns: AgentDnsConfig = { enabled: true, domain: 'mesh.test', magicDns: true, searchDomains: ['a.test'], nameserverGroups: [] } as unknown as AgentDnsConfig;
const body = {
  serial: 7,
  approval_required: false,
  peer: { id: 'me', name: 'me', ip: '100.64.0.1', ipv6: '', dns_label: 'me', fqdn: 'me.mesh.test' },
  packet_filter: [{ SrcIPs: ['100.64.0.2'], DstPorts: [{ IP: '100.64.0.1', Ports: { First: 22, Last: 22 } }] }],
  routes: [],
  ssh_policy: { rules: [] },
};

describe('joined answers', () => {
  it('the sync text equals the serialized map, before and after a row or the domain changes', () => {
    const peers = [peer(2), peer(3), peer(4)];
    const expected = (list: Peer[], account: { dnsDomain: string }, d = dns) =>
      JSON.stringify({ serial: body.serial, approval_required: false, peer: body.peer, peers: list.map((p) => toRemotePeer(p, account)), packet_filter: body.packet_filter, routes: [], dns: toAgentDns(d, list, account), ssh_policy: body.ssh_policy });
    const a = { dnsDomain: 'mesh.test' };
    expect(syncText(body, peers, dns, a)).toBe(expected(peers, a));
    const changed = [peers[0], peer(3, { name: 'renamed' }), peers[2]];
    expect(syncText(body, changed, dns, a)).toBe(expected(changed, a));
    const b = { dnsDomain: 'other.test' };
    expect(syncText(body, changed, dns, b)).toBe(expected(changed, b));
    const off = { ...dns, enabled: false } as AgentDnsConfig;
    expect(syncText(body, changed, off, b)).toBe(expected(changed, b, off));
    expect(syncText(body, [], dns, b)).toBe(expected([], b));
    JSON.parse(syncText(body, changed, dns, b));
  });

  it('accessible peers text equals the serialized list', () => {
    const peers = [peer(5), peer(6, { countryCode: 'DE' })];
    expect(accessiblePeersText(peers, { dnsDomain: 'x.test' })).toBe(JSON.stringify(peers.map((p) => toAccessiblePeer(p, { dnsDomain: 'x.test' }))));
    expect(accessiblePeersText([], { dnsDomain: 'x.test' })).toBe('[]');
  });
});
