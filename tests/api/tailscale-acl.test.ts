// Tailscale API v2 policy file (ACL): the default document, round trips that keep comments,
// JSON answers, ETag / If-Match (incl. two concurrent writers), validation against the account's
// real topology, roles and tenancy, on the modern and the legacy paths.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACL_TEXT } from '@/lib/domain/acl/default-policy';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { tailscaleAcl } from '../support/tailscale-acl-client';
import { tailscaleAuditCodes } from '../support/tailscale-helpers';

const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

async function tailnet() {
  const a = await newAccount();
  const db = await testDb();
  return {
    ...a,
    acl: tailscaleAcl(a.token),
    versions: () => db.aclVersion.count({ where: { accountId: a.account.id } }),
    stored: () => db.aclDocument.findUnique({ where: { accountId: a.account.id } }),
    serial: async () => (await db.account.findUniqueOrThrow({ where: { id: a.account.id } })).networkSerial,
  };
}

const COMMENTED = `// Our tailnet's policy.
{
	/* block comment kept */
	"groups": {"group:ops": ["OWNER"],}, // trailing comma and a line comment
	"acls": [
		// ops reach everything
		{"action": "accept", "src": ["group:ops"], "dst": ["*:*"]},
	],
}
`;

describe('Tailscale policy file: reading', () => {
  it('gives a new account Tailscale\'s default document with its comments, as HuJSON by default', async () => {
    const t = await tailnet();
    expect(await t.stored()).toBeNull();
    const r = await t.acl('GET', '/api/v2/tailnet/-/acl');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/hujson');
    expect(r.text).toBe(DEFAULT_ACL_TEXT);
    expect(r.text).toContain('// Example/default ACLs for unrestricted connections.');
    expect(r.headers.get('etag')).toBe(`"${sha(DEFAULT_ACL_TEXT)}"`);
    expect(await t.versions()).toBe(1);
    // Reading again creates nothing more and keeps the ETag.
    const again = await t.acl('GET', `/api/v2/domain/${t.account.domain}/acl`, { accept: 'hujson' });
    expect(again.text).toBe(DEFAULT_ACL_TEXT);
    expect(again.headers.get('etag')).toBe(r.headers.get('etag'));
    expect(await t.versions()).toBe(1);
  });

  it('answers the parsed document without comments for Accept: application/json', async () => {
    const t = await tailnet();
    const r = await t.acl('GET', '/api/v2/tailnet/-/acl', { accept: 'json' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      acls: [{ action: 'accept', src: ['*'], dst: ['*:*'] }],
      ssh: [{ action: 'check', src: ['autogroup:member'], dst: ['autogroup:self'], users: ['autogroup:nonroot', 'root'] }],
    });
    expect(r.text).not.toContain('//');
    expect(r.headers.get('etag')).toBe(`"${sha(DEFAULT_ACL_TEXT)}"`);
  });
});

