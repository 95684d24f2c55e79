// The NetBird policies API: rules with groups, resources, ports and posture checks; rule lists
// replaced on PUT (keeping given rule ids); validation; isolation; roles; audit; the engine's view.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { addNetworkResource, addPeer, serialOf, slice } from '../support/groups-helpers';
import { netbird } from '../support/netbird-client';
import { newId } from '@/lib/domain/ids';
import { loadNetbirdPolicies } from '@/lib/domain/policy/policy-source';

let accountId = '';
let otherToken = '';
let api: ReturnType<typeof netbird>;
const g: Record<string, string> = {};
let peerId = '';
let hostId = '';
let subnetId = '';
let checkId = '';
let foreign: { group: string; check: string; peer: string; resource: string };

const rule = (over: Record<string, unknown> = {}) => ({
  name: 'SSH from devs',
  description: 'admins reach the servers',
  enabled: true,
  action: 'accept',
  bidirectional: false,
  protocol: 'tcp',
  ports: ['22'],
  sources: [g.devs],
  destinations: [g.servers],
  ...over,
});
const policy = (over: Record<string, unknown> = {}, ruleOver: Record<string, unknown> = {}) => ({
  name: 'Devs to servers',
  description: 'engineering access',
  enabled: true,
  rules: [rule(ruleOver)],
  ...over,
});

beforeAll(async () => {
  const acct = await newAccount();
  const other = await newAccount();
  accountId = acct.account.id;
  otherToken = other.token;
  api = netbird(acct.token);
  const p1 = await addPeer(accountId, 'laptop');
  const p2 = await addPeer(accountId, 'server');
  peerId = p1.id;
  g.devs = (await api('POST', '/api/groups', { name: 'devs', peers: [p1.id] })).body.id;
  g.servers = (await api('POST', '/api/groups', { name: 'servers', peers: [p2.id] })).body.id;
  g.admins = (await api('POST', '/api/groups', { name: 'admins' })).body.id;
  hostId = (await addNetworkResource(accountId, 'host')).id;
  subnetId = (await addNetworkResource(accountId, 'subnet')).id;
  checkId = (await api('POST', '/api/posture-checks', { name: 'recent agent', description: '', checks: { nb_version_check: { min_version: '0.28.0' } } })).body.id;
  const theirs = netbird(other.token);
  foreign = {
    group: (await theirs('POST', '/api/groups', { name: 'theirs' })).body.id,
    check: (await theirs('POST', '/api/posture-checks', { name: 'theirs', description: '', checks: { nb_version_check: { min_version: '0.1.0' } } })).body.id,
    peer: (await addPeer(other.account.id)).id,
    resource: (await addNetworkResource(other.account.id, 'host')).id,
  };
});

