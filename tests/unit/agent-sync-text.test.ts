// The agent map and accessible-peers answers are joined from texts cached per peer row: they must
// equal JSON.stringify of the objects they replace, also after rows change or the domain does.
import { describe, expect, it } from 'vitest';
import type { Peer } from '@/lib/db/models';
import { toAgentDns, toRemotePeer } from '@/lib/dialects/netbird/agent';
import { sharePeers, syncBytes } from '@/lib/dialects/netbird/agent-sync-text';
import { accessiblePeersText } from '@/lib/dialects/netbird/accessible-peers-text';
import { toAccessiblePeer } from '@/lib/dialects/netbird/peers';
import type { AgentDnsConfig } from '@/lib/domain/dns/tailnet-dns';

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
  watch_files: ['/usr/bin/sensor'],
};

describe('joined answers', () => {
  it('the map equals the serialized map, for the agent first, in the middle, last, alone or absent', () => {
    const a = { dnsDomain: 'mesh.test' };
    const expected = (list: Peer[], account: { dnsDomain: string }, d = dns) =>
      JSON.stringify({ serial: body.serial, approval_required: false, peer: body.peer, peers: list.map((p) => toRemotePeer(p, account)), packet_filter: body.packet_filter, routes: [], dns: toAgentDns(d, list, account), ssh_policy: body.ssh_policy, watch_files: body.watch_files });
    const all = [peer(2), peer(3, { name: 'ünïcode' }), peer(4), peer(5)];
    const shared = sharePeers(all, a);
    for (const self of ['p2', 'p3', 'p5', 'nobody']) {
      const others = all.filter((p) => p.id !== self);
      expect(syncBytes(body, shared, self, dns, a).toString(), self).toBe(expected(others, a));
    }
    expect(syncBytes(body, sharePeers([peer(2)], a), 'p2', dns, a).toString()).toBe(expected([], a));
    expect(syncBytes(body, null, 'p2', dns, a).toString()).toBe(expected([], a));
    const b = { dnsDomain: 'other.test' };
    const changed = [peer(2), peer(3, { name: 'renamed' })];
    expect(syncBytes(body, sharePeers(changed, b), 'x', dns, b).toString()).toBe(expected(changed, b));
    const off = { ...dns, enabled: false } as AgentDnsConfig;
    expect(syncBytes(body, sharePeers(changed, b), 'p3', off, b).toString()).toBe(expected([changed[0]], b, off));
  });

  it('accessible peers text equals the serialized list', () => {
    const peers = [peer(5), peer(6, { countryCode: 'DE' })];
    expect(accessiblePeersText(peers, { dnsDomain: 'x.test' })).toBe(JSON.stringify(peers.map((p) => toAccessiblePeer(p, { dnsDomain: 'x.test' }))));
    expect(accessiblePeersText([], { dnsDomain: 'x.test' })).toBe('[]');
  });
});
