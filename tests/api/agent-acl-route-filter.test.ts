// The access-policy document towards a routed network, in the agent's map (issue #18): the routing
// peer's packet filter names the part of its route a document rule allows (narrowed to the route
// when the rule's destination is wider), and the peer the rule lets there sees the router among its
// peers (and the router it); a peer the document does not let there does not, route or not.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register, sync } from '../support/peers';
import { tailscaleAcl } from '../support/tailscale-acl-client';

type Reg = Awaited<ReturnType<typeof register>>;
type Filter = { SrcIPs: string[]; DstPorts: { IP: string; Ports: { First: number; Last: number } }[]; IPProto?: number[] }[];
let nb: ReturnType<typeof netbird>;
let acl: ReturnType<typeof tailscaleAcl>;
let router: Reg;
let a: Reg;
let b: Reg;
const LAN = '198.19.50.0/24';

const mapOf = async (r: Reg) => (await sync(r.body.peer_token)).body;
const peerIds = async (r: Reg): Promise<string[]> => (await mapOf(r)).peers.map((p: { id: string }) => p.id);
/** The entries naming something inside the LAN. */
const towardsLan = (filter: Filter) => filter.filter((e) => e.DstPorts.some((d) => d.IP.startsWith('198.19.50.')));

async function putDocument(doc: object): Promise<void> {
  const r = await acl('POST', '/api/v2/tailnet/-/acl', { body: doc, accept: 'json' });
  expect(r.status, r.text).toBe(200);
}

beforeAll(async () => {
  const account = await newAccount();
  nb = netbird(account.token);
  acl = tailscaleAcl(account.token);
  const key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
  [router, a, b] = [await register(key, 'ar-router'), await register(key, 'ar-a'), await register(key, 'ar-b')];
  const all = (await nb('GET', '/api/groups')).body.find((g: { name: string }) => g.name === 'All').id;
  // An access-control group no policy names: NetBird's rules forward nothing, the document decides.
  const acg = (await nb('POST', '/api/groups', { name: 'ar-acg', peers: [] })).body.id;
  const r = await nb('POST', '/api/routes', {
    description: '', network_id: 'ar-lan', enabled: true, peer: router.body.peer.id, network: LAN, metric: 100, masquerade: true, groups: [all], keep_route: false, access_control_groups: [acg],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
});

describe('the access-policy document towards a routed network, in agent maps', () => {
  it('gives the router an entry for the LAN host the rule names, and makes it and the permitted peer see each other', async () => {
    await putDocument({ acls: [{ action: 'accept', src: [a.body.peer.ip], proto: 'tcp', dst: ['198.19.50.10:80'] }] });
    expect(towardsLan((await mapOf(router)).packet_filter)).toEqual([
      { SrcIPs: [a.body.peer.ip], DstPorts: [{ IP: '198.19.50.10', Ports: { First: 80, Last: 80 } }], IPProto: [6] },
    ]);
    expect(await peerIds(a)).toEqual([router.body.peer.id]);
    expect(await peerIds(router)).toEqual([a.body.peer.id]);
    expect(await peerIds(b)).toEqual([]);
    expect((await mapOf(a)).routes).toEqual([expect.objectContaining({ network: LAN, routing_peers: [router.body.peer.id] })]);
    expect(towardsLan((await mapOf(a)).packet_filter)).toEqual([]);
  });

  it('narrows a wider destination to the route, and follows a change of the document', async () => {
    await putDocument({ acls: [{ action: 'accept', src: [b.body.peer.ip], dst: ['198.19.0.0/16:443'] }] });
    expect(towardsLan((await mapOf(router)).packet_filter)).toEqual([
      { SrcIPs: [b.body.peer.ip], DstPorts: [{ IP: LAN, Ports: { First: 443, Last: 443 } }] },
    ]);
    expect(await peerIds(b)).toEqual([router.body.peer.id]);
    expect(await peerIds(a)).toEqual([]);
  });

  it('leaves the routed entries out under "*:*", which covers routed networks already', async () => {
    await putDocument({ acls: [{ action: 'accept', src: ['*'], dst: ['*:*'] }] });
    const filter: Filter = (await mapOf(router)).packet_filter;
    expect(towardsLan(filter)).toEqual([]);
    expect(filter.some((e) => e.DstPorts.some((d) => d.IP === '*'))).toBe(true);
  });
});