describe('creating and reading policies', () => {
  it('creates a policy, expands its groups, audits it and bumps the network serial', async () => {
    const serial = await serialOf(accountId);
    const r = await api('POST', '/api/policies', policy({ source_posture_checks: [checkId] }, { ports: ['22', '0443', '22'] }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-v]{20}$/),
      name: 'Devs to servers',
      description: 'engineering access',
      enabled: true,
      source_posture_checks: [checkId],
      rules: [
        {
          id: expect.stringMatching(/^[0-9a-v]{20}$/),
          name: 'SSH from devs',
          description: 'admins reach the servers',
          enabled: true,
          action: 'accept',
          bidirectional: false,
          protocol: 'tcp',
          ports: ['22', '443'],
          sources: [{ id: g.devs, name: 'devs', peers_count: 1, resources_count: 0, issued: 'api' }],
          destinations: [{ id: g.servers, name: 'servers', peers_count: 1, resources_count: 0, issued: 'api' }],
        },
      ],
    });
    expect(await serialOf(accountId)).toBe(serial + 1);
    const db = await testDb();
    const ev = await db.auditEvent.findFirstOrThrow({ where: { accountId, targetId: r.body.id } });
    expect(ev).toMatchObject({ activityCode: 'policy.add', activity: 'Policy added', source: 'netbird' });
    expect(JSON.parse(ev.meta)).toEqual({ name: 'Devs to servers' });
    expect(await db.policyRule.count({ where: { policyId: r.body.id } })).toBe(1);

    expect((await api('GET', `/api/policies/${r.body.id}`)).body).toEqual(r.body);
    const list = await api('GET', '/api/policies');
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual(r.body);
  });

  it('keeps several rules in order, with port ranges, peer and network resources, and the All group', async () => {
    const all = (await api('GET', '/api/groups?name=All')).body[0];
    const r = await api('POST', '/api/policies', {
      name: 'Mixed',
      enabled: false,
      rules: [
        rule({ name: 'first', protocol: 'udp', ports: undefined, port_ranges: [{ start: 5000, end: 5100 }, { start: 53, end: 53 }], sources: [all.id] }),
        rule({ name: 'second', protocol: 'all', ports: null, bidirectional: true, sources: null, sourceResource: { id: peerId, type: 'peer' }, destinations: [], destinationResource: { id: hostId, type: 'host' } }),
        rule({ name: 'third', protocol: 'icmp', ports: [], action: 'drop', destinations: null, destinationResource: { id: subnetId, type: 'subnet' } }),
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.description).toBe('');
    expect(r.body.source_posture_checks).toEqual([]);
    const [first, second, third] = r.body.rules;
    expect(r.body.rules.map((x: { name: string }) => x.name)).toEqual(['first', 'second', 'third']);
    expect(first).toMatchObject({ protocol: 'udp', port_ranges: [{ start: 5000, end: 5100 }, { start: 53, end: 53 }] });
    expect(first.ports).toBeUndefined();
    expect(first.sources).toEqual([{ id: all.id, name: 'All', peers_count: 2, resources_count: 0, issued: 'api' }]);
    expect(second).toMatchObject({ sources: [], sourceResource: { id: peerId, type: 'peer' }, destinations: [], destinationResource: { id: hostId, type: 'host' } });
    expect(third).toMatchObject({ action: 'drop', destinationResource: { id: subnetId, type: 'subnet' } });
    expect(third.sourceResource).toBeUndefined();
  });

  it('stores netbird-ssh authorized groups', async () => {
    const r = await api('POST', '/api/policies', policy({ name: 'SSH' }, { protocol: 'netbird-ssh', ports: null, authorized_groups: { [g.admins]: ['root', 'deploy'] } }));
    expect(r.status).toBe(200);
    expect(r.body.rules[0]).toMatchObject({ protocol: 'netbird-ssh', authorized_groups: { [g.admins]: ['root', 'deploy'] } });
  });
});

describe('updating policies', () => {
  it('replaces the rule list, keeping the ids the request gives, audits and bumps the serial', async () => {
    const created = (await api('POST', '/api/policies', { name: 'Two rules', enabled: true, rules: [rule({ name: 'a' }), rule({ name: 'b' })] })).body;
    const [a, b] = created.rules;
    const serial = await serialOf(accountId);
    const r = await api('PUT', `/api/policies/${created.id}`, {
      name: 'Two rules, reworked',
      enabled: false,
      source_posture_checks: [checkId],
      rules: [rule({ name: 'new one', protocol: 'all', ports: null }), rule({ id: a.id, name: 'a renamed', ports: ['80'] })],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: created.id, name: 'Two rules, reworked', enabled: false, description: '', source_posture_checks: [checkId] });
    expect(r.body.rules.map((x: { name: string }) => x.name)).toEqual(['new one', 'a renamed']);
    expect(r.body.rules[1]).toMatchObject({ id: a.id, ports: ['80'] });
    expect([a.id, b.id]).not.toContain(r.body.rules[0].id);
    expect(await serialOf(accountId)).toBe(serial + 1);

    const db = await testDb();
    const rows = await db.policyRule.findMany({ where: { policyId: created.id }, orderBy: { position: 'asc' } });
    expect(rows.map((x) => x.name)).toEqual(['new one', 'a renamed']);
    expect(await db.policyRule.findUnique({ where: { id: b.id } })).toBeNull();
    expect(await db.auditEvent.count({ where: { accountId, targetId: created.id, activityCode: 'policy.update' } })).toBe(1);
  });

  it('refuses rule ids that are not rules of this policy (422), changing nothing', async () => {
    const p1 = (await api('POST', '/api/policies', policy({ name: 'P1' }))).body;
    const p2 = (await api('POST', '/api/policies', policy({ name: 'P2' }))).body;
    const before = await slice(accountId);
    for (const id of [newId(), p2.rules[0].id]) {
      const r = await api('PUT', `/api/policies/${p1.id}`, policy({ name: 'P1' }, { id }));
      expect(r.status).toBe(422);
      expect(r.body.message).toContain(id);
    }
    const twice = await api('PUT', `/api/policies/${p1.id}`, { ...policy({ name: 'P1' }), rules: [rule({ id: p1.rules[0].id }), rule({ id: p1.rules[0].id })] });
    expect(twice.status).toBe(422);
    expect(await slice(accountId)).toEqual(before);
    expect((await api('GET', `/api/policies/${p1.id}`)).body).toEqual(p1);
  });

  it('ignores rule ids on create', async () => {
    const given = newId();
    const r = await api('POST', '/api/policies', policy({ name: 'ids ignored' }, { id: given }));
    expect(r.status).toBe(200);
    expect(r.body.rules[0].id).not.toBe(given);
  });
});

