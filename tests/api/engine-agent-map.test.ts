// The agent network map carries what the Tailscale API configures, on the NetBird model: the
// document's "ssh" section as the target peer's SSH policy, Tailscale DNS next to NetBird's
// nameserver groups, and device routes enabled through the Tailscale API next to NetBird routes.
// Device tags are checked against the document's tagOwners, with Tailscale's message.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { insertPeer, register, sync } from '../support/peers';
import { tailscaleAcl } from '../support/tailscale-acl-client';
import { tailscale } from '../support/tailscale-client';

type Reg = Awaited<ReturnType<typeof register>>;
let nb: ReturnType<typeof netbird>;
let ts: ReturnType<typeof tailscale>;
let acl: ReturnType<typeof tailscaleAcl>;
let accountId = '';
let key = '';

const DOC = `{
	"tagOwners": {"tag:server": ["autogroup:admin"], "tag:client": ["autogroup:admin"]},
	"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}],
	"ssh": [{"action": "accept", "src": ["tag:client"], "dst": ["tag:server"], "users": ["root", "ubuntu"]}],
}
`;

beforeAll(async () => {
  const a = await newAccount();
  accountId = a.account.id;
  nb = netbird(a.token);
  ts = tailscale(a.token);
  acl = tailscaleAcl(a.token);
  key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
});

const tag = (r: Reg, tags: string[]) => ts('POST', `/api/v2/device/${r.body.peer.id}/tags`, { tags });

describe('device tags and tagOwners', () => {
  it('refuses tags the document does not define, with Tailscale\'s message, and accepts defined ones', async () => {
    const peer = await register(key, 'tagged');
    // The default document defines no tags.
    const undefinedTag = await tag(peer, ['tag:server']);
    expect(undefinedTag.status).toBe(400);
    expect(undefinedTag.body.message).toBe('requested tags [tag:server] are invalid or not permitted');
    expect((await acl('POST', '/api/v2/tailnet/-/acl', { body: DOC })).status).toBe(200);
    expect((await tag(peer, ['tag:server'])).status).toBe(200);
    const mixed = await tag(peer, ['tag:server', 'tag:nope', 'tag:other']);
    expect(mixed.status).toBe(400);
    expect(mixed.body.message).toBe('requested tags [tag:nope tag:other] are invalid or not permitted');
    expect((await ts('GET', `/api/v2/device/${peer.body.peer.id}`)).body.tags).toEqual(['tag:server']);
    // Only owners and admins may change tags at all (a member gets 403 before tagOwners matter).
    const member = tailscale((await newUser(accountId, 'user')).token);
    expect((await member('POST', `/api/v2/device/${peer.body.peer.id}/tags`, { tags: ['tag:client'] })).status).toBe(403);
  });
});

describe('SSH policy in the agent map', () => {
  it('goes to the peers an ssh rule targets, with the sources as principals', async () => {
    expect((await acl('POST', '/api/v2/tailnet/-/acl', { body: DOC })).status).toBe(200);
    const [server, client, other] = [await register(key, 'ssh-server'), await register(key, 'ssh-client'), await register(key, 'ssh-other')];
    expect((await tag(server, ['tag:server'])).status).toBe(200);
    expect((await tag(client, ['tag:client'])).status).toBe(200);
    const map = (await sync(server.body.peer_token)).body;
    expect(map.ssh_policy).toEqual({
      rules: [
        {
          principals: [{ nodeIP: client.body.peer.ip }, { nodeIP: client.body.peer.ipv6 }],
          sshUsers: { root: 'root', ubuntu: 'ubuntu' },
          action: { accept: true, allowAgentForwarding: true, allowLocalPortForwarding: true, allowRemotePortForwarding: true },
        },
      ],
    });
    expect((await sync(other.body.peer_token)).body.ssh_policy).toEqual({ rules: [] });
    expect((await sync(client.body.peer_token)).body.ssh_policy).toEqual({ rules: [] });
  });
});

