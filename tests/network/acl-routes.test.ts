// Network scenario: the access-policy document towards a routed network (issue #18), as Tailscale's
// subnet routers. A routing peer in front of a LAN (tests/support/lan.ts) serves a NetBird route
// distributed to every peer, whose access-control group no policy names: NetBird's policies let
// nothing through, so only the document decides. It lets peer A reach the LAN host's port 80 and
// not B: A connects (masqueraded) and B does not, A cannot reach port 22; a document change
// through the Tailscale API flips it within 2 s.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLan, type Lan } from '../support/lan';
import { agentArgs, agentStatus, answer, connects, startAgent, tearDown, until, type AgentProcess } from '../support/mesh-agents';
import { Lab, networkTestsPossible, type Namespace } from '../support/netns';
import { api, startOwnServer, type OwnServer } from '../support/own-server';

const possible = networkTestsPossible();

let lab: Lab;
let own: OwnServer;
let call: ReturnType<typeof api>;
let lan: Lan;
const agents = new Map<string, AgentProcess>();
const listeners: ChildProcess[] = [];
const dirs: string[] = [];
const peers = new Map<string, { ns: Namespace; id: string; ip: string }>();
const p = (label: string) => peers.get(label)!;

/** Replaces the account's access-policy document through the Tailscale API. */
async function putDocument(doc: object): Promise<void> {
  const r = await fetch(`${own.server.baseUrl}/api/v2/tailnet/-/acl`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${own.token}:`).toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(doc),
  });
  expect(r.status, await r.clone().text()).toBe(200);
}

/** The document: `who` may reach the LAN host on port 80, nothing else. */
const lanWebFor = (who: string) => ({ acls: [{ action: 'accept', src: [p(who).ip], dst: [`${lan.host}:80`] }] });

describe.skipIf(!possible.ok)('the access-policy document towards a routed LAN, on real packets', () => {
  beforeAll(async () => {
    lab = await Lab.create('q');
    own = await startOwnServer('net-acl-routes', {}, lab.hostIp);
    call = api(own.server.baseUrl, own.token);
    for (const label of ['router', 'a', 'b']) {
      const ns = await lab.addNamespace(label);
      const dir = mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));
      dirs.push(dir);
      const agent = startAgent(ns, agentArgs(ns, dir, ['--server', own.server.baseUrl, '--setup-key', own.setupKey, '--hostname', `aclroutes-${label}`]));
      agents.set(label, agent);
      await agent.waitFor(/interface \S+ up/);
      const status = await agentStatus(ns, dir);
      peers.set(label, { ns, id: status.peer.id, ip: status.peer.ip });
    }
    lan = await addLan(lab, p('router').ns, [80, 22]);
    listeners.push(lan.listener);
    await putDocument(lanWebFor('a'));
    const groups = await (await call('GET', '/api/groups')).json();
    const all = groups.find((g: { name: string }) => g.name === 'All').id;
    const acg = (await (await call('POST', '/api/groups', { name: 'lan-acl', peers: [] })).json()).id;
    const route = await call('POST', '/api/routes', {
      description: 'the LAN', network_id: 'office', enabled: true, peer: p('router').id, network: lan.net, metric: 100, masquerade: true, groups: [all], keep_route: false, access_control_groups: [acg],
    });
    expect(route.status, await route.clone().text()).toBe(200);
  });

  afterAll(() => tearDown({ agents: agents.values(), listeners, lab, own, dirs }));

  it('lets the peer the document permits reach the LAN host’s port 80 through the router, and nothing else', async () => {
    await until('a → LAN:80 through the router', () => connects(lab, p('a').ns, lan.host, 80, 400), true, 10_000);
    expect(await answer(lab, p('a').ns, lan.host, 80)).toBe(`ok 80 from ${lan.routerIp}`);
    expect(await connects(lab, p('a').ns, lan.host, 22, 1500)).toBe(false);
    expect(await connects(lab, p('b').ns, lan.host, 80, 1500)).toBe(false);
    // B has the route (distributed to everyone) but not the router among its peers.
    const bPeers = await lab.run(p('b').ns, 'wg', ['show', p('b').ns.wgName, 'allowed-ips']);
    expect(bPeers).not.toContain(`${p('router').ip}/32`);
  });

  it('follows a document change within 2 s', async () => {
    const started = Date.now();
    await putDocument(lanWebFor('b'));
    const took = await until('b → LAN:80 after the change', () => connects(lab, p('b').ns, lan.host, 80, 300), true, 2_000);
    console.log(`document changed → b reaches the LAN: ${took} ms (${Date.now() - started} ms with the API call)`);
    await until('a cut off after the change', () => connects(lab, p('a').ns, lan.host, 80, 300), false, 2_000);
    expect(await connects(lab, p('b').ns, lan.host, 22, 1500)).toBe(false);
  });
});
