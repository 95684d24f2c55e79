// Getting the agent onto a machine: the single file the server serves (GET /agent/meshdeck-agent.mjs)
// is downloaded into a folder of its own and run with plain `node` in two namespaces — not
// `npm run agent`: no tsx, no node_modules, a bare environment. Both join with the setup key and
// connect to each other over the mesh; the server sees the agent's version as its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcess, connects, listen, tearDown, until, type StatusJson } from '../support/mesh-agents';
import { exec, Lab, networkTestsPossible, type Namespace } from '../support/netns';
import { api, startOwnServer, type OwnServer } from '../support/own-server';
import { ROOT } from '../support/server';

const possible = networkTestsPossible();
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

let lab: Lab;
let own: OwnServer;
let folder = '';
let agentFile = '';
const agents = new Map<Namespace, AgentProcess>();
const stateDirs = new Map<Namespace, string>();
const meshIp = new Map<Namespace, string>();
const listeners: ChildProcess[] = [];

// What a machine that never saw this repository has: PATH and a home.
const bareEnv = () => ({ PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: folder }) as unknown as NodeJS.ProcessEnv;

/** `node meshdeck-agent.mjs <command> …` inside the namespace, from the download folder. */
function served(ns: Namespace, args: string[]): ChildProcess {
  return spawn('ip', ['netns', 'exec', ns.name, process.execPath, agentFile, ...args], { cwd: folder, env: bareEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

async function servedStatus(ns: Namespace): Promise<StatusJson> {
  const r = await exec('ip', ['netns', 'exec', ns.name, process.execPath, agentFile, 'status', '--state-dir', stateDirs.get(ns)!, '--json']);
  if (r.code !== 0) throw new Error(`status in ${ns.name} → ${r.code}: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe.skipIf(!possible.ok)('the served single-file agent', () => {
  beforeAll(async () => {
    lab = await Lab.create('s');
    own = await startOwnServer('net-served', {}, lab.hostIp);
    folder = mkdtempSync(join(tmpdir(), 'meshdeck-served-'));
    agentFile = join(folder, 'meshdeck-agent.mjs');
    const r = await fetch(`${own.server.baseUrl}/agent/meshdeck-agent.mjs`);
    expect(r.status).toBe(200);
    writeFileSync(agentFile, Buffer.from(await r.arrayBuffer()));
    for (const label of ['one', 'two']) {
      const ns = await lab.addNamespace(label);
      const dir = mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));
      stateDirs.set(ns, dir);
      listeners.push(await listen(ns, [80]));
      const agent = new AgentProcess(ns, served(ns, ['up', '--server', own.server.baseUrl, '--setup-key', own.setupKey, '--state-dir', dir, '--interface', ns.wgName, '--hostname', `served-${label}`]));
      agents.set(ns, agent);
      await agent.waitFor(/interface \S+ up/);
      meshIp.set(ns, (await servedStatus(ns)).peer.ip);
    }
  });

  afterAll(() => tearDown({ agents: agents.values(), listeners, lab, own, dirs: [...stateDirs.values(), folder] }));

  it('joins in both namespaces and each reaches the other over the mesh', async () => {
    const [one, two] = lab.namespaces;
    await until('one → two over the mesh', () => connects(lab, one, meshIp.get(two)!, 80), true, 20_000);
    await until('two → one over the mesh', () => connects(lab, two, meshIp.get(one)!, 80), true, 20_000);
    const status = await servedStatus(one);
    const seen = status.peers.find((p) => p.ip === meshIp.get(two));
    expect(seen?.endpoint).toBe(`${two.ip}:51820`);
    expect(Date.parse(seen?.latest_handshake ?? '')).toBeGreaterThan(Date.now() - 180_000);
  });

  it('reports the server\'s version as its agent version', async () => {
    const peers = (await (await api(own.server.baseUrl, own.token)('GET', '/api/peers')).json()) as { hostname: string; version: string }[];
    const joined = peers.filter((p) => p.hostname.startsWith('served-'));
    expect(joined.map((p) => p.hostname).sort()).toEqual(['served-one', 'served-two']);
    for (const p of joined) expect(p.version, p.hostname).toBe(VERSION);
  });

  it('leaves the mesh on SIGTERM with exit 0 and no interface left', async () => {
    const [one] = lab.namespaces;
    expect(await agents.get(one)!.stop()).toEqual({ code: 0, signal: null });
    expect((await lab.exec(one, 'ip', ['link', 'show', 'dev', one.wgName])).code).not.toBe(0);
  });
});
