// Network scenarios 2 and 3: a NetBird policy "group A → group B, TCP 22" with the access-policy
// document emptied is enforced on real packets (one way, that port only, nobody else), and a change
// of the document (Tailscale API) or of the policy (NetBird API) flips connections within 2 s
// while the others stay as they were.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentArgs, agentStatus, connects, listen, startAgent, tearDown, until, type AgentProcess } from '../support/mesh-agents';
import { Lab, networkTestsPossible, type Namespace } from '../support/netns';
import { api, startOwnServer, type OwnServer } from '../support/own-server';

const possible = networkTestsPossible();

let lab: Lab;
let own: OwnServer;
let call: ReturnType<typeof api>;
const agents: AgentProcess[] = [];
const listeners: ChildProcess[] = [];
const stateDirs: string[] = [];
const peer = new Map<string, { ns: Namespace; id: string; ip: string; ipv6: string }>();
let groupA = '';
let groupB = '';
let policyId = '';

/** POST /api/v2/tailnet/-/acl with the owner's token (Tailscale's basic auth). */
async function setAcl(doc: object) {
  const r = await fetch(`${own.server.baseUrl}/api/v2/tailnet/-/acl`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${own.token}:`).toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(doc),
  });
  expect(r.status, await r.clone().text()).toBe(200);
}

const sshPolicy = (ports: string[]) => ({
  name: 'A to B',
  enabled: true,
  rules: [{ name: 'ssh', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports, sources: [groupA], destinations: [groupB] }],
});

/** Connection attempts in parallel: from → to:port for each, answered with whether each connected. */
async function reach(pairs: [string, string, number][]): Promise<string[]> {
  const results = await Promise.all(pairs.map(([from, to, port]) => connects(lab, peer.get(from)!.ns, peer.get(to)!.ip, port)));
  return pairs.map(([from, to, port], i) => `${from}→${to}:${port} ${results[i] ? 'open' : 'closed'}`);
}

const all = (froms: string[], tos: string[], ports: number[]) =>
  froms.flatMap((f) => tos.filter((t) => t !== f).flatMap((t) => ports.map((p) => [f, t, p] as [string, string, number])));

describe.skipIf(!possible.ok)('NetBird policy and ACL document on real packets', () => {
  beforeAll(async () => {
    lab = await Lab.create('b');
    own = await startOwnServer('net-policy', {}, lab.hostIp);
    call = api(own.server.baseUrl, own.token);
    for (const label of ['a', 'b', 'c']) {
      const ns = await lab.addNamespace(label);
      const dir = mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));
      stateDirs.push(dir);
      listeners.push(await listen(ns, [22, 80]));
      const agent = startAgent(ns, agentArgs(ns, dir, ['--server', own.server.baseUrl, '--setup-key', own.setupKey, '--hostname', `policy-${label}`]));
      agents.push(agent);
      await agent.waitFor(/interface \S+ up/);
      const status = await agentStatus(ns, dir);
      peer.set(label, { ns, id: status.peer.id, ip: status.peer.ip, ipv6: status.peer.ipv6 });
    }
    groupA = (await (await call('POST', '/api/groups', { name: 'net-A', peers: [peer.get('a')!.id] })).json()).id;
    groupB = (await (await call('POST', '/api/groups', { name: 'net-B', peers: [peer.get('b')!.id] })).json()).id;
    const created = await call('POST', '/api/policies', sshPolicy(['22']));
    expect(created.status).toBe(200);
    policyId = (await created.json()).id;
    await setAcl({ acls: [] });
  });

  afterAll(() => tearDown({ agents, listeners, lab, own, dirs: stateDirs }));

  it('lets A reach B on TCP 22 only, one way, and a peer in neither group nobody', async () => {
    await until('a → b:22', () => connects(lab, peer.get('a')!.ns, peer.get('b')!.ip, 22), true, 10_000);
    expect(await reach([['a', 'b', 22], ['a', 'b', 80], ['b', 'a', 22], ['b', 'a', 80]])).toEqual(['a→b:22 open', 'a→b:80 closed', 'b→a:22 closed', 'b→a:80 closed']);
    // The map names B by its IPv4 address; the rule holds for B's IPv6 address as well.
    const [v6ssh, v6web] = await Promise.all([22, 80].map((port) => connects(lab, peer.get('a')!.ns, peer.get('b')!.ipv6, port)));
    expect({ v6ssh, v6web }).toEqual({ v6ssh: true, v6web: false });
    const fromC = all(['c'], ['a', 'b'], [22, 80]);
    const toC = all(['a', 'b'], ['c'], [22, 80]);
    expect(await reach([...fromC, ...toC])).toEqual([...fromC, ...toC].map(([f, t, p]) => `${f}→${t}:${p} closed`));
  });

  it('opens C → A:80 within 2 s of an ACL document change, and changes nothing else', async () => {
    const started = Date.now();
    await setAcl({ acls: [{ action: 'accept', src: [peer.get('c')!.ip], dst: [`${peer.get('a')!.ip}:80`] }] });
    const took = await until('c → a:80 opens', () => connects(lab, peer.get('c')!.ns, peer.get('a')!.ip, 80, 400), true, 2000);
    console.log(`ACL change → enforced: ${Date.now() - started} ms after the request was sent (${took} ms after it was answered)`);
    expect(await reach([['c', 'a', 80], ['c', 'a', 22], ['c', 'b', 80], ['a', 'b', 22], ['a', 'b', 80], ['b', 'a', 80]])).toEqual([
      'c→a:80 open',
      'c→a:22 closed',
      'c→b:80 closed',
      'a→b:22 open',
      'a→b:80 closed',
      'b→a:80 closed',
    ]);
  });

  it('moves A → B from port 22 to 80 within 2 s of a policy change, and changes nothing else', async () => {
    const logFrom = agents.map((a) => a.output().length);
    const started = Date.now();
    const r = await call('PUT', `/api/policies/${policyId}`, sshPolicy(['80']));
    expect(r.status).toBe(200);
    const opened = await until('a → b:80 opens', () => connects(lab, peer.get('a')!.ns, peer.get('b')!.ip, 80, 400), true, 2000);
    const closed = await until('a → b:22 closes', () => connects(lab, peer.get('a')!.ns, peer.get('b')!.ip, 22, 400), false, 2000);
    console.log(`policy change → enforced: port 80 open after ${opened} ms, port 22 closed ${closed} ms later (${Date.now() - started} ms in all)`);
    expect(await reach([['a', 'b', 80], ['a', 'b', 22], ['b', 'a', 80], ['c', 'a', 80], ['c', 'b', 80]])).toEqual([
      'a→b:80 open',
      'a→b:22 closed',
      'b→a:80 closed',
      'c→a:80 open',
      'c→b:80 closed',
    ]);
    // Only B's map changed (what it accepts from A): B got a delta, A and C nothing at all.
    const applied = agents.map((a, i) => a.output().slice(logFrom[i]).match(/applied map \d+ \([a-z ]+\)/g) ?? []);
    expect(applied[1].length).toBeGreaterThan(0);
    expect(applied[1].every((line) => line.endsWith('(delta)'))).toBe(true);
    expect({ a: applied[0], c: applied[2] }).toEqual({ a: [], c: [] });
  });
});
