// NetBird drop rules with ports, end to end: "accept All → All" plus "drop contractors → servers
// TCP 22" reaches the server's agent map as a packet filter where the contractor keeps everything
// but TCP 22, and a pair left with nothing accepted either way no longer sees each other.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register, sync } from '../support/peers';
import { tailscaleAcl } from '../support/tailscale-acl-client';

let nb: ReturnType<typeof netbird>;
let key = '';

beforeAll(async () => {
  const a = await newAccount();
  nb = netbird(a.token);
  // Only the NetBird policies under test grant access: replace the default document (allow all).
  expect((await tailscaleAcl(a.token)('POST', '/api/v2/tailnet/-/acl', { body: '{"acls": []}' })).status).toBe(200);
  key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
});

/** Filter rules in a fixed order (the order of sources follows the database's order of peers). */
const sorted = (rules: unknown[]) => rules.map((r) => JSON.stringify(r)).sort();
const rule = (over: Record<string, unknown>) => ({ name: 'r', enabled: true, action: 'accept', bidirectional: false, protocol: 'all', ...over });

describe('NetBird drop rules with ports', () => {
  it('take their ports from accept rules in the agent map, and from visibility when nothing is left', async () => {
    const [contractor, server, staff] = [await register(key, 'contractor'), await register(key, 'server'), await register(key, 'staff')];
    const all = contractor.body.peer.groups.find((g: { name: string }) => g.name === 'All').id;
    const contractors = (await nb('POST', '/api/groups', { name: 'contractors', peers: [contractor.body.peer.id] })).body.id;
    const servers = (await nb('POST', '/api/groups', { name: 'servers', peers: [server.body.peer.id] })).body.id;
    const open = await nb('POST', '/api/policies', { name: 'open', enabled: true, rules: [rule({ name: 'all', sources: [all], destinations: [all] })] });
    expect(open.status).toBe(200);
    const noSsh = await nb('POST', '/api/policies', {
      name: 'no ssh for contractors',
      enabled: true,
      rules: [rule({ name: 'ssh', action: 'drop', protocol: 'tcp', ports: ['22'], sources: [contractors], destinations: [servers] })],
    });
    expect(noSsh.status).toBe(200);

    const map = (await sync(server.body.peer_token)).body;
    const on = (...ranges: [number, number][]) => [server.body.peer.ip, server.body.peer.ipv6].flatMap((IP) => ranges.map(([First, Last]) => ({ IP, Ports: { First, Last } })));
    const fromContractor = [contractor.body.peer.ip, contractor.body.peer.ipv6];
    expect(sorted(map.packet_filter)).toEqual(
      sorted([
        { SrcIPs: fromContractor, DstPorts: on([0, 65535]), IPProto: [1, 17, 58, 132] },
        { SrcIPs: fromContractor, DstPorts: on([0, 21], [23, 65535]), IPProto: [6] },
        { SrcIPs: [staff.body.peer.ip, staff.body.peer.ipv6], DstPorts: on([0, 65535]) },
      ]),
    );
    expect(map.peers.map((p: { id: string }) => p.id).sort()).toEqual([contractor.body.peer.id, staff.body.peer.id].sort());

    // With TCP 22 the only thing accepted and the drop made bidirectional, nothing is left between
    // contractor and server either way: they no longer see each other.
    const only22 = await nb('PUT', `/api/policies/${open.body.id}`, { name: 'open', enabled: true, rules: [rule({ name: 'ssh', protocol: 'tcp', ports: ['22'], sources: [all], destinations: [all] })] });
    expect(only22.status).toBe(200);
    const bothWays = await nb('PUT', `/api/policies/${noSsh.body.id}`, {
      name: 'no ssh for contractors',
      enabled: true,
      rules: [rule({ name: 'ssh', action: 'drop', bidirectional: true, protocol: 'tcp', ports: ['22'], sources: [contractors], destinations: [servers] })],
    });
    expect(bothWays.status).toBe(200);
    const after = (await sync(server.body.peer_token)).body;
    expect(after.packet_filter).toEqual([{ SrcIPs: [staff.body.peer.ip, staff.body.peer.ipv6], DstPorts: on([22, 22]), IPProto: [6] }]);
    expect(after.peers.map((p: { id: string }) => p.id)).toEqual([staff.body.peer.id]);
    const seen = (await nb('GET', `/api/peers/${contractor.body.peer.id}/accessible-peers`)).body.map((p: { id: string }) => p.id);
    expect(seen).toEqual([staff.body.peer.id]);
  });
});