describe('Tailscale DNS in the agent map', () => {
  it('shows global nameservers, split DNS and search paths next to NetBird nameserver groups', async () => {
    const peer = await register(key, 'dns-peer');
    const all = ((await nb('GET', '/api/groups')).body as { id: string; name: string }[]).find((g) => g.name === 'All')!;
    const ns = await nb('POST', '/api/dns/nameservers', {
      name: 'corp', description: '', nameservers: [{ ip: '10.0.0.53', ns_type: 'udp', port: 53 }], enabled: true, groups: [all.id], primary: false, domains: ['corp.example'], search_domains_enabled: true,
    });
    expect(ns.status).toBe(200);
    expect((await ts('POST', '/api/v2/tailnet/-/dns/nameservers', { dns: ['1.1.1.1'] })).status).toBe(200);
    expect((await ts('POST', '/api/v2/tailnet/-/dns/preferences', { magicDNS: true })).status).toBe(200);
    expect((await ts('POST', '/api/v2/tailnet/-/dns/searchpaths', { searchPaths: ['internal.example'] })).status).toBe(200);
    expect((await ts('PUT', '/api/v2/tailnet/-/dns/split-dns', { 'lab.example': ['10.9.0.53'] })).status).toBe(200);
    const dns = (await sync(peer.body.peer_token)).body.dns;
    expect(dns.magic_dns).toBe(true);
    expect(dns.search_domains).toEqual(['internal.example']);
    expect(dns.nameserver_groups).toEqual([
      { id: ns.body.id, name: 'corp', primary: false, domains: ['corp.example'], search_domains_enabled: true, nameservers: [{ ip: '10.0.0.53', ns_type: 'udp', port: 53 }] },
      { id: 'tailnet-dns', name: 'Tailscale DNS', primary: true, domains: [], search_domains_enabled: false, nameservers: [{ ip: '1.1.1.1', ns_type: 'udp', port: 53 }] },
      { id: 'tailnet-dns:lab.example', name: 'Tailscale split DNS lab.example', primary: false, domains: ['lab.example'], search_domains_enabled: false, nameservers: [{ ip: '10.9.0.53', ns_type: 'udp', port: 53 }] },
    ]);
    // Clearing the Tailscale nameservers removes the global group and turns MagicDNS off.
    expect((await ts('POST', '/api/v2/tailnet/-/dns/nameservers', { dns: [] })).status).toBe(200);
    const after = (await sync(peer.body.peer_token)).body.dns;
    expect(after.magic_dns).toBe(false);
    expect(after.nameserver_groups.map((g: { id: string }) => g.id)).toEqual([ns.body.id, 'tailnet-dns:lab.example']);
  });
});

describe('device routes in the agent map', () => {
  it('shows routes enabled through the Tailscale API to peers that see the router, next to NetBird routes', async () => {
    const client = await register(key, 'route-client');
    const router = await insertPeer(accountId, 'ts-router', { advertisedRoutes: '["10.20.0.0/24","0.0.0.0/0"]' });
    const routesOf = async () => (await sync(client.body.peer_token)).body.routes as { id: string; network: string; routing_peers: string[] }[];
    expect((await routesOf()).filter((r) => r.routing_peers.includes(router.id))).toEqual([]);
    expect((await ts('POST', `/api/v2/device/${router.id}/routes`, { routes: ['10.20.0.0/24', '0.0.0.0/0'] })).status).toBe(200);
    expect((await routesOf()).filter((r) => r.routing_peers.includes(router.id))).toEqual([
      { id: `${router.id}:10.20.0.0/24`, net_id: '10.20.0.0/24', network: '10.20.0.0/24', network_type: 'IPv4', metric: 9999, masquerade: true, keep_route: false, routing_peers: [router.id] },
      { id: `${router.id}:0.0.0.0/0`, net_id: '0.0.0.0/0', network: '0.0.0.0/0', network_type: 'IPv4', metric: 9999, masquerade: true, keep_route: false, routing_peers: [router.id] },
    ]);
    // A NetBird route shows alongside.
    const all = ((await nb('GET', '/api/groups')).body as { id: string; name: string }[]).find((g) => g.name === 'All')!;
    const nbRoute = await nb('POST', '/api/routes', {
      description: '', network_id: 'office', enabled: true, peer: router.id, network: '192.168.50.0/24', metric: 100, masquerade: true, groups: [all.id], keep_route: false,
    });
    expect(nbRoute.status).toBe(200);
    expect((await routesOf()).map((r) => r.network)).toEqual(expect.arrayContaining(['192.168.50.0/24', '10.20.0.0/24', '0.0.0.0/0']));
    // A document under which the client cannot see the router takes the device routes away.
    const isolated = `{"acls": [{"action": "accept", "src": ["${client.body.peer.ip}"], "dst": ["${client.body.peer.ip}:*"]}]}`;
    expect((await acl('POST', '/api/v2/tailnet/-/acl', { body: isolated })).status).toBe(200);
    expect((await routesOf()).filter((r) => r.id.startsWith(`${router.id}:`))).toEqual([]);
  });
});
