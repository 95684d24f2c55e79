// Network scenarios 1 and 8: under the default access-policy document (allow all) three machines
// join with the agent and every pair of them connects over the mesh; `status --json` shows each
// peer's endpoint and a handshake; a peer resolves another peer's name to its mesh IP through the
// agent's DNS stub.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentArgs, agentStatus, connects, listen, startAgent, tearDown, until, type AgentProcess } from '../support/mesh-agents';
import { Lab, networkTestsPossible, type Namespace } from '../support/netns';
import { api, startOwnServer, type OwnServer } from '../support/own-server';

const possible = networkTestsPossible();
if (!possible.ok) console.warn(`network tests skipped: ${possible.why}`);

let lab: Lab;
let own: OwnServer;
const agents: AgentProcess[] = [];
const listeners: ChildProcess[] = [];
const stateDirs: string[] = [];
const meshIp = new Map<Namespace, string>();
const meshIpv6 = new Map<Namespace, string>();

describe.skipIf(!possible.ok)('default document: allow all', () => {
  beforeAll(async () => {
    lab = await Lab.create('a');
    own = await startOwnServer('net-allow', {}, lab.hostIp);
    for (const label of ['one', 'two', 'three']) {
      const ns = await lab.addNamespace(label);
      const dir = mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));
      stateDirs.push(dir);
      listeners.push(await listen(ns, [22, 80]));
      const agent = startAgent(ns, agentArgs(ns, dir, ['--server', own.server.baseUrl, '--setup-key', own.setupKey, '--hostname', `allow-${label}`]));
      agents.push(agent);
      await agent.waitFor(/interface \S+ up/);
      const { peer } = await agentStatus(ns, dir);
      meshIp.set(ns, peer.ip);
      meshIpv6.set(ns, peer.ipv6);
    }
  });

  afterAll(() => tearDown({ agents, listeners, lab, own, dirs: stateDirs }));

  it('connects every pair of peers over the mesh', async () => {
    const spaces = lab.namespaces;
    for (const from of spaces) {
      for (const to of spaces) {
        if (from === to) continue;
        await until(`${from.name} → ${to.name} port 80`, () => connects(lab, from, meshIp.get(to)!, 80), true, 20_000);
        expect(await connects(lab, from, meshIp.get(to)!, 22)).toBe(true);
        // The mesh IPv6 addresses carry traffic too (their own routes, their own filter rules).
        expect(await connects(lab, from, meshIpv6.get(to)!, 80), `${from.name} → ${to.name} over IPv6`).toBe(true);
      }
    }
  });

  it('shows every other agent with its endpoint and a handshake in status --json', async () => {
    for (const [i, ns] of lab.namespaces.entries()) {
      const status = await agentStatus(ns, stateDirs[i]);
      expect(status.peer.ip).toBe(meshIp.get(ns));
      expect(status.serial).toBeGreaterThan(0);
      for (const other of lab.namespaces.filter((o) => o !== ns)) {
        const seen = status.peers.find((p) => p.ip === meshIp.get(other));
        expect(seen, `${ns.name} sees ${other.name}`).toBeDefined();
        expect(seen!.endpoint).toBe(`${other.ip}:51820`);
        expect(Date.parse(seen!.latest_handshake ?? '')).toBeGreaterThan(Date.now() - 180_000);
      }
    }
  });

  it('resolves another peer\'s name to its mesh IP through the DNS stub on its own mesh IP', async () => {
    const peers = (await (await api(own.server.baseUrl, own.token)('GET', '/api/peers')).json()) as { ip: string; dns_label: string }[];
    const [one, two] = lab.namespaces;
    const name = peers.find((p) => p.ip === meshIp.get(two))!.dns_label;
    expect(name).toMatch(/^allow-two\./);
    const query = (host: string) =>
      `const r = new (require('node:dns').promises.Resolver)({ timeout: 2000, tries: 1 }); r.setServers(['${meshIp.get(one)}']);` +
      `r.resolve4('${host}').then((a) => console.log(a.join(',')), (e) => console.log(e.code));`;
    expect((await lab.run(one, process.execPath, ['-e', query(name)])).trim()).toBe(meshIp.get(two));
    const domain = name.slice(name.indexOf('.') + 1);
    expect((await lab.run(one, process.execPath, ['-e', query(`nobody.${domain}`)])).trim()).toBe('ENOTFOUND');
  });

  it('keeps its key pair and token in a 0600 state file', async () => {
    const { statSync, readFileSync } = await import('node:fs');
    const file = join(stateDirs[0], 'state.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const state = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(state).sort()).toEqual(['peer_id', 'peer_token', 'private_key', 'public_key', 'server']);
  });
});