describe('Tailscale policy file: saving', () => {
  it('stores HuJSON byte for byte, answers it with the new ETag, records a version, an audit event and a new serial', async () => {
    const t = await tailnet();
    const text = COMMENTED.replace('OWNER', t.owner.email);
    const serial = await t.serial();
    const r = await t.acl('POST', '/api/v2/tailnet/-/acl', { body: text });
    expect(r.status).toBe(200);
    expect(r.text).toBe(text);
    expect(r.headers.get('etag')).toBe(`"${sha(text)}"`);
    const got = await t.acl('GET', '/api/v2/tailnet/-/acl');
    expect(got.text).toBe(text);
    expect(got.headers.get('etag')).toBe(`"${sha(text)}"`);
    expect((await t.acl('GET', '/api/v2/tailnet/-/acl', { accept: 'json' })).body).toEqual({
      groups: { 'group:ops': [t.owner.email] },
      acls: [{ action: 'accept', src: ['group:ops'], dst: ['*:*'] }],
    });
    expect(await t.versions()).toBe(2);
    expect(await t.serial()).toBeGreaterThan(serial);
    expect(await tailscaleAuditCodes(t.account.id)).toEqual(['acl.update']);
    const db = await testDb();
    const v = await db.aclVersion.findFirstOrThrow({ where: { accountId: t.account.id, number: 2 } });
    expect(v).toMatchObject({ text, etag: sha(text), authorId: t.owner.id });
  });

  it('accepts a JSON body on the legacy path and answers JSON when asked', async () => {
    const t = await tailnet();
    const doc = { acls: [{ action: 'accept', src: ['autogroup:member'], dst: ['autogroup:self:*'] }] };
    const r = await t.acl('POST', `/api/v2/domain/${t.account.domain}/acl`, { body: doc, accept: 'json' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(doc);
    expect((await t.stored())!.text).toBe(JSON.stringify(doc));
  });

  it('honours If-Match: a stale ETag is 412 and saves nothing, the current one and "ts-default" succeed', async () => {
    const t = await tailnet();
    const first = await t.acl('GET', '/api/v2/tailnet/-/acl');
    const text = '{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:22"]}]}';
    // Untouched default: "ts-default" replaces it, once.
    const byDefault = await t.acl('POST', '/api/v2/tailnet/-/acl', { body: text, ifMatch: '"ts-default"' });
    expect(byDefault.status).toBe(200);
    const again = await t.acl('POST', '/api/v2/tailnet/-/acl', { body: text, ifMatch: '"ts-default"' });
    expect(again.status).toBe(412);
    expect(again.body).toEqual({ message: 'precondition failed, invalid old hash' });
    const stale = await t.acl('POST', '/api/v2/tailnet/-/acl', { body: '{}', ifMatch: first.headers.get('etag')! });
    expect(stale.status).toBe(412);
    expect((await t.stored())!.text).toBe(text);
    expect(await t.versions()).toBe(2);
    const current = await t.acl('POST', '/api/v2/tailnet/-/acl', { body: '{}', ifMatch: byDefault.headers.get('etag')! });
    expect(current.status).toBe(200);
    expect(current.text).toBe('{}');
    expect(await t.versions()).toBe(3);
    expect(await tailscaleAuditCodes(t.account.id)).toEqual(['acl.update', 'acl.update']);
  });

  it('lets exactly one of two concurrent writers holding the same ETag win', async () => {
    const t = await tailnet();
    const etag = (await t.acl('GET', '/api/v2/tailnet/-/acl')).headers.get('etag')!;
    const a = '{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:80"]}]}';
    const b = '{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:443"]}]}';
    const results = await Promise.all([a, b].map((body) => t.acl('POST', '/api/v2/tailnet/-/acl', { body, ifMatch: etag })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await t.stored())!.text).toBe(winner.text);
    expect(await t.versions()).toBe(2);
    expect(await tailscaleAuditCodes(t.account.id)).toEqual(['acl.update']);
  });

  it('saves every one of concurrent first writes of a new account (they race to create the default document)', async () => {
    const t = await tailnet();
    const bodies = Array.from({ length: 6 }, (_, i) => `// first ${i}\n{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:${80 + i}"]}]}`);
    const results = await Promise.all(bodies.map((body) => t.acl('POST', '/api/v2/tailnet/-/acl', { body })));
    expect(results.map((r) => r.status)).toEqual(bodies.map(() => 200));
    // The default document (version 1) and one version per save.
    expect(await t.versions()).toBe(1 + bodies.length);
  });

  it('rejects invalid documents with 400 and Tailscale\'s message, saving nothing', async () => {
    const t = await tailnet();
    await t.acl('GET', '/api/v2/tailnet/-/acl');
    const serial = await t.serial();
    const cases: [string, string | RegExp][] = [
      ['{\n  "acls": [\n    {"action": accept}\n  ]\n}', 'hujson: line 3, column 16: invalid literal: accept'],
      ['{"acls": [{"action": "accept", "src": ["tag:nope"], "dst": ["*:*"]}]}', 'src=tag not found: "tag:nope"'],
      ['{"acls": [{"action": "deny", "src": ["*"], "dst": ["*:*"]}]}', 'action="deny" is not supported'],
      ['[1, 2]', /^json: cannot unmarshal array/],
      ['', 'empty policy file'],
      [`{"hosts": {"db": "100.64.9.9"}, "acls": [{"action": "accept", "src": ["*"], "dst": ["*:22"]}],
        "tests": [{"src": "${t.owner.email}", "deny": ["db:22"]}]}`, 'test(s) failed'],
    ];
    for (const [body, message] of cases) {
      const r = await t.acl('POST', '/api/v2/tailnet/-/acl', { body });
      expect(r.status, body).toBe(400);
      if (typeof message === 'string') expect(r.body.message).toBe(message);
      else expect(r.body.message).toMatch(message);
    }
    expect((await t.stored())!.text).toBe(DEFAULT_ACL_TEXT);
    expect(await t.versions()).toBe(1);
    expect(await t.serial()).toBe(serial);
    expect(await tailscaleAuditCodes(t.account.id)).toEqual([]);
  });
});

describe('Tailscale policy file: roles and tenancy', () => {
  it('lets auditors read but not write, and regular users do neither', async () => {
    const t = await tailnet();
    const auditor = await newUser(t.account.id, 'auditor');
    const user = await newUser(t.account.id, 'user');
    const asAuditor = tailscaleAcl(auditor.token);
    const asUser = tailscaleAcl(user.token);
    expect((await asAuditor('GET', '/api/v2/tailnet/-/acl')).status).toBe(200);
    expect((await asAuditor('POST', '/api/v2/tailnet/-/acl/validate', { body: '{}' })).status).toBe(200);
    expect((await asAuditor('POST', '/api/v2/tailnet/-/acl', { body: '{}' })).status).toBe(403);
    expect((await asUser('GET', '/api/v2/tailnet/-/acl')).status).toBe(403);
    expect((await asUser('POST', '/api/v2/tailnet/-/acl', { body: '{}' })).status).toBe(403);
    expect((await asUser('POST', '/api/v2/tailnet/-/acl/preview?type=user&previewFor=x@y.z', { body: '{}' })).status).toBe(403);
    expect((await t.stored())!.text).toBe(DEFAULT_ACL_TEXT);
    expect(await t.versions()).toBe(1);
  });

  it('treats another account\'s tailnet as not found', async () => {
    const t = await tailnet();
    const other = await tailnet();
    for (const path of [`/api/v2/tailnet/${other.account.domain}/acl`, `/api/v2/domain/${other.account.domain}/acl`]) {
      expect((await t.acl('GET', path)).status).toBe(404);
      expect((await t.acl('POST', path, { body: '{}' })).status).toBe(404);
    }
    expect((await t.acl('POST', `/api/v2/tailnet/${other.account.domain}/acl/validate`, { body: '{}' })).status).toBe(404);
    expect((await t.acl('POST', `/api/v2/tailnet/${other.account.domain}/acl/preview?type=ipport&previewFor=1.2.3.4:80`, { body: '{}' })).status).toBe(404);
    expect(await other.stored()).toBeNull();
  });
});
