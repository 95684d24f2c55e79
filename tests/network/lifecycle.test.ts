// Network scenarios 10 and 11: the data plane outlives the control plane (server stopped 10 s:
// tunnels keep carrying traffic, the agent says so once and re-syncs when it is back); a restarted
// agent is the same peer with the same address; SIGTERM removes interface and firewall table; a
// deleted peer and bad setup keys or a wrong server URL end the agent with one clear line, a
// non-zero exit and nothing left on the machine.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentArgs, agentStatus, connects, listen, runAgent, startAgent, tearDown, until, type AgentProcess } from '../support/mesh-agents';
import { Lab, networkTestsPossible, type Namespace } from '../support/netns';
import { api, registerPeer, startOwnServer, type OwnServer } from '../support/own-server';
import { freePort } from '../support/server';

const possible = networkTestsPossible();

let lab: Lab;
let own: OwnServer;
let call: ReturnType<typeof api>;
const agents = new Map<string, AgentProcess>();
const listeners: ChildProcess[] = [];
const dirs = new Map<string, string>();
const spaces = new Map<string, Namespace>();
const meshIp = new Map<string, string>();

const newDir = () => mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));

async function setAcl(doc: object) {
  const r = await fetch(`${own.server.baseUrl}/api/v2/tailnet/-/acl`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${own.token}:`).toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(doc),
  });
  expect(r.status).toBe(200);
}

const ALLOW_ALL = { acls: [{ action: 'accept', src: ['*'], dst: ['*:*'] }] };
const xReachesY = (ms = 1500) => connects(lab, spaces.get('x')!, meshIp.get('y')!, 80, ms);

/** Nothing of an agent is left in the namespace: no interface, no nft table. */
async function leftovers(ns: Namespace): Promise<string[]> {
  const found: string[] = [];
  if ((await lab.exec(ns, 'ip', ['link', 'show', 'dev', ns.wgName])).code === 0) found.push(`interface ${ns.wgName}`);
  const tables = (await lab.exec(ns, 'nft', ['list', 'tables'])).stdout.trim();
  if (tables) found.push(tables);
  return found;
}

describe.skipIf(!possible.ok)('agent lifecycle and faults', () => {
  beforeAll(async () => {
    lab = await Lab.create('c');
    own = await startOwnServer('net-life', {}, lab.hostIp);
    call = api(own.server.baseUrl, own.token);
    for (const label of ['x', 'y', 'z']) spaces.set(label, await lab.addNamespace(label));
    for (const label of ['x', 'y']) {
      const ns = spaces.get(label)!;
      dirs.set(label, newDir());
      listeners.push(await listen(ns, [80]));
      const agent = startAgent(ns, agentArgs(ns, dirs.get(label)!, ['--server', own.server.baseUrl, '--setup-key', own.setupKey, '--hostname', `life-${label}`]));
      agents.set(label, agent);
      await agent.waitFor(/interface \S+ up/);
      meshIp.set(label, (await agentStatus(ns, dirs.get(label)!)).peer.ip);
    }
    await until('x → y', () => xReachesY(), true, 15_000);
  });

  afterAll(() => tearDown({ agents: agents.values(), listeners, lab, own, dirs: dirs.values() }));

  it('keeps the tunnels up while the server is away for 10 s, says so once, and re-syncs when it is back', async () => {
    const x = agents.get('x')!;
    const from = x.output().length;
    await own.server.stop();
    await x.waitFor(/server unreachable/, 15_000, from);
    const away = Date.now();
    while (Date.now() - away < 10_000) {
      expect(await xReachesY(), `x → y ${Date.now() - away} ms into the outage`).toBe(true);
      await new Promise((r) => setTimeout(r, 2000));
    }
    await own.restart({ samePort: true });
    await x.waitFor(/server reachable again/, 15_000, from);
    expect(x.output().slice(from).match(/server unreachable/g)).toHaveLength(1);
    // The agent follows the server again: a document that allows nothing cuts x off y.
    await setAcl({ acls: [] });
    await until('x → y closes after the restart', () => xReachesY(400), false, 5000);
    await setAcl(ALLOW_ALL);
    await until('x → y opens again', () => xReachesY(400), true, 5000);
  });

  it('leaves nothing behind on SIGTERM, and comes back as the same peer without a setup key', async () => {
    const ns = spaces.get('x')!;
    const before = await agentStatus(ns, dirs.get('x')!);
    const peersBefore = ((await (await call('GET', '/api/peers')).json()) as unknown[]).length;
    const exit = await agents.get('x')!.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await leftovers(ns)).toEqual([]);
    expect(agents.get('x')!.output()).toMatch(/removed interface/);

    const again = startAgent(ns, agentArgs(ns, dirs.get('x')!));
    agents.set('x', again);
    await again.waitFor(/interface \S+ up/);
    expect(again.output()).toContain(`using the peer ${before.peer.id}`);
    const after = await agentStatus(ns, dirs.get('x')!);
    expect(after.peer).toEqual(before.peer);
    expect(((await (await call('GET', '/api/peers')).json()) as unknown[]).length).toBe(peersBefore);
    await until('x → y after the restart', () => xReachesY(), true, 10_000);
  });

  it('stops with one line and cleans up when its peer is deleted', async () => {
    const y = agents.get('y')!;
    const id = (await agentStatus(spaces.get('y')!, dirs.get('y')!)).peer.id;
    expect((await call('DELETE', `/api/peers/${id}`)).status).toBe(200);
    const exit = await Promise.race([y.exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(y.output()).toMatch(/the server no longer knows this peer/);
    expect(y.output()).not.toMatch(/^\s+at /m);
    expect(await leftovers(spaces.get('y')!)).toEqual([]);
  });

  describe('refusals at the first start', () => {
    async function upWith(server: string, setupKey: string) {
      const dir = newDir();
      dirs.set(`refused-${dirs.size}`, dir);
      const ns = spaces.get('z')!;
      const r = await runAgent(ns, 'up', agentArgs(ns, dir, ['--server', server, '--setup-key', setupKey, '--hostname', 'refused']));
      return { ...r, stateWritten: existsSync(join(dir, 'state.json')), left: await leftovers(ns) };
    }

    async function newKey(type: 'one-off' | 'reusable') {
      return (await (await call('POST', '/api/setup-keys', { name: `net-${type}`, type, expires_in: 86400, auto_groups: [], usage_limit: 0 })).json()) as { id: string; key: string };
    }

    const expectClearRefusal = (r: Awaited<ReturnType<typeof upWith>>, message: RegExp) => {
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stateWritten).toBe(false);
      expect(r.left).toEqual([]);
    };

    it('refuses a used-up one-off key', async () => {
      const key = await newKey('one-off');
      expect((await registerPeer(own.server.baseUrl, key.key, 'first-use')).status).toBe(201);
      expectClearRefusal(await upWith(own.server.baseUrl, key.key), /^meshdeck-agent: registration refused: setup key has been used up$/m);
    });

    it('refuses a revoked key', async () => {
      const key = await newKey('reusable');
      expect((await call('PUT', `/api/setup-keys/${key.id}`, { revoked: true, auto_groups: [] })).status).toBe(200);
      expectClearRefusal(await upWith(own.server.baseUrl, key.key), /^meshdeck-agent: registration refused: setup key is revoked$/m);
    });

    it('refuses an unknown key', async () => {
      expectClearRefusal(await upWith(own.server.baseUrl, '00000000-0000-4000-8000-000000000000'), /^meshdeck-agent: registration refused: setup key invalid$/m);
    });

    it('says so when the server URL is wrong', async () => {
      // A port nothing listens on (free on loopback; only the test server listens on the lab's address).
      const closed = await freePort();
      expectClearRefusal(await upWith(`http://${lab.hostIp}:${closed}`, own.setupKey), /^meshdeck-agent: cannot reach the server to join: .*connection refused$/m);
      expectClearRefusal(await upWith(`${own.server.baseUrl}/not-meshdeck`, own.setupKey), /^meshdeck-agent: registration refused: no meshdeck agent API at .*\(404\)$/m);
    });
  });
});
