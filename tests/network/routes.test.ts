// Network scenario 7: a routing peer in front of a LAN. The LAN is a namespace of its own, wired to
// the router's namespace only (198.19.N.0/24), and its host has no route back to the mesh: only
// masquerading by the router lets it answer. A NetBird network (resource = the LAN, router = the
// routing peer, masquerade) and a policy "lan-users → the resource, TCP 80" let the permitted peer
// reach the LAN host on port 80 through the router, not on 8080; a peer without permission gets no
// route, and when it routes the LAN through the router by hand the router drops its packets.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentArgs, agentStatus, answer, connects, startAgent, tearDown, until, type AgentProcess } from '../support/mesh-agents';
import { addLan } from '../support/lan';
import { Lab, networkTestsPossible, type Namespace } from '../support/netns';
import { api, startOwnServer, type OwnServer } from '../support/own-server';

const possible = networkTestsPossible();

let lab: Lab;
let own: OwnServer;
let call: ReturnType<typeof api>;
let lan: Namespace;
let lanNet = '';
let lanHost = '';
let routerLanIp = '';
const agents = new Map<string, AgentProcess>();
const listeners: ChildProcess[] = [];
const dirs: string[] = [];
const peers = new Map<string, { ns: Namespace; id: string; ip: string; dir: string }>();
let usersGroup = '';

/** The LAN behind the router (tests/support/lan.ts). */
async function addLanTo(router: Namespace): Promise<void> {
  const made = await addLan(lab, router, [80, 8080]);
  ({ ns: lan, net: lanNet, host: lanHost, routerIp: routerLanIp } = made);
  listeners.push(made.listener);
}

const forwardingIn = async (ns: Namespace) => (await lab.run(ns, 'cat', ['/proc/sys/net/ipv4/ip_forward'])).trim();

