// The console's access-control endpoints (app/api/console/acl/**): save with a message and
// If-Match, the live check with positions, the topology the editor's worker checks against, the
// version history (list, read, restore as a new version), and effective access with the source of
// each grant. Roles: auditors read, only owners/admins save or restore; another account's versions
// are 404; bad input is 4xx with nothing written. The Tailscale API answers the console uses are
// validated against Tailscale's spec (tailscale-acl-client).
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACL_TEXT } from '@/lib/domain/acl/default-policy';
import { baseUrl, newAccount, newUser, testDb } from '../support/fixtures';
import { netbird } from '../support/netbird-client';
import { register } from '../support/peers';
import { cookieHeader, signIn } from '../support/session';
import { tailscaleAcl } from '../support/tailscale-acl-client';

type Json = any;

function consoleApi(token: string) {
  return async (method: string, path: string, opts: { json?: unknown; text?: string; ifMatch?: string } = {}) => {
    const headers: Record<string, string> = { Authorization: `Token ${token}` };
    if (opts.ifMatch) headers['If-Match'] = `"${opts.ifMatch}"`;
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['Content-Type'] = 'application/json';
    } else if (opts.text !== undefined) body = opts.text;
    const res = await fetch(`${baseUrl()}${path}`, { method, headers, body });
    const text = await res.text();
    const json: Json = text ? JSON.parse(text) : undefined;
    // Errors carry NetBird's shape.
    if (res.status >= 400) expect(json).toEqual({ message: expect.any(String), code: res.status });
    return { status: res.status, body: json };
  };
}

async function account() {
  const a = await newAccount();
  const db = await testDb();
  return {
    ...a,
    api: consoleApi(a.token),
    acl: tailscaleAcl(a.token),
    versions: () => db.aclVersion.count({ where: { accountId: a.account.id } }),
    audits: async () => (await db.auditEvent.findMany({ where: { accountId: a.account.id }, orderBy: { timestamp: 'asc' } })).map((e: { activityCode: string }) => e.activityCode),
  };
}

const POLICY = (rule = '"*:*"') => `// console test
{
	"acls": [
		{"action": "accept", "src": ["*"], "dst": [${rule}]},
	],
}
`;

describe('console ACL: saving', () => {
  it('saves with a message and If-Match, records the version with its author and audits it', async () => {
    const t = await account();
    const first = await t.acl('GET', '/api/v2/tailnet/-/acl');
    const etag = first.headers.get('etag')!.replaceAll('"', '');
    const r = await t.api('PUT', '/api/console/acl', { json: { text: POLICY(), message: 'open everything' }, ifMatch: etag });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ etag: expect.stringMatching(/^[0-9a-f]{64}$/), version: 2 });
    const after = await t.acl('GET', '/api/v2/tailnet/-/acl');
    expect(after.text).toBe(POLICY());
    const list = await t.api('GET', '/api/console/acl/versions');
    expect(list.body[0]).toMatchObject({ number: 2, message: 'open everything', author_id: t.owner.id, author_name: t.owner.name, etag: r.body.etag });
    expect(list.body[1]).toMatchObject({ number: 1, message: 'Default policy', author_name: '' });
    expect(await t.audits()).toContain('acl.update');
  });

  it('refuses a stale If-Match with 412 and writes nothing', async () => {
    const t = await account();
    await t.acl('GET', '/api/v2/tailnet/-/acl');
    const r = await t.api('PUT', '/api/console/acl', { json: { text: POLICY() }, ifMatch: 'f'.repeat(64) });
    expect(r.status).toBe(412);
    expect(r.body.message).toBe('precondition failed, invalid old hash');
    expect(await t.versions()).toBe(1);
  });

  it('refuses invalid documents and bad bodies with 4xx and writes nothing', async () => {
    const t = await account();
    await t.acl('GET', '/api/v2/tailnet/-/acl');
    const tests = POLICY().replace('\t"acls"', '\t"tests": [{"src": "nobody@x.test", "accept": ["1.2.3.4:80"]}],\n\t"acls"');
    for (const [body, status] of [
      [{ text: '{"acls": [' }, 400],
      [{ text: POLICY('"tag:missing:22"') }, 400],
      [{ text: tests }, 400],
      [{ text: '' }, 422],
      [{ text: 5 }, 400],
      [{ text: POLICY(), message: 'x'.repeat(501) }, 422],
    ] as const) {
      const r = await t.api('PUT', '/api/console/acl', { json: body });
      expect([status, 422, 400]).toContain(r.status);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    const invalidJson = await t.api('PUT', '/api/console/acl', { text: '{not json' });
    expect(invalidJson.status).toBe(400);
    expect(await t.versions()).toBe(1);
    expect(await t.audits()).not.toContain('acl.update');
  });
});

