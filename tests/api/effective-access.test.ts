// One engine across the APIs: a NetBird policy and a rule of the Tailscale access-policy document,
// in the same account, both show in accessible-peers, in the agents' network maps, and the ACL rule
// in the ACL preview. A new account starts with Tailscale's default document (allow all).
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register, sync } from '../support/peers';
import { tailscaleAcl } from '../support/tailscale-acl-client';

type Reg = Awaited<ReturnType<typeof register>>;
let nb: ReturnType<typeof netbird>;
let acl: ReturnType<typeof tailscaleAcl>;
let key = '';

beforeAll(async () => {
  const a = await newAccount();
  nb = netbird(a.token);
  acl = tailscaleAcl(a.token);
  key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
});

const ids = (list: { id: string }[]) => list.map((p) => p.id).sort();
const seen = async (r: Reg) => ids((await nb('GET', `/api/peers/${r.body.peer.id}/accessible-peers`)).body);

describe('effective access', () => {
  it('is allow-all under the default document, and the union of NetBird policies and ACL rules after', async () => {
    const [a, b, c, d] = [await register(key, 'a'), await register(key, 'b'), await register(key, 'c'), await register(key, 'd')];
    // Tailscale's default document: everyone reaches everyone.
    expect(await seen(a)).toEqual(ids([b, c, d].map((r) => r.body.peer)));

    // The document now lets a reach b on port 22, and nothing else.
    const doc = `{
	// ops access
	"acls": [
		{"action": "accept", "src": ["${a.body.peer.ip}"], "dst": ["${b.body.peer.ip}:22"]},
	],
}
`;
    const saved = await acl('POST', '/api/v2/tailnet/-/acl', { body: doc });
    expect(saved.status).toBe(200);
    expect(await seen(a)).toEqual([b.body.peer.id]);
    expect(await seen(c)).toEqual([]);

    // A NetBird policy adds c → d on 443.
    const gc = (await nb('POST', '/api/groups', { name: 'c-group', peers: [c.body.peer.id] })).body;
    const gd = (await nb('POST', '/api/groups', { name: 'd-group', peers: [d.body.peer.id] })).body;
    const policy = await nb('POST', '/api/policies', {
      name: 'c to d',
      enabled: true,
      rules: [{ name: 'https', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['443'], sources: [gc.id], destinations: [gd.id] }],
    });
    expect(policy.status).toBe(200);
    expect(await seen(c)).toEqual([d.body.peer.id]);
    expect(await seen(a)).toEqual([b.body.peer.id]);
    expect(await seen(b)).toEqual([a.body.peer.id]);

    // The agents' maps carry both: b accepts a on 22 (ACL), d accepts c on 443 (NetBird).
    const mapB = (await sync(b.body.peer_token)).body;
    expect(mapB.peers.map((p: { id: string }) => p.id)).toEqual([a.body.peer.id]);
    expect(mapB.packet_filter).toContainEqual(expect.objectContaining({ SrcIPs: expect.arrayContaining([a.body.peer.ip]), DstPorts: expect.arrayContaining([expect.objectContaining({ Ports: { First: 22, Last: 22 } })]) }));
    const mapD = (await sync(d.body.peer_token)).body;
    expect(mapD.packet_filter).toContainEqual(expect.objectContaining({ SrcIPs: expect.arrayContaining([c.body.peer.ip]), DstPorts: expect.arrayContaining([{ IP: d.body.peer.ip, Ports: { First: 443, Last: 443 } }]), IPProto: [6] }));
    // The listing's counts agree.
    const listed = (await nb('GET', '/api/peers')).body as { id: string; accessible_peers_count: number }[];
    expect(listed.find((p) => p.id === a.body.peer.id)!.accessible_peers_count).toBe(1);

    // The ACL preview shows the rule for b's address, with its line in the document.
    const preview = await acl('POST', `/api/v2/tailnet/-/acl/preview?type=ipport&previewFor=${encodeURIComponent(`${b.body.peer.ip}:22`)}`, { body: doc });
    expect(preview.body.matches).toEqual([{ users: [a.body.peer.ip], ports: [`${b.body.peer.ip}:22`], lineNumber: 4 }]);
  });
});