describe('bad input writes nothing', () => {
  const cases: [string, () => unknown, number][] = [
    ['malformed JSON', () => '{"name": "x", "rules": [', 400],
    ['a number as name', () => policy({ name: 7 }), 400],
    ['a missing enabled flag', () => ({ name: 'x', rules: [rule()] }), 400],
    ['missing rules', () => ({ name: 'x', enabled: true }), 400],
    ['rules as an object', () => policy({ rules: { a: 1 } }), 400],
    ['a rule without an action', () => policy({}, { action: undefined }), 400],
    ['a rule without bidirectional', () => policy({}, { bidirectional: undefined }), 400],
    ['numeric ports', () => policy({}, { ports: [80] }), 400],
    ['a port range with a string start', () => policy({}, { ports: null, port_ranges: [{ start: '80', end: 90 }] }), 400],
    ['a fractional port range', () => policy({}, { ports: null, port_ranges: [{ start: 80.5, end: 90 }] }), 400],
    ['sources as a string', () => policy({}, { sources: 'devs' }), 400],
    ['posture checks as a string', () => policy({ source_posture_checks: 'x' }), 400],
    ['an empty name', () => policy({ name: ' ' }), 422],
    ['no rules', () => policy({ rules: [] }), 422],
    ['an empty rule name', () => policy({}, { name: '' }), 422],
    ['an unknown action', () => policy({}, { action: 'allow' }), 422],
    ['an unknown protocol', () => policy({}, { protocol: 'sctp' }), 422],
    ['ports with protocol all', () => policy({}, { protocol: 'all' }), 422],
    ['ports with icmp', () => policy({}, { protocol: 'icmp' }), 422],
    ['ports with netbird-ssh', () => policy({}, { protocol: 'netbird-ssh' }), 422],
    ['port ranges with protocol all', () => policy({}, { protocol: 'all', ports: null, port_ranges: [{ start: 1, end: 2 }] }), 422],
    ['port 0', () => policy({}, { ports: ['0'] }), 422],
    ['port 70000', () => policy({}, { ports: ['70000'] }), 422],
    ['a port name', () => policy({}, { ports: ['http'] }), 422],
    ['a port range written as a port', () => policy({}, { ports: ['80-90'] }), 422],
    ['a reversed port range', () => policy({}, { ports: null, port_ranges: [{ start: 90, end: 80 }] }), 422],
    ['a port range beyond 65535', () => policy({}, { ports: null, port_ranges: [{ start: 1, end: 65536 }] }), 422],
    ['a port range from 0', () => policy({}, { ports: null, port_ranges: [{ start: 0, end: 10 }] }), 422],
    ['both ports and port ranges', () => policy({}, { port_ranges: [{ start: 1, end: 2 }] }), 422],
    ['neither sources nor a source resource', () => policy({}, { sources: [] }), 422],
    ['neither destinations nor a destination resource', () => policy({}, { destinations: null }), 422],
    ['sources and a source resource', () => policy({}, { sourceResource: { id: peerId, type: 'peer' } }), 422],
    ['an unknown group', () => policy({}, { destinations: [newId()] }), 422],
    ["another account's group", () => policy({}, { sources: [foreign.group] }), 422],
    ['an unknown posture check', () => policy({ source_posture_checks: [newId()] }), 422],
    ["another account's posture check", () => policy({ source_posture_checks: [foreign.check] }), 422],
    ['an unknown peer as source resource', () => policy({}, { sources: null, sourceResource: { id: newId(), type: 'peer' } }), 422],
    ["another account's peer as source resource", () => policy({}, { sources: null, sourceResource: { id: foreign.peer, type: 'peer' } }), 422],
    ["another account's network resource", () => policy({}, { destinations: null, destinationResource: { id: foreign.resource, type: 'host' } }), 422],
    ['a network resource of another type', () => policy({}, { destinations: null, destinationResource: { id: hostId, type: 'subnet' } }), 422],
    ['a group id given as a peer resource', () => policy({}, { destinations: null, destinationResource: { id: g.devs, type: 'peer' } }), 422],
    ['an unknown resource type', () => policy({}, { destinations: null, destinationResource: { id: hostId, type: 'vm' } }), 422],
    ['authorized groups on a tcp rule', () => policy({}, { authorized_groups: { [g.admins]: ['root'] } }), 422],
    ['an unknown authorized group', () => policy({}, { protocol: 'netbird-ssh', ports: null, authorized_groups: { [newId()]: ['root'] } }), 422],
  ];
  for (const [what, body, status] of cases) {
    it(`POST answers ${status} to ${what}`, async () => {
      const before = await slice(accountId);
      const r = await api('POST', '/api/policies', body());
      expect(r.status).toBe(status);
      expect(r.body.message.length).toBeGreaterThan(5);
      expect(await slice(accountId)).toEqual(before);
    });
  }

  it('PUT answers the same and leaves the policy as it was', async () => {
    const p = (await api('POST', '/api/policies', policy({ name: 'unchanged' }))).body;
    const before = await slice(accountId);
    for (const [what, body, status] of cases) {
      const r = await api('PUT', `/api/policies/${p.id}`, body());
      expect(r.status, what).toBe(status);
    }
    expect(await slice(accountId)).toEqual(before);
    expect((await api('GET', `/api/policies/${p.id}`)).body).toEqual(p);
  });
});

