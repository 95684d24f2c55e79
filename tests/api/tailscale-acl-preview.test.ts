// Tailscale API v2 policy file: preview rule matches (for a user, for an ip:port; modern and legacy
// query forms) with line numbers in the submitted text, and validate (a new document, or tests
// against the stored one). Neither saves anything.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACL_TEXT } from '@/lib/domain/acl/default-policy';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { insertPeer } from '../support/peers';
import { tailscaleAcl } from '../support/tailscale-acl-client';
import { tailscaleAuditCodes } from '../support/tailscale-helpers';

async function tailnetWithPeers() {
  const a = await newAccount();
  const db = await testDb();
  const laptop = await insertPeer(a.account.id, 'owner-laptop', { userId: a.owner.id });
  const server = await insertPeer(a.account.id, 'db-server', { tags: '["tag:server"]' });
  return {
    ...a,
    laptop,
    server,
    acl: tailscaleAcl(a.token),
    versions: () => db.aclVersion.count({ where: { accountId: a.account.id } }),
    stored: () => db.aclDocument.findUnique({ where: { accountId: a.account.id } }),
  };
}

const policy = (owner: string) => `// preview test
{
	"groups": {
		"group:ops": ["${owner}"],
	},
	"tagOwners": {
		"tag:server": ["autogroup:admin"],
	},
	"acls": [
		// ops reach servers over ssh
		{"action": "accept", "src": ["group:ops"], "dst": ["tag:server:22"]},
		{"action": "accept", "src": ["autogroup:member"], "dst": ["tag:server:443"]},
		{"action": "accept", "src": ["tag:server"], "dst": ["10.0.0.0/8:5432"]},
	],
}
`;

describe('Tailscale policy file: preview', () => {
  it('lists the rules that apply to a user, with their lines in the submitted text', async () => {
    const t = await tailnetWithPeers();
    await t.acl('GET', '/api/v2/tailnet/-/acl');
    const r = await t.acl('POST', `/api/v2/tailnet/-/acl/preview?type=user&previewFor=${encodeURIComponent(t.owner.email)}`, { body: policy(t.owner.email) });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      matches: [
        { users: ['group:ops'], ports: ['tag:server:22'], lineNumber: 11 },
        { users: ['autogroup:member'], ports: ['tag:server:443'], lineNumber: 12 },
      ],
      type: 'user',
      previewFor: t.owner.email,
    });
    // A user without devices and outside group:ops: only autogroup:member.
    const other = await newUser(t.account.id, 'admin');
    const legacy = await t.acl('POST', `/api/v2/domain/${t.account.domain}/acl/preview?user=${encodeURIComponent(other.user.email)}`, { body: policy(t.owner.email) });
    expect(legacy.status).toBe(200);
    expect(legacy.body).toEqual({ matches: [{ users: ['autogroup:member'], ports: ['tag:server:443'], lineNumber: 12 }], type: 'user', previewFor: other.user.email });
    // Nothing was saved.
    expect((await t.stored())!.text).toBe(DEFAULT_ACL_TEXT);
    expect(await t.versions()).toBe(1);
    expect(await tailscaleAuditCodes(t.account.id)).toEqual([]);
  });

  it('lists the rules that apply to an ip:port', async () => {
    const t = await tailnetWithPeers();
    const body = policy(t.owner.email);
    const at = (ipport: string) => t.acl('POST', `/api/v2/tailnet/-/acl/preview?type=ipport&previewFor=${encodeURIComponent(ipport)}`, { body });
    expect((await at(`${t.server.ip}:22`)).body.matches).toEqual([{ users: ['group:ops'], ports: ['tag:server:22'], lineNumber: 11 }]);
    expect((await at(`${t.server.ip}:443`)).body.matches).toEqual([{ users: ['autogroup:member'], ports: ['tag:server:443'], lineNumber: 12 }]);
    expect((await at('10.1.2.3:5432')).body).toEqual({ matches: [{ users: ['tag:server'], ports: ['10.0.0.0/8:5432'], lineNumber: 13 }], type: 'ipport', previewFor: '10.1.2.3:5432' });
    expect((await at(`${t.laptop.ip}:22`)).body.matches).toEqual([]);
    // The default allow-all rule matches anything.
    const all = await t.acl('POST', '/api/v2/tailnet/-/acl/preview?type=ipport&previewFor=100.64.0.9:80', { body: DEFAULT_ACL_TEXT });
    expect(all.body.matches).toEqual([{ users: ['*'], ports: ['*:*'], lineNumber: 18 }]);
  });

  it('rejects bad queries and invalid documents with 400', async () => {
    const t = await tailnetWithPeers();
    const body = policy(t.owner.email);
    const cases: [string, string, string | RegExp][] = [
      ['?type=group&previewFor=x', body, /^invalid query/],
      ['?type=user', body, 'previewFor is required'],
      ['?previewFor=a@b.c', body, 'type must be "user" or "ipport"'],
      ['?type=user&previewFor=nobody@example.test', body, 'user "nobody@example.test" not found'],
      ['?type=ipport&previewFor=10.0.0.1', body, /^invalid previewFor/],
      ['?type=ipport&previewFor=10.0.0.1:80', '{"acls": [', /^hujson: line 1, column 11: /],
      ['?type=ipport&previewFor=10.0.0.1:80', '{"acls": [{"action": "accept", "src": ["group:nope"], "dst": ["*:*"]}]}', /group/],
    ];
    for (const [query, b, message] of cases) {
      const r = await t.acl('POST', `/api/v2/tailnet/-/acl/preview${query}`, { body: b });
      expect(r.status, query).toBe(400);
      if (typeof message === 'string') expect(r.body.message).toBe(message);
      else expect(r.body.message).toMatch(message);
    }
  });
});

