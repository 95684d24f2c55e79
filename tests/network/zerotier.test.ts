// Network scenario 4: ZeroTier. An agent's peer is a member of a ZeroTier network of the account
// under its node address (the map's `zt_address`). Deauthorizing the member through
// /controller/network/{nwid}/member/{id} cuts it off within 2 s, both ways; authorizing it again
// restores it within 2 s.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentArgs, agentStatus, connects, listen, startAgent, tearDown, until, type AgentProcess } from '../support/mesh-agents';
import { Lab, networkTestsPossible, type Namespace } from '../support/netns';
import { startOwnServer, type OwnServer } from '../support/own-server';

const possible = networkTestsPossible();

let lab: Lab;
let own: OwnServer;
const agents: AgentProcess[] = [];
const listeners: ChildProcess[] = [];
const dirs: string[] = [];
const peers = new Map<string, { ns: Namespace; id: string; ip: string; dir: string }>();
let memberPath = '';

/** The ZeroTier API with the owner's token (ZeroTier's header). */
async function ztCall(method: string, path: string, body?: unknown) {
  const r = await fetch(`${own.server.baseUrl}${path}`, { method, headers: { 'X-ZT1-Auth': own.token }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  expect(r.status, `${method} ${path}: ${text}`).toBe(200);
  return JSON.parse(text);
}

describe.skipIf(!possible.ok)('ZeroTier member authorization on real packets', () => {
  beforeAll(async () => {
    lab = await Lab.create('z');
    own = await startOwnServer('net-zerotier', {}, lab.hostIp);
    for (const label of ['member', 'other']) {
      const ns = await lab.addNamespace(label);
      const dir = mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));
      dirs.push(dir);
      listeners.push(await listen(ns, [80]));
      const agent = startAgent(ns, agentArgs(ns, dir, ['--server', own.server.baseUrl, '--setup-key', own.setupKey, '--hostname', `zt-${label}`]));
      agents.push(agent);
      await agent.waitFor(/interface \S+ up/);
      const status = await agentStatus(ns, dir);
      peers.set(label, { ns, id: status.peer.id, ip: status.peer.ip, dir });
    }
    const controller = (await ztCall('GET', '/status')).address;
    const network = await ztCall('POST', `/controller/network/${controller}______`, { name: 'office' });
    // The agent's applied map names no node address; the server's map does. Asked from the
    // member's own namespace: a sync request is a check-in, and one from elsewhere would move the
    // address the server sees for the peer (and so its endpoints in the other's map).
    const token = JSON.parse(readFileSync(join(peers.get('member')!.dir, 'state.json'), 'utf8')).peer_token;
    const script = `fetch(process.argv[1], { headers: { Authorization: 'Bearer ' + process.argv[2] } }).then((r) => r.json()).then((m) => console.log(m.peer.zt_address))`;
    const address = (await lab.run(peers.get('member')!.ns, process.execPath, ['-e', script, `${own.server.baseUrl}/api/agent/sync`, token])).trim();
    expect(address).toMatch(/^[0-9a-f]{10}$/);
    // The agent says which it is when its interface comes up.
    expect(agents[0].output()).toContain(`ZeroTier node ${address}`);
    memberPath = `/controller/network/${network.id}/member/${address}`;
    expect(await ztCall('POST', memberPath, { authorized: true })).toMatchObject({ id: address, authorized: true });
  });

  afterAll(() => tearDown({ agents, listeners, lab, own, dirs }));

  it('cuts a deauthorized member off within 2 s and restores it within 2 s of authorizing', async () => {
    const [member, other] = [peers.get('member')!, peers.get('other')!];
    const otherReachesMember = () => connects(lab, other.ns, member.ip, 80, 400);
    const memberReachesOther = () => connects(lab, member.ns, other.ip, 80, 400);
    await until('other → member while authorized', otherReachesMember, true, 10_000);
    expect(await memberReachesOther()).toBe(true);

    let started = Date.now();
    await ztCall('POST', memberPath, { authorized: false });
    const answered = Date.now() - started;
    await until('other → member after deauthorization', otherReachesMember, false, 2000);
    const cut = Date.now() - started;
    expect(await memberReachesOther()).toBe(false);
    console.log(`deauthorized → cut off: ${cut} ms (API answered after ${answered} ms)`);

    started = Date.now();
    await ztCall('POST', memberPath, { authorized: true });
    await until('other → member after authorization', otherReachesMember, true, 2000).catch(async (e) => {
      // What WireGuard on both sides says, for the failure's message.
      const show = await Promise.all([member, other].map((p) => lab.exec(p.ns, 'wg', ['show', p.ns.wgName, 'dump'])));
      throw new Error(`${(e as Error).message}\n${show.map((r) => r.stdout).join('\n')}\n${agents.map((a) => a.output()).join('\n')}`);
    });
    console.log(`authorized → restored: ${Date.now() - started} ms`);
    await until('member → other after authorization', memberReachesOther, true, 2000);
    // Still the same peer, with the same mesh address.
    expect((await agentStatus(member.ns, member.dir)).peer).toMatchObject({ id: member.id, ip: member.ip });
  });
});
