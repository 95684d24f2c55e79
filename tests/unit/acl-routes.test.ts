// The access-policy document towards routed networks (issue #18): a routing peer's forwarding
// entries for the document's rules that reach the networks it routes (narrowed as Tailscale's
// subnet routers see them), and which peers see the router because of them.
import { describe, expect, it } from 'vitest';
import { aclAccessFrom, type AclAccess } from '@/lib/domain/acl/access';
import { aclRouteFilter } from '@/lib/domain/acl/routes';
import type { EffectiveAccess } from '@/lib/domain/access/network-map';
import type { PeerRoute } from '@/lib/domain/networks/routes-for-peer';

const users = [{ id: 'u1', email: 'odin@example.com', role: 'owner', isServiceUser: false }];
const row = (id: string, ip: string, enabledRoutes: string[] = []) => ({
  id,
  hostname: id,
  name: id,
  userId: 'u1',
  ip,
  ipv6: '',
  tags: '[]',
  advertisedRoutes: JSON.stringify(enabledRoutes),
  enabledRoutes: JSON.stringify(enabledRoutes),
});
const peers = [row('router', '100.64.0.1'), row('c', '100.64.0.3'), row('d', '100.64.0.4'), row('dev-router', '100.64.0.5', ['10.9.0.0/16'])];

function acl(doc: object): AclAccess {
  const out = aclAccessFrom('acct', JSON.stringify(doc), users, peers);
  if (!out) throw new Error('document does not compile');
  return out;
}

const route = (network: string, routers: string[], kind: PeerRoute['kind'] = 'route'): PeerRoute => ({
  id: `${kind}:${network}`,
  kind,
  netId: network,
  network,
  networkType: 'IPv4',
  metric: 100,
  masquerade: true,
  keepRoute: false,
  skipAutoApply: false,
  routingPeerIds: routers,
  groups: [],
  accessControlGroups: [],
});

const forwarding = (doc: object, routes: PeerRoute[], peerId = 'router') =>
  aclRouteFilter({ acl: acl(doc) } as unknown as EffectiveAccess, peerId, routes);

const LAN = route('192.168.77.0/24', ['router']);

describe('forwarding entries of a routing peer under the document', () => {
  it('names the route for a rule whose destination is the route, with the rule’s sources and port', () => {
    expect(forwarding({ acls: [{ action: 'accept', src: ['100.64.0.3'], dst: ['192.168.77.0/24:80'] }] }, [LAN])).toEqual([
      { SrcIPs: ['100.64.0.3'], DstPorts: [{ IP: '192.168.77.0/24', Ports: { First: 80, Last: 80 } }] },
    ]);
  });

  it('keeps a destination inside the route as written, and narrows a wider one to the route', () => {
    expect(forwarding({ acls: [{ action: 'accept', src: ['100.64.0.3'], dst: ['192.168.77.5:80,443'] }] }, [LAN])[0].DstPorts).toEqual([
      { IP: '192.168.77.5', Ports: { First: 80, Last: 80 } },
      { IP: '192.168.77.5', Ports: { First: 443, Last: 443 } },
    ]);
    expect(forwarding({ acls: [{ action: 'accept', src: ['100.64.0.3'], dst: ['192.168.0.0/16:*'] }] }, [LAN])[0].DstPorts).toEqual([
      { IP: '192.168.77.0/24', Ports: { First: 0, Last: 65535 } },
    ]);
  });

  it('carries the rule’s protocols and leaves out rules that miss the route, "*" rules and other peers’ routes', () => {
    const doc = {
      acls: [
        { action: 'accept', src: ['100.64.0.3'], proto: 'tcp', dst: ['192.168.77.9:22'] },
        { action: 'accept', src: ['100.64.0.3'], dst: ['10.0.0.0/8:*'] },
        { action: 'accept', src: ['*'], dst: ['*:*'] },
      ],
    };
    expect(forwarding(doc, [LAN])).toEqual([{ SrcIPs: ['100.64.0.3'], DstPorts: [{ IP: '192.168.77.9', Ports: { First: 22, Last: 22 } }], IPProto: [6] }]);
    expect(forwarding(doc, [LAN], 'c')).toEqual([]);
  });

  it('adds to a device route only what the document’s own filter does not already name inside it', () => {
    const routes = [route('10.9.0.0/16', ['dev-router'], 'device-route')];
    const inside = { acls: [{ action: 'accept', src: ['100.64.0.3'], dst: ['10.9.1.1:80'] }] };
    expect(forwarding(inside, routes, 'dev-router')).toEqual([]);
    expect(acl(inside).filter('dev-router')).toEqual([{ SrcIPs: ['100.64.0.3'], DstPorts: [{ IP: '10.9.1.1', Ports: { First: 80, Last: 80 } }] }]);
    const wider = { acls: [{ action: 'accept', src: ['100.64.0.3'], dst: ['10.0.0.0/8:80'] }] };
    expect(forwarding(wider, routes, 'dev-router')).toEqual([{ SrcIPs: ['100.64.0.3'], DstPorts: [{ IP: '10.9.0.0/16', Ports: { First: 80, Last: 80 } }] }]);
  });

  it('renders sources as the document does (a user resolves to the addresses of its devices)', () => {
    const doc = { hosts: { lan: '192.168.77.0/24' }, acls: [{ action: 'accept', src: ['odin@example.com'], dst: ['lan:80'] }] };
    const [entry] = forwarding(doc, [LAN]);
    expect(entry.SrcIPs).toEqual(['100.64.0.1', '100.64.0.3', '100.64.0.4', '100.64.0.5']);
  });
});

describe('who sees the routing peer because of the document', () => {
  const routers = new Map([['router', ['192.168.77.0/24']]]);

  it('links a permitted source and the router both ways, and nobody else', () => {
    const reach = acl({ acls: [{ action: 'accept', src: ['100.64.0.3'], dst: ['192.168.77.10:80'] }] }).routedReach(routers);
    expect([...(reach.get('c') ?? [])]).toEqual(['router']);
    expect([...(reach.get('router') ?? [])]).toEqual(['c']);
    expect(reach.get('d')).toBeUndefined();
  });

  it('gives nothing for a rule towards another network, and follows a document change', () => {
    expect(acl({ acls: [{ action: 'accept', src: ['100.64.0.3'], dst: ['192.168.78.0/24:80'] }] }).routedReach(routers).size).toBe(0);
    const flipped = acl({ acls: [{ action: 'accept', src: ['100.64.0.4'], dst: ['192.168.77.0/24:80'] }] }).routedReach(routers);
    expect([...(flipped.get('d') ?? [])]).toEqual(['router']);
    expect(flipped.get('c')).toBeUndefined();
  });
});
