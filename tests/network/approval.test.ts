// Network scenario 5: with peer approval on, a machine that joins gets no peers (and nobody reaches
// it) until an admin approves it through the NetBird API; then both directions connect.
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
const dirs: string[] = [];

async function joinAgent(ns: Namespace, label: string): Promise<{ agent: AgentProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));
  dirs.push(dir);
  listeners.push(await listen(ns, [80]));
  const agent = startAgent(ns, agentArgs(ns, dir, ['--server', own.server.baseUrl, '--setup-key', own.setupKey, '--hostname', `approval-${label}`]));
  agents.push(agent);
  await agent.waitFor(/interface \S+ up/);
  return { agent, dir };
}

describe.skipIf(!possible.ok)('peer approval on real packets', () => {
  beforeAll(async () => {
    lab = await Lab.create('d');
    own = await startOwnServer('net-approval', {}, lab.hostIp);
    call = api(own.server.baseUrl, own.token);
  });

  afterAll(() => tearDown({ agents, listeners, lab, own, dirs }));

  it('keeps a new machine out until it is approved, then connects both ways', async () => {
    const [old, fresh] = [await lab.addNamespace('old'), await lab.addNamespace('new')];
    const first = await joinAgent(old, 'old');
    const [account] = await (await call('GET', '/api/accounts')).json();
    const settings = { ...account.settings, extra: { ...account.settings.extra, peer_approval_enabled: true } };
    expect((await call('PUT', `/api/accounts/${account.id}`, { settings })).status).toBe(200);

    const second = await joinAgent(fresh, 'new');
    await second.agent.waitFor(/waiting for approval/);
    const pending = await agentStatus(fresh, second.dir);
    expect(pending.peers).toEqual([]);
    const oldIp = (await agentStatus(old, first.dir)).peer.ip;
    expect([await connects(lab, fresh, oldIp, 80), await connects(lab, old, pending.peer.ip, 80)]).toEqual([false, false]);

    const approvedAt = Date.now();
    const approve = { name: 'approval-new', ssh_enabled: false, login_expiration_enabled: false, inactivity_expiration_enabled: false, approval_required: false };
    expect((await call('PUT', `/api/peers/${pending.peer.id}`, approve)).status).toBe(200);
    await until('new → old after approval', () => connects(lab, fresh, oldIp, 80, 400), true, 5000);
    console.log(`approval → new peer connects: ${Date.now() - approvedAt} ms`);
    await until('old → new after approval', () => connects(lab, old, pending.peer.ip, 80, 400), true, 5000);
    expect((await agentStatus(fresh, second.dir)).peers.map((p) => p.ip)).toContain(oldIp);
  });
});
