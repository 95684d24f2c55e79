// The access simulator's API (POST /api/console/access/check, GET /api/console/access/options) on a
// real server: the deciding rule for a document line, a NetBird policy, a posture check that fails
// and a drop that takes a port away; an unsaved document answered "after save"; the console session
// cookie; roles; bad input is 4xx; another account's ids are 404 and nothing of theirs is named.
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, newAccount, newUser } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register } from '../support/peers';
import { cookieHeader, signIn } from '../support/session';
import { tailscaleAcl } from '../support/tailscale-acl-client';

type Json = any;

function checker(token: string) {
  return async (body: unknown, path = '/api/console/access/check') => {
    const res = await fetch(`${baseUrl()}${path}`, { method: 'POST', headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const json: Json = await res.json();
    if (res.status >= 400) expect(json).toEqual({ message: expect.any(String), code: res.status });
    return { status: res.status, body: json };
  };
}

let owner: Awaited<ReturnType<typeof newAccount>>;
let check: ReturnType<typeof checker>;
let a: Json, b: Json, c: Json;
let groupB = '';
let groupC = '';
let checkName = '';
const DOC = (ip: string, dst: string) => `{
	// the simulator test
	"acls": [
		{"action": "accept", "src": ["${ip}"], "dst": ["${dst}:22"]},
	],
}
`;

const peerQ = (src: Json, dst: Json, extra: Record<string, unknown> = {}) => ({ source: { kind: 'peer', id: src.id }, destination: { kind: 'peer', id: dst.id }, ...extra });

beforeAll(async () => {
  owner = await newAccount();
  check = checker(owner.token);
  const nb = netbird(owner.token);
  const key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
  [a, b, c] = [(await register(key, 'sim-a')).body.peer, (await register(key, 'sim-b')).body.peer, (await register(key, 'sim-c')).body.peer];
  // The document: a reaches b on 22, nothing else (the default allow-all is replaced).
  expect((await tailscaleAcl(owner.token)('POST', '/api/v2/tailnet/-/acl', { body: DOC(a.ip, b.ip) })).status).toBe(200);
  groupB = (await nb('POST', '/api/groups', { name: 'sim-b', peers: [b.id] })).body.id;
  groupC = (await nb('POST', '/api/groups', { name: 'sim-c', peers: [c.id] })).body.id;
  const groupA = (await nb('POST', '/api/groups', { name: 'sim-a', peers: [a.id] })).body.id;
  // c → b on 443, but only for agents of at least 0.70.0 (the peers run 0.60.0).
  checkName = `new agents ${Date.now()}`;
  const chk = (await nb('POST', '/api/posture-checks', { name: checkName, description: '', checks: { nb_version_check: { min_version: '0.70.0' } } })).body.id;
  const rule = (name: string, src: string, dst: string, over: Record<string, unknown> = {}) => ({ name, enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['443'], sources: [src], destinations: [dst], ...over });
  expect((await nb('POST', '/api/policies', { name: 'c to b', enabled: true, source_posture_checks: [chk], rules: [rule('https', groupC, groupB)] })).status).toBe(200);
  // a → c anything, but never SSH.
  expect((await nb('POST', '/api/policies', { name: 'a to c', enabled: true, rules: [rule('all', groupA, groupC, { protocol: 'all', ports: [] })] })).status).toBe(200);
  expect((await nb('POST', '/api/policies', { name: 'no ssh to c', enabled: true, rules: [rule('drop ssh', groupA, groupC, { action: 'drop', ports: ['22'] })] })).status).toBe(200);
});

describe('access check: the deciding rules', () => {
  it('names the document line that allows, and denies another port', async () => {
    const r = await check(peerQ(a, b, { protocol: 'tcp', port: 22 }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ source: { kind: 'peer', id: a.id, name: 'sim-a', peers: 1 }, destination: { kind: 'peer', id: b.id }, protocol: 6, port: 22 });
    expect(r.body.saved).toMatchObject({ verdict: 'allowed', checkedPairs: 1, allowedPairs: 1 });
    expect(r.body.saved.deciders).toEqual([{ kind: 'acl', effect: 'accept', entry: 'acls[0]', line: 4, traffic: 'TCP/UDP/ICMP/ICMPv6 22' }]);
    expect((await check(peerQ(a, b, { protocol: 'tcp', port: 80 }))).body.saved).toMatchObject({ verdict: 'denied', deciders: [] });
    expect(r.body.unsaved).toBeUndefined();
  });

  it('names the NetBird policy and rule that allow, and the drop that takes SSH away', async () => {
    const web = (await check(peerQ(a, c, { protocol: 'tcp', port: 80 }))).body.saved;
    expect(web.verdict).toBe('allowed');
    expect(web.deciders).toEqual([expect.objectContaining({ kind: 'netbird', effect: 'accept', policyName: 'a to c', ruleName: 'all' })]);
    const ssh = (await check(peerQ(a, c, { protocol: 'tcp', port: 22 }))).body.saved;
    expect(ssh.verdict).toBe('denied');
    expect(ssh.deciders).toEqual([expect.objectContaining({ kind: 'netbird', effect: 'drop', policyName: 'no ssh to c', ruleName: 'drop ssh', traffic: 'TCP 22' })]);
    const any = (await check(peerQ(a, c))).body.saved;
    expect(any.deciders).toContainEqual(expect.objectContaining({ effect: 'accept', left: 'ICMP/UDP/ICMPv6/SCTP; TCP 0-21, 23-65535' }));
  });

  it('names the posture check the source fails', async () => {
    const r = (await check(peerQ(c, b, { protocol: 'tcp', port: 443 }))).body.saved;
    expect(r.verdict).toBe('denied');
    expect(r.deciders).toEqual([expect.objectContaining({ kind: 'netbird', effect: 'posture', policyName: 'c to b', peerId: c.id, failedChecks: [{ id: expect.any(String), name: checkName }] })]);
  });

  it('answers for an unsaved document as well, without saving it', async () => {
    const closed = '{\n\t"acls": [],\n}\n';
    const r = (await check(peerQ(a, b, { protocol: 'tcp', port: 22, document: closed }))).body;
    expect(r.saved.verdict).toBe('allowed');
    expect(r.unsaved).toMatchObject({ verdict: 'denied', deciders: [] });
    const opened = (await check(peerQ(c, b, { protocol: 'tcp', port: 443, document: `{\n\n\t"acls": [{"action": "accept", "src": ["${c.ip}"], "dst": ["*:443"]}],\n}\n` }))).body;
    expect(opened.saved.verdict).toBe('denied');
    expect(opened.unsaved.verdict).toBe('allowed');
    // The document allows what the NetBird policy's posture check keeps from c: both are said, what grants first.
    expect(opened.unsaved.deciders).toEqual([expect.objectContaining({ kind: 'acl', entry: 'acls[0]', line: 3 }), expect.objectContaining({ effect: 'posture', policyName: 'c to b' })]);
    const broken = (await check(peerQ(a, b, { document: '{"acls": [' }))).body;
    expect(broken.unsaved).toEqual({ error: expect.any(String) });
    // Still the saved document.
    expect((await check(peerQ(a, b, { protocol: 'tcp', port: 22 }))).body.saved.verdict).toBe('allowed');
  });

  it('takes groups, an address and the options lists', async () => {
    const byGroup = (await check({ source: { kind: 'group', id: groupC }, destination: { kind: 'group', id: groupB }, protocol: 'tcp', port: 443 })).body;
    expect(byGroup.saved).toMatchObject({ verdict: 'denied', checkedPairs: 1 });
    const byAddress = (await check({ source: { kind: 'peer', id: a.id }, destination: { kind: 'address', id: b.ip }, protocol: 'tcp', port: 22 })).body;
    expect(byAddress).toMatchObject({ destination: { kind: 'address', name: `sim-b (${b.ip})` }, saved: { verdict: 'allowed' } });
    const outside = (await check({ source: { kind: 'peer', id: a.id }, destination: { kind: 'address', id: '192.0.2.7' } })).body;
    expect(outside.saved).toMatchObject({ verdict: 'denied', notes: ['No NetBird route or network resource covers this address.'] });
    const user = (await check({ source: { kind: 'user', id: owner.owner.id }, destination: { kind: 'peer', id: b.id } })).body;
    expect(user).toMatchObject({ source: { kind: 'user', peers: 0 }, saved: { verdict: 'denied' } });
    const options = await fetch(`${baseUrl()}/api/console/access/options`, { headers: { Authorization: `Token ${owner.token}` } }).then((r) => r.json());
    expect(options.peers.map((p: Json) => p.name).sort()).toEqual(['sim-a', 'sim-b', 'sim-c']);
    expect(options.groups.map((g: Json) => g.name)).toEqual(expect.arrayContaining(['sim-a', 'sim-b', 'sim-c']));
  });
});

describe('access check: input, roles, accounts', () => {
  it('refuses bad input with 4xx', async () => {
    // Malformed JSON and missing or wrongly typed fields are 400; invalid values 422 (NetBird's conventions).
    const bad: [unknown, number][] = [
      ['not json', 400],
      [{}, 400],
      [{ source: { kind: 'peer', id: a.id } }, 400],
      [peerQ(a, b, { port: '22' }), 400],
      [{ source: { kind: 'robot', id: a.id }, destination: { kind: 'peer', id: b.id } }, 422],
      [peerQ(a, b, { port: 70000 }), 422],
      [peerQ(a, b, { port: 2.5 }), 0],
      [peerQ(a, b, { protocol: 'carrier-pigeon' }), 422],
      [peerQ(a, b, { protocol: 300 }), 422],
      [{ source: { kind: 'peer', id: a.id }, destination: { kind: 'address', id: 'not-an-address' } }, 422],
    ];
    for (const [body, status] of bad) {
      const r = await check(body);
      if (status) expect(r.status, JSON.stringify(body)).toBe(status);
      else expect([400, 422], JSON.stringify(body)).toContain(r.status);
    }
    expect((await check({ source: { kind: 'peer', id: 'no-such-peer' }, destination: { kind: 'peer', id: b.id } })).status).toBe(404);
  });

  it('treats another account’s ids as unknown, both ways', async () => {
    const other = await newAccount();
    const theirs = checker(other.token);
    const nb = netbird(other.token);
    const key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    const x = (await register(key, 'other-x')).body.peer;
    for (const body of [peerQ(a, b), peerQ(x, b), peerQ(a, x), { source: { kind: 'group', id: groupC }, destination: { kind: 'peer', id: b.id } }, { source: { kind: 'user', id: owner.owner.id }, destination: { kind: 'peer', id: b.id } }]) {
      const r = await theirs(body);
      expect(r.status, JSON.stringify(body)).toBe(404);
      expect(JSON.stringify(r.body)).not.toMatch(/sim-/);
    }
    expect((await check(peerQ(a, x))).status).toBe(404);
    expect((await check(peerQ(x, a))).status).toBe(404);
    // Their options list none of ours.
    const options = await fetch(`${baseUrl()}/api/console/access/options`, { headers: { Authorization: `Token ${other.token}` } }).then((r) => r.json());
    expect(options.peers.map((p: Json) => p.name)).toEqual(['other-x']);
    // An address of ours means nothing to them: no peer of theirs has it (or it is theirs).
    const addr = (await theirs({ source: { kind: 'peer', id: x.id }, destination: { kind: 'address', id: b.ip } })).body;
    expect(JSON.stringify(addr)).not.toContain('sim-b');
  });

  it('lets auditors ask and regular users not; works with the console session cookie', async () => {
    const auditor = await newUser(owner.account.id, 'auditor');
    expect((await checker(auditor.token)(peerQ(a, b))).status).toBe(200);
    const user = await newUser(owner.account.id, 'user');
    expect((await checker(user.token)(peerQ(a, b))).status).toBe(403);
    const session = await signIn(owner.owner.email, 'owner-password-123');
    expect(session.ok).toBe(true);
    const res = await fetch(`${baseUrl()}/api/console/access/check`, { method: 'POST', headers: { Cookie: cookieHeader(session.jar), Origin: baseUrl(), 'Content-Type': 'application/json' }, body: JSON.stringify(peerQ(a, b, { protocol: 'tcp', port: 22 })) });
    expect(res.status).toBe(200);
    expect((await res.json()).saved.verdict).toBe('allowed');
  });
});