describe('console ACL: live check and topology', () => {
  it('answers problems with positions and every test assertion, and saves nothing', async () => {
    const t = await account();
    const syntax = await t.api('POST', '/api/console/acl/check', { text: '{\n  "acls": [\n    {"action": accept}\n  ]\n}\n' });
    expect(syntax.status).toBe(200);
    expect(syntax.body).toMatchObject({ json: null, tests: [], problems: [{ line: 3, column: 16 }] });
    const semantic = await t.api('POST', '/api/console/acl/check', { text: POLICY('"tag:missing:22"') });
    expect(semantic.body.problems).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('tag:missing') })]);
    const withTests = POLICY('"*:22"').replace('\t"acls"', '\t"tests": [{"src": "100.64.9.8", "accept": ["100.64.9.9:22"], "deny": ["100.64.9.9:22", "100.64.9.9:80"]}],\n\t"acls"');
    const tested = await t.api('POST', '/api/console/acl/check', { text: withTests });
    expect(tested.body.tests.map((a: Json) => [a.want, a.dst, a.pass, a.line])).toEqual([
      ['accept', '100.64.9.9:22', true, 3],
      ['deny', '100.64.9.9:22', false, 3],
      ['deny', '100.64.9.9:80', true, 3],
    ]);
    expect(tested.body.problems[0].message).toContain('test(s) failed');
    expect(JSON.parse(tested.body.json)).toHaveProperty('tests');
    expect(await t.versions()).toBe(0);
  });

  it('gives the topology the worker checks against (users and peers of this account only)', async () => {
    const t = await account();
    const r = await t.api('GET', '/api/console/acl/topology');
    expect(r.status).toBe(200);
    expect(r.body.users).toEqual([{ id: t.owner.id, name: expect.any(String), email: t.owner.email, role: 'owner' }]);
    expect(r.body.nodes).toEqual([]);
  });
});

describe('console ACL: history', () => {
  it('reads a version and restores it as a new version (If-Match honoured), audited', async () => {
    const t = await account();
    const etag0 = (await t.acl('GET', '/api/v2/tailnet/-/acl')).headers.get('etag')!.replaceAll('"', '');
    const saved = await t.api('PUT', '/api/console/acl', { json: { text: POLICY('"*:22"'), message: 'ssh only' }, ifMatch: etag0 });
    const v1 = await t.api('GET', '/api/console/acl/versions/1');
    expect(v1.body).toMatchObject({ number: 1, text: DEFAULT_ACL_TEXT });
    // A stale ETag: 412, nothing written.
    const stale = await t.api('POST', '/api/console/acl/versions/1/restore', { ifMatch: etag0 });
    expect(stale.status).toBe(412);
    expect(await t.versions()).toBe(2);
    const restored = await t.api('POST', '/api/console/acl/versions/1/restore', { ifMatch: saved.body.etag });
    expect(restored.status).toBe(200);
    expect(restored.body.version).toBe(3);
    expect((await t.acl('GET', '/api/v2/tailnet/-/acl')).text).toBe(DEFAULT_ACL_TEXT);
    const list = await t.api('GET', '/api/console/acl/versions');
    expect(list.body.map((v: Json) => [v.number, v.message])).toEqual([
      [3, 'Restored version 1'],
      [2, 'ssh only'],
      [1, 'Default policy'],
    ]);
    expect(await t.audits()).toEqual(expect.arrayContaining(['acl.update', 'acl.restore']));
  });

  it('answers 404 for a missing version and another account’s versions, 422 for a bad number', async () => {
    const t = await account();
    const other = await account();
    await other.api('PUT', '/api/console/acl', { json: { text: POLICY() } });
    await t.acl('GET', '/api/v2/tailnet/-/acl');
    expect((await t.api('GET', '/api/console/acl/versions/2')).status).toBe(404);
    expect((await t.api('POST', '/api/console/acl/versions/2/restore')).status).toBe(404);
    expect((await t.api('GET', '/api/console/acl/versions/abc')).status).toBe(422);
    expect((await t.api('GET', '/api/console/acl/versions/0')).status).toBe(422);
    expect(await t.versions()).toBe(1);
  });
});

