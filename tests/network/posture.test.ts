// Network scenario 6: a NetBird policy with a process posture check on its source. The agent is
// told which path to watch (the map's `watch_files`) and reports whether a process runs from it:
// while none runs the source reaches nothing; starting the process opens the connection, stopping
// it closes it again.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
const dirs: string[] = [];
const peers = new Map<string, { ns: Namespace; id: string; ip: string }>();
/** The watched program: a copy of `sleep` under a path of this test's own. */
let daemon = '';

describe.skipIf(!possible.ok)('process posture check on real packets', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshdeck-posture-'));
    dirs.push(dir);
    daemon = join(dir, 'edr-daemon');
    copyFileSync(spawnSync('sh', ['-c', 'command -v sleep'], { encoding: 'utf8' }).stdout.trim(), daemon);
    lab = await Lab.create('e');
    own = await startOwnServer('net-posture', {}, lab.hostIp);
    call = api(own.server.baseUrl, own.token);
    for (const label of ['laptop', 'server']) {
      const ns = await lab.addNamespace(label);
      const state = mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));
      dirs.push(state);
      listeners.push(await listen(ns, [80]));
      const agent = startAgent(ns, agentArgs(ns, state, ['--server', own.server.baseUrl, '--setup-key', own.setupKey, '--hostname', `posture-${label}`]));
      agents.push(agent);
      await agent.waitFor(/interface \S+ up/);
      const status = await agentStatus(ns, state);
      peers.set(label, { ns, id: status.peer.id, ip: status.peer.ip });
    }
    const group = async (name: string, id: string) => (await (await call('POST', '/api/groups', { name, peers: [id] })).json()).id;
    const [src, dst] = [await group('laptops', peers.get('laptop')!.id), await group('servers', peers.get('server')!.id)];
    const check = await call('POST', '/api/posture-checks', { name: 'edr running', description: '', checks: { process_check: { processes: [{ linux_path: daemon }] } } });
    expect(check.status).toBe(200);
    const policy = {
      name: 'laptops with edr to servers',
      enabled: true,
      source_posture_checks: [(await check.json()).id],
      rules: [{ name: 'web', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['80'], sources: [src], destinations: [dst] }],
    };
    expect((await call('POST', '/api/policies', policy)).status).toBe(200);
    const acl = await fetch(`${own.server.baseUrl}/api/v2/tailnet/-/acl`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${own.token}:`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ acls: [] }),
    });
    expect(acl.status).toBe(200);
  });

  afterAll(() => tearDown({ agents, listeners, lab, own, dirs }));

  it('opens the way while the watched process runs and closes it when it stops', async () => {
    const laptopReachesServer = (ms = 400) => connects(lab, peers.get('laptop')!.ns, peers.get('server')!.ip, 80, ms);
    // The agent reports the file as present but not running: no access.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await laptopReachesServer(1500)).toBe(false);

    const started = Date.now();
    const edr = spawn(daemon, ['600'], { stdio: 'ignore' });
    try {
      const opened = await until('laptop → server:80 while the process runs', () => laptopReachesServer(), true, 10_000);
      console.log(`process started → access: ${Date.now() - started} ms (${opened} ms of polling)`);
    } finally {
      edr.kill('SIGKILL');
    }
    const stopped = Date.now();
    await until('laptop → server:80 after the process stopped', () => laptopReachesServer(), false, 10_000);
    console.log(`process stopped → access gone: ${Date.now() - stopped} ms`);
  });
});
