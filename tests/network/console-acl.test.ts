// The README's walk-through ends with "an ACL change in the console's editor takes effect within
// 2 s". The editor saves with PUT /api/console/acl (components/acl/policy-api.ts) under the signed-in
// owner's session, with the ETag it loaded as If-Match: this test does exactly that, as a browser
// would, and watches real connections between two agents flip.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentArgs, agentStatus, connects, listen, startAgent, tearDown, until, type AgentProcess } from '../support/mesh-agents';
import { Lab, networkTestsPossible, type Namespace } from '../support/netns';
import { OWNER, startOwnServer, type OwnServer } from '../support/own-server';
import { cookieHeader, signIn } from '../support/session';

const possible = networkTestsPossible();

let lab: Lab;
let own: OwnServer;
let cookie = '';
const agents: AgentProcess[] = [];
const listeners: ChildProcess[] = [];
const stateDirs: string[] = [];
const peer = new Map<string, { ns: Namespace; ip: string }>();

/** What the editor does on load: the document and its ETag (GET, Accept: application/hujson). */
async function loadDocument(): Promise<{ text: string; etag: string }> {
  const r = await fetch(`${own.server.baseUrl}/api/v2/tailnet/-/acl`, { headers: { Cookie: cookie, Accept: 'application/hujson' } });
  expect(r.status).toBe(200);
  return { text: await r.text(), etag: r.headers.get('etag') ?? '' };
}

/** What the editor's Save does. */
async function save(text: string, etag: string) {
  const r = await fetch(`${own.server.baseUrl}/api/console/acl`, {
    method: 'PUT',
    headers: { Cookie: cookie, Origin: own.server.baseUrl, 'Content-Type': 'application/json', 'If-Match': etag },
    body: JSON.stringify({ text, message: 'from the network test' }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
}

describe.skipIf(!possible.ok)("the console's ACL editor on real packets", () => {
  beforeAll(async () => {
    lab = await Lab.create('k');
    own = await startOwnServer('net-console', {}, lab.hostIp);
    const session = await signIn(OWNER.email, OWNER.password, {}, own.server.baseUrl);
    expect(session.ok).toBe(true);
    cookie = cookieHeader(session.jar);
    for (const label of ['a', 'b']) {
      const ns = await lab.addNamespace(label);
      const dir = mkdtempSync(join(tmpdir(), 'meshdeck-agent-'));
      stateDirs.push(dir);
      listeners.push(await listen(ns, [80]));
      const agent = startAgent(ns, agentArgs(ns, dir, ['--server', own.server.baseUrl, '--setup-key', own.setupKey, '--hostname', `console-${label}`]));
      agents.push(agent);
      await agent.waitFor(/interface \S+ up/);
      peer.set(label, { ns, ip: (await agentStatus(ns, dir)).peer.ip });
    }
  });

  afterAll(() => tearDown({ agents, listeners, lab, own, dirs: stateDirs }));

  it('closes and opens a connection within 2 s of each save', async () => {
    const [a, b] = [peer.get('a')!, peer.get('b')!];
    // The default document allows everything.
    await until('a → b:80 (allow all)', () => connects(lab, a.ns, b.ip, 80), true, 10_000);
    const original = await loadDocument();
    expect(original.text).toContain('acls');

    // Only B may reach A: A → B closes, B → A stays open.
    let started = Date.now();
    await save(`// only b may reach a\n{"acls": [{"action": "accept", "src": ["${b.ip}"], "dst": ["${a.ip}:*"]}]}`, original.etag);
    const closed = await until('a → b:80 closes', () => connects(lab, a.ns, b.ip, 80, 400), false, 2000);
    console.log(`console save → enforced (closed): ${Date.now() - started} ms after the save was sent (${closed} ms after its answer)`);
    expect(await connects(lab, b.ns, a.ip, 80)).toBe(true);

    // Saving the original document back opens it again.
    const current = await loadDocument();
    expect(current.text).toContain('only b may reach a');
    started = Date.now();
    await save(original.text, current.etag);
    const opened = await until('a → b:80 opens', () => connects(lab, a.ns, b.ip, 80, 400), true, 2000);
    console.log(`console save → enforced (opened): ${Date.now() - started} ms after the save was sent (${opened} ms after its answer)`);
  });
});
