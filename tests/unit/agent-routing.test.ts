// The agent's routes: which networks a routing peer serves, which routing peer another peer sends a
// network through, and the forward and nat rules the nft script gets for served networks
// (checked by `nft -c` where possible).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nftScript } from '@/agent/firewall';
import { routedThrough, servedNetworks } from '@/agent/routing';
import type { AgentMap } from '@/agent/client';

type Route = AgentMap['routes'][number];
const route = (id: string, network: string, routing_peers: string[], extra: Partial<Route> = {}): Route => ({
  id,
  net_id: id,
  network,
  network_type: network.includes(':') ? 'IPv6' : 'IPv4',
  metric: 100,
  masquerade: true,
  keep_route: false,
  routing_peers,
  ...extra,
});
const peer = (id: string, public_key: string) => ({ id, public_key }) as AgentMap['peers'][number];

describe('served networks', () => {
  it('lists the networks of routes naming this peer, masqueraded if any of them says so, never a default route', () => {
    const routes = [
      route('a', '198.19.5.0/24', ['me', 'other'], { masquerade: false }),
      route('b', '198.19.5.0/24', ['me']),
      route('c', '198.19.6.0/24', ['other']),
      route('d', '0.0.0.0/0', ['me']),
      route('e', 'fd00:5::/64', ['me'], { masquerade: false }),
      { ...route('f', '', ['me']), network: undefined, domains: ['example.com'], network_type: 'Domain' as const },
    ];
    expect(servedNetworks({ routes }, 'me')).toEqual([
      { network: '198.19.5.0/24', family: 4, masquerade: true },
      { network: 'fd00:5::/64', family: 6, masquerade: false },
    ]);
  });
});

describe('routing through a peer', () => {
  const peers = [peer('r1', 'KEY1'), peer('r2', 'KEY2')];

  it('sends each network through a routing peer of the map, the lowest metric first', () => {
    const routes = [
      route('a', '198.19.5.0/24', ['r1'], { metric: 200 }),
      route('b', '198.19.5.0/24', ['gone', 'r2'], { metric: 100 }),
      route('c', '198.19.7.0/24', ['gone']),
      route('d', '198.19.8.0/24', ['me']),
      route('e', '0.0.0.0/0', ['r1']),
    ];
    expect([...routedThrough({ routes, peers }, 'me', [])]).toEqual([['198.19.5.0/24', 'KEY2']]);
  });

  it('leaves out networks that overlap a subnet of the machine', () => {
    const routes = [route('a', '198.19.5.0/24', ['r1']), route('b', '10.1.0.0/16', ['r1'])];
    expect([...routedThrough({ routes, peers }, 'me', ['10.1.2.3/24', 'fe80::1/64'])]).toEqual([['198.19.5.0/24', 'KEY1']]);
  });
});

describe('nft script of a routing peer', () => {
  const own = { ip: '100.64.0.7', ipv6: 'fd7a:115c:a1e0::7' };
  const served = [{ network: '198.19.5.0/24', family: 4 as const, masquerade: true }];
  const filter = [
    { SrcIPs: ['100.64.0.9'], DstPorts: [{ IP: '198.19.5.0/24', Ports: { First: 80, Last: 80 } }], IPProto: [6] },
    { SrcIPs: ['100.64.0.10'], DstPorts: [{ IP: '198.19.5.10/32', Ports: { First: 0, Last: 65535 } }] },
    // Not served here: no forward rule.
    { SrcIPs: ['*'], DstPorts: [{ IP: '198.19.6.0/24', Ports: { First: 0, Last: 65535 } }] },
    { SrcIPs: ['*'], DstPorts: [{ IP: '100.64.0.7', Ports: { First: 0, Last: 65535 } }] },
  ];

  it('forwards what the filter allows to served networks, masquerades them, and drops the rest', () => {
    const script = nftScript('wg0', own, filter, served);
    const forward = script.slice(script.indexOf('chain forward'), script.indexOf('chain postrouting'));
    expect(forward).toContain('ip saddr { 100.64.0.9 } ip daddr 198.19.5.0-198.19.5.255 meta l4proto { 6 } th dport 80 accept');
    expect(forward).toContain('ip saddr { 100.64.0.10 } ip daddr 198.19.5.10 accept');
    expect(forward).not.toContain('198.19.6.0');
    expect(forward).not.toContain('100.64.0.7');
    expect(forward.lastIndexOf('accept')).toBeLessThan(forward.indexOf('counter drop'));
    expect(script).toContain('type nat hook postrouting priority srcnat; policy accept;');
    expect(script).toContain('iifname "wg0" ip daddr { 198.19.5.0-198.19.5.255 } masquerade');
    // The input chain is unchanged: only the entry for the peer's own address.
    const input = script.slice(script.indexOf('chain input'), script.indexOf('chain forward'));
    expect(input).not.toContain('198.19.');
  });

  it('has no forward accepts and no nat chain when the peer routes nothing', () => {
    const script = nftScript('wg0', own, filter);
    expect(script).not.toContain('postrouting');
    const forward = script.slice(script.indexOf('chain forward')).split('\n');
    expect(forward.filter((l) => l.includes('accept')).join('\n')).not.toContain('saddr');
  });

  it('does not masquerade a route that says not to', () => {
    expect(nftScript('wg0', own, filter, [{ ...served[0], masquerade: false }])).not.toContain('masquerade');
  });

  it.skipIf(process.getuid?.() !== 0 || spawnSync('sh', ['-c', 'command -v nft']).status !== 0)('is a script nft accepts (nft -c)', () => {
    const script = nftScript('wgcheck0', own, filter, [...served, { network: 'fd00:5::/64', family: 6, masquerade: true }]);
    const r = spawnSync('nft', ['-c', '-f', '-'], { input: script, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