describe('deleting policies', () => {
  it('deletes the policy and its rules, answers {}, audits and bumps the serial', async () => {
    const p = (await api('POST', '/api/policies', policy({ name: 'short-lived' }))).body;
    const serial = await serialOf(accountId);
    const r = await api('DELETE', `/api/policies/${p.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    const db = await testDb();
    expect(await db.policyRule.count({ where: { policyId: p.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { accountId, targetId: p.id, activityCode: 'policy.delete' } })).toBe(1);
    expect(await serialOf(accountId)).toBe(serial + 1);
    expect((await api('GET', `/api/policies/${p.id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/policies/${p.id}`)).status).toBe(404);
  });
});

describe('account isolation and roles', () => {
  it("answers 404 to every method on another account's policy and changes nothing", async () => {
    const theirs = netbird(otherToken);
    const p = (await theirs('POST', '/api/policies', { name: 'theirs', enabled: true, rules: [rule({ sources: [foreign.group], destinations: [foreign.group] })] })).body;
    expect(p.id).toBeDefined();
    const db = await testDb();
    const before = await db.policy.findUniqueOrThrow({ where: { id: p.id } });
    expect((await api('GET', `/api/policies/${p.id}`)).status).toBe(404);
    expect((await api('PUT', `/api/policies/${p.id}`, policy())).status).toBe(404);
    expect((await api('DELETE', `/api/policies/${p.id}`)).status).toBe(404);
    expect((await api('GET', '/api/policies')).body.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect(await db.policy.findUniqueOrThrow({ where: { id: p.id } })).toEqual(before);
  });

  it('lets an auditor read but not change policies', async () => {
    const auditor = netbird((await newUser(accountId, 'auditor')).token);
    const p = (await api('GET', '/api/policies')).body[0];
    expect((await auditor('GET', '/api/policies')).status).toBe(200);
    expect((await auditor('GET', `/api/policies/${p.id}`)).status).toBe(200);
    const before = await slice(accountId);
    expect((await auditor('POST', '/api/policies', policy({ name: 'auditor' }))).status).toBe(403);
    expect((await auditor('PUT', `/api/policies/${p.id}`, policy())).status).toBe(403);
    expect((await auditor('DELETE', `/api/policies/${p.id}`)).status).toBe(403);
    expect(await slice(accountId)).toEqual(before);
  });

  it('refuses reads and changes to a regular user', async () => {
    const user = netbird((await newUser(accountId, 'user')).token);
    const p = (await api('GET', '/api/policies')).body[0];
    const before = await slice(accountId);
    expect((await user('GET', '/api/policies')).status).toBe(403);
    expect((await user('GET', `/api/policies/${p.id}`)).status).toBe(403);
    expect((await user('POST', '/api/policies', policy({ name: 'user' }))).status).toBe(403);
    expect((await user('PUT', `/api/policies/${p.id}`, policy())).status).toBe(403);
    expect((await user('DELETE', `/api/policies/${p.id}`)).status).toBe(403);
    expect(await slice(accountId)).toEqual(before);
  });
});

describe('what the policy engine reads', () => {
  it('loads enabled rules of enabled policies as plain objects, in order', async () => {
    const acct = await newAccount();
    const mine = netbird(acct.token);
    const src = (await mine('POST', '/api/groups', { name: 'src' })).body.id;
    const dst = (await mine('POST', '/api/groups', { name: 'dst' })).body.id;
    const peer = await addPeer(acct.account.id);
    const check = (await mine('POST', '/api/posture-checks', { name: 'geo', description: '', checks: { geo_location_check: { action: 'allow', locations: [{ country_code: 'DE' }] } } })).body.id;
    const base = { enabled: true, action: 'accept', bidirectional: true, sources: [src], destinations: [dst] };
    const on = (
      await mine('POST', '/api/policies', {
        name: 'on',
        enabled: true,
        source_posture_checks: [check],
        rules: [
          { ...base, name: 'web', protocol: 'tcp', ports: ['443', '80'] },
          { ...base, name: 'off rule', enabled: false, protocol: 'all' },
          { ...base, name: 'dns', action: 'drop', bidirectional: false, protocol: 'udp', port_ranges: [{ start: 53, end: 53 }], sources: null, sourceResource: { id: peer.id, type: 'peer' } },
        ],
      })
    ).body;
    await mine('POST', '/api/policies', { name: 'off', enabled: false, rules: [{ ...base, name: 'never', protocol: 'all' }] });

    const loaded = await loadNetbirdPolicies(await testDb(), acct.account.id);
    expect(loaded).toEqual([
      {
        policyId: on.id, policyName: 'on', ruleId: on.rules[0].id, ruleName: 'web', action: 'accept', bidirectional: true, protocol: 'tcp',
        ports: ['443', '80'], portRanges: [], sourceGroups: [src], destinationGroups: [dst], postureChecks: [check],
      },
      {
        policyId: on.id, policyName: 'on', ruleId: on.rules[2].id, ruleName: 'dns', action: 'drop', bidirectional: false, protocol: 'udp',
        ports: [], portRanges: [{ start: 53, end: 53 }], sourceGroups: [], destinationGroups: [dst], sourceResource: { id: peer.id, type: 'peer' }, postureChecks: [check],
      },
    ]);
    expect(await loadNetbirdPolicies(await testDb(), newId())).toEqual([]);
  });
});