describe.skipIf(!possible.ok)('a routing peer in front of a LAN, on real packets', () => {
  beforeAll(async () => {
    lab = await Lab.create('r');
    own = await startOwnServer('net-routes', {}, lab.hostIp);
    call = api(own.server.baseUrl, own.token);
    for (const label of ['router', 'client', 'other']) {
      const ns = await lab.addNamespace(label);
      const dir = mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));
      dirs.push(dir);
      const agent = startAgent(ns, agentArgs(ns, dir, ['--server', own.server.baseUrl, '--setup-key', own.setupKey, '--hostname', `routes-${label}`]));
      agents.set(label, agent);
      await agent.waitFor(/interface \S+ up/);
      const status = await agentStatus(ns, dir);
      peers.set(label, { ns, id: status.peer.id, ip: status.peer.ip, dir });
    }
    await addLanTo(peers.get('router')!.ns);
    // A new namespace inherits the machine's IPv4 forwarding: start from "off" to see the agent's doing.
    await lab.run(peers.get('router')!.ns, 'sh', ['-c', 'echo 0 > /proc/sys/net/ipv4/ip_forward']);
    // The document lets client and other see the router (SSH only); the policy below is what
    // opens the LAN, to the client alone.
    const p = (l: string) => peers.get(l)!;
    const acl = await fetch(`${own.server.baseUrl}/api/v2/tailnet/-/acl`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${own.token}:`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ acls: [{ action: 'accept', src: [p('client').ip, p('other').ip], dst: [`${p('router').ip}:22`] }] }),
    });
    expect(acl.status, await acl.clone().text()).toBe(200);
  });

  afterAll(() => tearDown({ agents: agents.values(), listeners, lab, own, dirs }));

  it('lets the permitted peer reach the LAN host through the router, masqueraded, on the policy’s port only', async () => {
    const p = (l: string) => peers.get(l)!;
    expect(await forwardingIn(p('router').ns)).toBe('0');
    // Before any route the LAN is out of reach.
    expect(await connects(lab, p('client').ns, lanHost, 80, 800)).toBe(false);

    const started = Date.now();
    usersGroup = (await (await call('POST', '/api/groups', { name: 'lan-users', peers: [p('client').id] })).json()).id;
    const network = await (await call('POST', '/api/networks', { name: 'office', description: 'the LAN' })).json();
    const resource = await call('POST', `/api/networks/${network.id}/resources`, { name: 'office-lan', description: '', address: lanNet, enabled: true, groups: [] });
    expect(resource.status, await resource.clone().text()).toBe(200);
    const router = await call('POST', `/api/networks/${network.id}/routers`, { peer: p('router').id, metric: 100, masquerade: true, enabled: true });
    expect(router.status, await router.clone().text()).toBe(200);
    const policy = await call('POST', '/api/policies', {
      name: 'lan users to the office LAN',
      enabled: true,
      rules: [
        {
          name: 'web',
          enabled: true,
          action: 'accept',
          bidirectional: false,
          protocol: 'tcp',
          ports: ['80'],
          sources: [usersGroup],
          destinationResource: { id: (await resource.json()).id, type: 'subnet' },
        },
      ],
    });
    expect(policy.status, await policy.clone().text()).toBe(200);

    const took = await until('client → LAN:80 through the router', () => connects(lab, p('client').ns, lanHost, 80, 400), true, 10_000);
    console.log(`route and policy created → LAN reachable: ${Date.now() - started} ms (${took} ms after the last API answer)`);
    // The LAN host sees the router's LAN address: it has no route back to the mesh.
    expect(await answer(lab, p('client').ns, lanHost, 80)).toBe(`ok 80 from ${routerLanIp}`);
    expect(await connects(lab, p('client').ns, lanHost, 8080, 1500)).toBe(false);
    expect(await connects(lab, p('other').ns, lanHost, 80, 1500)).toBe(false);
    expect(await forwardingIn(p('router').ns)).toBe('1');
    // The client routes the LAN through the mesh interface; the other peer has no such route.
    expect(await lab.run(p('client').ns, 'ip', ['route', 'show', lanNet])).toContain(`dev ${p('client').ns.wgName}`);
    expect((await lab.run(p('other').ns, 'ip', ['route', 'show', lanNet])).trim()).toBe('');
  });

  it('drops at the router what a peer without permission sends to the LAN by hand, until it is permitted', async () => {
    const p = (l: string) => peers.get(l)!;
    const other = p('other');
    // Route the LAN through the router on the other peer's own authority.
    const allowed = await lab.run(other.ns, 'wg', ['show', other.ns.wgName, 'allowed-ips']);
    const line = allowed.split('\n').find((l) => l.includes(`${p('router').ip}/32`));
    expect(line, allowed).toBeTruthy();
    const [routerKey, ips] = line!.split('\t');
    await lab.run(other.ns, 'wg', ['set', other.ns.wgName, 'peer', routerKey, 'allowed-ips', [...ips.trim().split(' '), lanNet].join(',')]);
    await lab.run(other.ns, 'ip', ['route', 'replace', lanNet, 'dev', other.ns.wgName]);
    expect(await connects(lab, other.ns, lanHost, 80, 1500)).toBe(false);
    // The router counted the drop in its forward chain.
    const table = await lab.run(p('router').ns, 'nft', ['list', 'chain', 'inet', `meshdeck_${p('router').ns.wgName}`, 'forward']);
    expect(table).toMatch(/counter packets [1-9]\d* bytes \d+ drop/);

    // The same peer, once in the policy's group, gets the route from its map and gets through.
    const started = Date.now();
    const r = await call('PUT', `/api/groups/${usersGroup}`, { name: 'lan-users', peers: [p('client').id, other.id] });
    expect(r.status, await r.clone().text()).toBe(200);
    await until('other → LAN:80 once permitted', () => connects(lab, other.ns, lanHost, 80, 400), true, 10_000);
    console.log(`peer added to the group → LAN reachable: ${Date.now() - started} ms`);
  });

  it('puts forwarding back and removes the rules when the routing peer leaves', async () => {
    const router = peers.get('router')!;
    expect(await agents.get('router')!.stop()).toEqual({ code: 0, signal: null });
    expect(await forwardingIn(router.ns)).toBe('0');
    expect((await lab.exec(router.ns, 'nft', ['list', 'table', 'inet', `meshdeck_${router.ns.wgName}`])).code).not.toBe(0);
    expect(await connects(lab, peers.get('client')!.ns, lanHost, 80, 800)).toBe(false);
  });
});