describe('console ACL: roles', () => {
  it('lets auditors read, check and list but not save or restore; regular users get 403', async () => {
    const t = await account();
    const auditor = await newUser(t.account.id, 'auditor');
    const user = await newUser(t.account.id, 'user');
    const admin = await newUser(t.account.id, 'admin');
    const asAuditor = consoleApi(auditor.token);
    const asUser = consoleApi(user.token);
    expect((await asAuditor('GET', '/api/console/acl/versions')).status).toBe(200);
    expect((await asAuditor('GET', '/api/console/acl/versions/1')).status).toBe(200);
    expect((await asAuditor('GET', '/api/console/acl/topology')).status).toBe(200);
    expect((await asAuditor('GET', '/api/console/acl/effective')).status).toBe(200);
    expect((await asAuditor('POST', '/api/console/acl/check', { text: POLICY() })).status).toBe(200);
    expect((await asAuditor('PUT', '/api/console/acl', { json: { text: POLICY() } })).status).toBe(403);
    expect((await asAuditor('POST', '/api/console/acl/versions/1/restore')).status).toBe(403);
    for (const [m, p] of [['GET', '/api/console/acl/versions'], ['GET', '/api/console/acl/topology'], ['GET', '/api/console/acl/effective'], ['PUT', '/api/console/acl']] as const) {
      expect((await asUser(m, p, m === 'PUT' ? { json: { text: POLICY() } } : {})).status).toBe(403);
    }
    expect(await t.versions()).toBe(1);
    expect((await consoleApi(admin.token)('PUT', '/api/console/acl', { json: { text: POLICY() } })).status).toBe(200);
  });

  it('accepts the console session cookie from its own origin and refuses cross-origin writes', async () => {
    const t = await account();
    const session = await signIn(t.owner.email, 'owner-password-123');
    expect(session.ok).toBe(true);
    const cookie = cookieHeader(session.jar);
    const put = (origin: string) =>
      fetch(`${baseUrl()}/api/console/acl`, { method: 'PUT', headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ text: POLICY() }) });
    expect((await put('https://evil.example')).status).toBe(403);
    expect((await put(baseUrl())).status).toBe(200);
    // The Tailscale preview the console calls works with the cookie too.
    const preview = await fetch(`${baseUrl()}/api/v2/tailnet/-/acl/preview?type=user&previewFor=${encodeURIComponent(t.owner.email)}`, { method: 'POST', headers: { Cookie: cookie, Origin: baseUrl() }, body: POLICY() });
    expect(preview.status).toBe(200);
    expect((await preview.json()).matches).toEqual([{ users: ['*'], ports: ['*:*'], lineNumber: 4 }]);
  });
});

describe('console ACL: effective access', () => {
  let t: Awaited<ReturnType<typeof account>>;
  let peers: { id: string; ip: string }[] = [];
  beforeAll(async () => {
    t = await account();
    const nb = netbird(t.token);
    const key = (await nb('POST', '/api/setup-keys', { name: 'k', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 })).body.key;
    peers = [];
    for (const h of ['a', 'b', 'c']) peers.push((await register(key, h)).body.peer);
  });

  it('shows peer × peer with the ACL line and NetBird policy that grant each connection', async () => {
    const [a, b, c] = peers;
    const doc = `{\n\t"acls": [\n\t\t{"action": "accept", "src": ["${a.ip}"], "dst": ["${b.ip}:22"]},\n\t],\n}\n`;
    expect((await t.acl('POST', '/api/v2/tailnet/-/acl', { body: doc })).status).toBe(200);
    const nb = netbird(t.token);
    const gb = (await nb('POST', '/api/groups', { name: 'b-group', peers: [b.id] })).body;
    const gc = (await nb('POST', '/api/groups', { name: 'c-group', peers: [c.id] })).body;
    await nb('POST', '/api/policies', { name: 'b to c', enabled: true, rules: [{ name: 'web', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['443'], sources: [gb.id], destinations: [gc.id] }] });
    const r = await t.api('GET', '/api/console/acl/effective?view=peers');
    expect(r.status).toBe(200);
    expect(r.body.rows.map((x: Json) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const cell = (from: string, to: string) => r.body.cells.find((x: Json) => x.from === from && x.to === to);
    expect(cell(a.id, b.id).sources).toEqual([{ kind: 'acl', lines: [3] }]);
    expect(cell(b.id, a.id).sources).toEqual([{ kind: 'acl', lines: [3] }]);
    expect(cell(b.id, c.id).sources).toEqual([{ kind: 'netbird', policy: 'b to c', rule: 'web' }]);
    expect(cell(a.id, c.id)).toBeUndefined();

    const g = await t.api('GET', '/api/console/acl/effective?view=groups');
    const gcell = g.body.cells.find((x: Json) => x.from === gb.id && x.to === gc.id);
    expect(gcell).toMatchObject({ pairs: 1, sources: [{ kind: 'netbird', policy: 'b to c', rule: 'web' }] });
    expect((await t.api('GET', '/api/console/acl/effective?view=nope')).status).toBe(422);
  });
});
