// A routing peer's network map names the networks it routes in its packet filter (what it may
// forward there), following NetBird's route firewall rules: a route without access-control groups
// lets any source through; with them, the sources of the accept rules towards those groups; a
// network resource, the sources of the accept rules towards it or its groups, with the rules'
// protocols and ports. Other peers' filters do not change.
import { beforeAll, describe, expect, it } from 'vitest';
import { accountWithSetupKey } from '../support/agent-account';
import type { netbird } from '../support/netbird-client';
import { register, sync } from '../support/peers';

type Reg = Awaited<ReturnType<typeof register>>;
type Filter = { SrcIPs: string[]; DstPorts: { IP: string; Ports: { First: number; Last: number } }[]; IPProto?: number[] }[];
let nb: ReturnType<typeof netbird>;
let key = '';

beforeAll(async () => {
  ({ nb, key } = await accountWithSetupKey());
});

const filterOf = async (r: Reg): Promise<Filter> => (await sync(r.body.peer_token)).body.packet_filter;
/** The entries whose destination is `network`. */
const towards = (filter: Filter, network: string) => filter.filter((e) => e.DstPorts.some((d) => d.IP === network));
const addressesOf = (r: Reg) => [r.body.peer.ip, r.body.peer.ipv6].filter(Boolean);

describe('packet-filter entries of a routing peer', () => {
  let router: Reg;
  let user: Reg;
  let outsider: Reg;
  let users = '';

  beforeAll(async () => {
    [router, user, outsider] = [await register(key, 'rf-router'), await register(key, 'rf-user'), await register(key, 'rf-outsider')];
    users = (await nb('POST', '/api/groups', { name: 'rf-users', peers: [user.body.peer.id] })).body.id;
  });

  it('lets any source through to a route without access-control groups, and only the router gets the entry', async () => {
    const all = (await nb('GET', '/api/groups')).body.find((g: { name: string }) => g.name === 'All').id;
    const r = await nb('POST', '/api/routes', {
      description: '', network_id: 'open-lan', enabled: true, peer: router.body.peer.id, network: '198.19.40.0/24', metric: 100, masquerade: true, groups: [all], keep_route: false,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(towards(await filterOf(router), '198.19.40.0/24')).toEqual([{ SrcIPs: ['*'], DstPorts: [{ IP: '198.19.40.0/24', Ports: { First: 0, Last: 65535 } }] }]);
    expect(towards(await filterOf(user), '198.19.40.0/24')).toEqual([]);
    // The user gets the route, through the router.
    expect((await sync(user.body.peer_token)).body.routes).toEqual(expect.arrayContaining([expect.objectContaining({ network: '198.19.40.0/24', routing_peers: [router.body.peer.id] })]));
  });

  it('lets through the sources of the policies towards a route’s access-control groups, with their ports', async () => {
    const acg = (await nb('POST', '/api/groups', { name: 'rf-acg', peers: [] })).body.id;
    const all = (await nb('GET', '/api/groups')).body.find((g: { name: string }) => g.name === 'All').id;
    const r = await nb('POST', '/api/routes', {
      description: '', network_id: 'acg-lan', enabled: true, peer: router.body.peer.id, network: '198.19.41.0/24', metric: 100, masquerade: false, groups: [all], keep_route: false, access_control_groups: [acg],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // No policy towards the group yet: nothing may be forwarded.
    expect(towards(await filterOf(router), '198.19.41.0/24')).toEqual([]);
    const policy = await nb('POST', '/api/policies', {
      name: 'users to acg lan', enabled: true,
      rules: [{ name: 'ssh', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['22'], sources: [users], destinations: [acg] }],
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    expect(towards(await filterOf(router), '198.19.41.0/24')).toEqual([
      { SrcIPs: addressesOf(user), DstPorts: [{ IP: '198.19.41.0/24', Ports: { First: 22, Last: 22 } }], IPProto: [6] },
    ]);
  });

  it('lets through the sources of the policies towards a network resource, and not the outsider', async () => {
    const network = (await nb('POST', '/api/networks', { name: 'rf-office', description: '' })).body;
    const resource = await nb('POST', `/api/networks/${network.id}/resources`, { name: 'rf-office-lan', description: '', address: '198.19.42.0/24', enabled: true, groups: [] });
    expect(resource.status, JSON.stringify(resource.body)).toBe(200);
    expect((await nb('POST', `/api/networks/${network.id}/routers`, { peer: router.body.peer.id, metric: 100, masquerade: true, enabled: true })).status).toBe(200);
    expect(towards(await filterOf(router), '198.19.42.0/24')).toEqual([]);
    const policy = await nb('POST', '/api/policies', {
      name: 'users to office', enabled: true,
      rules: [{ name: 'web', enabled: true, action: 'accept', bidirectional: false, protocol: 'udp', port_ranges: [{ start: 53, end: 53 }, { start: 8000, end: 8080 }], sources: [users], destinationResource: { id: resource.body.id, type: 'subnet' } }],
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    const entries = towards(await filterOf(router), '198.19.42.0/24');
    expect(entries).toEqual([
      {
        SrcIPs: addressesOf(user),
        DstPorts: [
          { IP: '198.19.42.0/24', Ports: { First: 53, Last: 53 } },
          { IP: '198.19.42.0/24', Ports: { First: 8000, Last: 8080 } },
        ],
        IPProto: [17],
      },
    ]);
    expect(entries.flatMap((e) => e.SrcIPs)).not.toContain(outsider.body.peer.ip);
    // The outsider gets no route to the resource; the user does.
    const routeTo = async (r: Reg) => (await sync(r.body.peer_token)).body.routes.filter((x: { network?: string }) => x.network === '198.19.42.0/24');
    expect(await routeTo(outsider)).toEqual([]);
    expect(await routeTo(user)).toHaveLength(1);
  });
});