describe('Tailscale policy file: validate', () => {
  it('answers {} for a valid document and Tailscale\'s verdict for failing tests or invalid ones, saving nothing', async () => {
    const t = await tailnetWithPeers();
    const ok = `{"acls": [{"action": "accept", "src": ["${t.owner.email}"], "dst": ["tag:server:22"]}],
      "tagOwners": {"tag:server": []},
      "tests": [{"src": "${t.owner.email}", "accept": ["tag:server:22"], "deny": ["tag:server:80"]}]}`;
    const good = await t.acl('POST', '/api/v2/tailnet/-/acl/validate', { body: ok });
    expect(good.status).toBe(200);
    expect(good.body).toEqual({});
    const failing = ok.replace('"deny": ["tag:server:80"]', '"deny": ["tag:server:22"]');
    const bad = await t.acl('POST', '/api/v2/tailnet/-/acl/validate', { body: failing, contentType: 'application/json' });
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({ message: 'test(s) failed', data: [{ user: t.owner.email, errors: ['address "tag:server:22": want: Drop, got: Accept'] }] });
    const invalid = await t.acl('POST', `/api/v2/domain/${t.account.domain}/acl/validate`, { body: '{"acls": [{"action": "deny", "src": ["*"], "dst": ["*:*"]}]}' });
    expect(invalid.body).toEqual({ message: 'action="deny" is not supported' });
    const syntax = await t.acl('POST', '/api/v2/tailnet/-/acl/validate', { body: '{"acls": [}' });
    expect(syntax.body.message).toMatch(/^hujson: line 1, column 11: /);
    expect(await t.stored()).toBeNull();
    expect(await tailscaleAuditCodes(t.account.id)).toEqual([]);
  });

  it('runs a posted list of tests against the stored document', async () => {
    const t = await tailnetWithPeers();
    const stored = `{"tagOwners": {"tag:server": []}, "acls": [{"action": "accept", "src": ["autogroup:member"], "dst": ["tag:server:443"]}]}`;
    expect((await t.acl('POST', '/api/v2/tailnet/-/acl', { body: stored })).status).toBe(200);
    const pass = await t.acl('POST', '/api/v2/tailnet/-/acl/validate', { body: [{ src: t.owner.email, accept: ['tag:server:443'], deny: ['tag:server:22'] }] });
    expect(pass.body).toEqual({});
    const fail = await t.acl('POST', '/api/v2/tailnet/-/acl/validate', { body: [{ src: t.owner.email, accept: ['tag:server:22'] }] });
    expect(fail.body).toEqual({ message: 'test(s) failed', data: [{ user: t.owner.email, errors: ['address "tag:server:22": want: Accept, got: Drop'] }] });
    expect(await t.versions()).toBe(2);
    expect((await t.stored())!.text).toBe(stored);
  });
});
