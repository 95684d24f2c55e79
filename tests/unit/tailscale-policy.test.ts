// The Tailscale policy engine on a small hand-built tailnet: alias resolution, the FilterRule
// rendering Tailscale uses, peer visibility, autogroups, grants, rejection messages and tests.
import { describe, expect, it } from 'vitest';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '@/lib/domain/policy/tailscale/compile';
import { TailscaleMaps } from '@/lib/domain/policy/tailscale/netmap';
import type { Topology } from '@/lib/domain/policy/tailscale/topology';

const WILDCARD = ['100.115.94.0-100.127.255.255', '100.64.0.0-100.115.91.255', 'fd7a:115c:a1e0::/48'];

const topology: Topology = {
  users: [
    { id: 1, name: 'odin', email: 'odin@example.com' },
    { id: 2, name: 'thor', email: 'thor@example.org' },
  ],
  nodes: [
    { name: 'laptop', tags: [], user: 'odin', ipv4: '100.64.0.1', ipv6: 'fd7a:115c:a1e0::1', approvedRoutes: [] },
    { name: 'phone', tags: [], user: 'odin', ipv4: '100.64.0.2', ipv6: 'fd7a:115c:a1e0::2', approvedRoutes: [] },
    { name: 'desk', tags: [], user: 'thor', ipv4: '100.64.0.3', ipv6: 'fd7a:115c:a1e0::3', approvedRoutes: [] },
    { name: 'server', tags: ['tag:server'], ipv4: '100.64.0.10', ipv6: 'fd7a:115c:a1e0::a', approvedRoutes: [] },
    { name: 'client', tags: ['tag:client'], ipv4: '100.64.0.11', ipv6: 'fd7a:115c:a1e0::b', approvedRoutes: [] },
    { name: 'router', tags: ['tag:router'], ipv4: '100.64.0.12', ipv6: 'fd7a:115c:a1e0::c', routableIps: ['10.33.0.0/16'], approvedRoutes: ['10.33.0.0/16'] },
    { name: 'exit', tags: ['tag:exit'], ipv4: '100.64.0.13', ipv6: 'fd7a:115c:a1e0::d', routableIps: ['0.0.0.0/0', '::/0'], approvedRoutes: ['0.0.0.0/0', '::/0'] },
  ],
};

const base = {
  groups: { 'group:admins': ['odin@example.com'], 'group:devs': ['odin@example.com', 'thor@example.org'] },
  hosts: { internal: '10.0.0.0/8', web: '100.64.0.10', lab: '192.168.1.0/24' },
  tagOwners: { 'tag:server': ['group:admins'], 'tag:client': ['group:admins'], 'tag:router': ['group:admins'], 'tag:exit': ['group:admins'] },
};

function compile(policy: object): CompiledTailscalePolicy {
  const r = compileTailscalePolicy({ ...base, ...policy }, topology);
  if (isCompileError(r)) throw new Error(r.error);
  return r;
}

function reject(policy: object): string {
  const r = compileTailscalePolicy({ ...base, ...policy }, topology);
  if (!isCompileError(r)) throw new Error('policy was accepted');
  return r.error;
}

const maps = (policy: object) => new TailscaleMaps(compile(policy));
const ports = (ip: string, first: number, last = first) => ({ IP: ip, Ports: { First: first, Last: last } });

describe('Tailscale ACLs → packet filters', () => {
  it('tag to tag on a port: only the destination filters, both ends see each other', () => {
    const m = maps({ acls: [{ action: 'accept', src: ['tag:client'], dst: ['tag:server:22'] }] });
    expect(m.filter('server')).toEqual([{ SrcIPs: ['100.64.0.11', 'fd7a:115c:a1e0::b'], DstPorts: [ports('100.64.0.10', 22), ports('fd7a:115c:a1e0::a', 22)] }]);
    expect(m.filter('client')).toEqual([]);
    expect(m.peers('server')).toEqual(['client']);
    expect(m.peers('client')).toEqual(['server']);
    expect(m.peers('desk')).toEqual([]);
  });

  it('"*" as source is the tailnet ranges plus approved subnet routes; "*" as destination is IP "*"', () => {
    const m = maps({ acls: [{ action: 'accept', src: ['*'], dst: ['*:*'] }] });
    const [rule] = m.filter('desk');
    expect([...rule.SrcIPs].sort()).toEqual([...WILDCARD, '10.33.0.0/16'].sort());
    expect(rule.DstPorts).toEqual([ports('*', 0, 65535)]);
    expect(m.peers('desk')).toHaveLength(6);
  });

  it('entries with the same sources and protocol merge into one rule; proto becomes IPProto', () => {
    const m = maps({
      acls: [
        { action: 'accept', src: ['tag:client'], dst: ['tag:server:22'] },
        { action: 'accept', src: ['tag:client'], dst: ['tag:server:80,443'] },
        { action: 'accept', src: ['tag:client'], dst: ['tag:server:53'], proto: 'udp' },
      ],
    });
    const f = m.filter('server');
    expect(f).toHaveLength(2);
    expect(f[0].DstPorts!.map((d) => d.Ports.First)).toEqual([22, 22, 80, 443, 80, 443]);
    expect(f[1].IPProto).toEqual([17]);
  });

  it('users and groups resolve to their untagged devices; host aliases to their address', () => {
    const m = maps({ acls: [{ action: 'accept', src: ['group:admins', 'thor@example.org'], dst: ['web:80', 'internal:22'] }] });
    expect([...m.filter('server')[0].SrcIPs].sort()).toEqual(['100.64.0.1', '100.64.0.2', '100.64.0.3', 'fd7a:115c:a1e0::1', 'fd7a:115c:a1e0::2', 'fd7a:115c:a1e0::3']);
    // The router carries 10.33.0.0/16, inside "internal": it gets the rule and becomes visible.
    expect(m.filter('router')[0].DstPorts).toEqual([ports('10.0.0.0/8', 22)]);
    expect(m.peers('laptop').sort()).toEqual(['router', 'server']);
  });

  it('autogroup:self: each user reaches only their own devices', () => {
    const m = maps({ acls: [{ action: 'accept', src: ['autogroup:member'], dst: ['autogroup:self:*'] }] });
    expect(m.filter('laptop')).toEqual([
      {
        SrcIPs: ['100.64.0.1', 'fd7a:115c:a1e0::1', '100.64.0.2', 'fd7a:115c:a1e0::2'],
        DstPorts: [ports('100.64.0.1', 0, 65535), ports('fd7a:115c:a1e0::1', 0, 65535)],
      },
    ]);
    expect(m.peers('laptop')).toEqual(['phone']);
    expect(m.peers('desk')).toEqual([]);
    expect(m.filter('server')).toEqual([]);
  });

  it('autogroup:internet: exit nodes filter the public ranges; sources see exit nodes', () => {
    const m = maps({ acls: [{ action: 'accept', src: ['autogroup:member'], dst: ['autogroup:internet:*'] }] });
    const ips = m.filter('exit')[0].DstPorts!.map((d) => d.IP);
    expect(ips).toContain('11.0.0.0-100.63.255.255');
    expect(ips).toContain('2000::-3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(m.filter('router')).toEqual([]);
    expect(m.peers('desk')).toEqual(['exit']);
  });

  it('a document without acls or grants allows everything', () => {
    const m = maps({});
    expect(m.filter('server')[0].DstPorts).toEqual([ports('*', 0, 65535)]);
  });

  it('compiles to intermediate rules: one per entry and destination, selectors by node name', () => {
    const c2 = compile({ acls: [{ action: 'accept', src: ['group:devs'], dst: ['autogroup:self:80', 'tag:server:22'] }] });
    // Non-self destinations come first when the entry names anything but autogroups.
    expect(c2.rules.map((r) => [r.id, r.dst.peers, r.dst.self ?? false, r.ports])).toEqual([
      ['acl:0:0', ['server'], false, [{ first: 22, last: 22 }]],
      ['acl:0:1', [], true, [{ first: 80, last: 80 }]],
    ]);
    expect(c2.rules[0].src.peers).toEqual(['laptop', 'phone', 'desk']);
    expect(c2.rules[0].origin).toEqual({ kind: 'acl', index: 0 });
  });
});

describe('Tailscale grants', () => {
  it('ip grants, protocols and via routers', () => {
    const m = maps({
      grants: [
        { src: ['tag:client'], dst: ['tag:server'], ip: ['tcp:443', '53'] },
        { src: ['autogroup:member'], dst: ['10.33.0.0/16'], ip: ['*'], via: ['tag:router'] },
      ],
    });
    expect(m.filter('server').map((r) => r.IPProto)).toEqual([[6], undefined]);
    expect(m.filter('router')).toEqual([{ SrcIPs: expect.any(Array), DstPorts: [ports('10.33.0.0/16', 0, 65535)] }]);
    expect(m.peers('desk')).toEqual(['router']);
  });

  it('app capabilities become CapGrant rules narrowed to the node, with companions', () => {
    const m = maps({ grants: [{ src: ['tag:client'], dst: ['tag:server'], app: { 'tailscale.com/cap/drive': [{ shares: ['*'] }] } }] });
    expect(m.filter('server')).toEqual([
      { SrcIPs: ['100.64.0.11', 'fd7a:115c:a1e0::b'], CapGrant: [{ Dsts: ['100.64.0.10/32', 'fd7a:115c:a1e0::a/128'], CapMap: { 'tailscale.com/cap/drive': [{ shares: ['*'] }] } }] },
    ]);
    expect(m.filter('client')).toEqual([
      { SrcIPs: ['100.64.0.10', 'fd7a:115c:a1e0::a'], CapGrant: [{ Dsts: ['100.64.0.11/32', 'fd7a:115c:a1e0::b/128'], CapMap: { 'tailscale.com/cap/drive-sharer': null } }] },
    ]);
  });
});

describe('Tailscale rejection messages', () => {
  const acl = (src: string[], dst: string[], extra: object = {}) => ({ acls: [{ action: 'accept', src, dst, ...extra }] });
  it.each([
    [acl(['tag:nope'], ['*:*']), 'src=tag not found: "tag:nope"'],
    [acl(['*'], ['tag:nope:22']), 'dst="tag:nope": tag not found: "tag:nope"'],
    [acl(['*'], ['autogroup:self']), 'dst="autogroup:self": port range "self": invalid first integer'],
    [acl(['autogroup:tagged'], ['autogroup:self:*']), 'autogroup:self can only be used with users, groups, or supported autogroups'],
    [acl(['web'], ['autogroup:self:*']), 'autogroup:self can only be used with users, groups, or supported autogroups'],
    [{ acls: [{ action: 'deny', src: ['*'], dst: ['*:*'] }] }, 'action="deny" is not supported'],
    [{ grants: [{ src: ['*'], dst: ['*'] }] }, 'ip and app can not both be empty'],
    [{ grants: [{ src: ['*'], dst: ['tag:server'], ip: ['tcp:0'] }] }, `port range "0": first port must be >0, or use '*' for wildcard`],
    [{ grants: [{ src: ['*'], dst: ['autogroup:danger-all'], ip: ['*'] }] }, 'cannot use autogroup:danger-all as a dst'],
    [{ grants: [{ src: ['*'], dst: ['autogroup:self'], ip: ['*'] }] }, 'autogroup:self can only be used with users, groups, or supported autogroups'],
    [{ grants: [{ src: ['autogroup:self'], dst: ['*'], ip: ['*'] }] }, '"autogroup:self" not valid on the src side of a rule'],
    [{ grants: [{ src: ['*'], dst: ['::/0'], ip: ['*'] }] }, 'dst "::/0": to allow all IP addresses, use "*" or "autogroup:internet"'],
    [{ grants: [{ src: ['*'], dst: ['*'], app: { 'https://tailscale.com/cap/x': [{}] } }] }, 'capability name must have the form {domain}/{path}'],
    [{ groups: { 'group:a': ['group:b'], 'group:b': ['x@example.com'] } }, 'groups["group:a"]: "group:b": group members cannot be recursive'],
    [{ tagOwners: { 'tag:1st': [] } }, `tagOwners["tag:1st"]: tag names must start with a letter, after 'tag:'`],
    [{ ssh: [{ action: 'accept', src: ['autogroup:member'], dst: ['tag:server'], users: [] }] }, 'users must be specified'],
    [{ ssh: [{ action: 'accept', src: ['autogroup:member'], dst: ['tag:server'], users: ['*'] }] }, 'user "*" is not valid'],
    [{ ssh: [{ action: 'check', checkPeriod: '200h', src: ['autogroup:member'], dst: ['tag:server'], users: ['root'] }] }, 'checkPeriod 200h0m0s is above the max (168h)'],
    [{ ssh: [{ action: 'check', checkPeriod: '-1m', src: ['autogroup:member'], dst: ['tag:server'], users: ['root'] }] }, 'checkPeriod -1m0s must be a positive duration'],
    [{ ssh: [{ action: 'check', checkPeriod: 'abc', src: ['autogroup:member'], dst: ['tag:server'], users: ['root'] }] }, 'time: invalid duration "abc"'],
    [{ ssh: [{ action: 'accept', src: ['user:*@example.org'], dst: ['tag:server'], users: ['root'] }] }, '[ssh] example.org is not associated with this Tailnet and cannot be used in user:*@<domain> expressions'],
    [{ nodeAttrs: [{ target: ['*'], ipPool: ['100.100.100.0/24'] }] }, 'IPPool(100.100.100.0/24): network within reserved range'],
  ])('%j → %s', (policy, message) => {
    expect(reject(policy)).toBe(message);
  });
});

describe('Tailscale policy tests', () => {
  const acls = [{ action: 'accept', src: ['group:devs'], dst: ['web:80', 'tag:server:22'], proto: 'tcp' }];
  it('pass when accepts are reachable and denies are not', () => {
    expect(compile({ acls, tests: [{ src: 'thor@example.org', accept: ['web:80', 'tag:server:22'], deny: ['web:443'] }] })).toBeTruthy();
  });
  it.each([
    [{ src: 'thor@example.org', accept: ['web:443'] }, 'unreachable accept'],
    [{ src: 'thor@example.org', deny: ['web:80'] }, 'reachable deny'],
    [{ src: 'thor@example.org', accept: ['web:80'], proto: 'udp' }, 'protocol mismatch'],
    [{ src: 'thor@example.org', accept: ['web:80-81'] }, 'port range'],
    [{ src: 'thor@example.org', accept: ['internal:22'] }, 'CIDR destination'],
    [{ src: 'thor@example.org', accept: ['autogroup:self:22'] }, 'autogroup:self destination'],
    [{ src: 'nobody@example.com', accept: ['web:80'] }, 'unknown user'],
    [{ src: 'thor@example.org' }, 'no assertions'],
  ])('%j fails (%s)', (test, _why) => {
    expect(reject({ acls, tests: [test] })).toBe('test(s) failed');
  });
  it('sshTests check who may log in as whom', () => {
    const ssh = [{ action: 'accept', src: ['thor@example.org'], dst: ['tag:server'], users: ['root'] }];
    expect(compile({ ssh, sshTests: [{ src: 'thor@example.org', dst: ['tag:server'], accept: ['root'], deny: ['admin'] }] })).toBeTruthy();
    expect(reject({ ssh, sshTests: [{ src: 'thor@example.org', dst: ['tag:server'], deny: ['root'] }] })).toBe('test(s) failed');
    expect(reject({ ssh, sshTests: [{ src: 'thor@example.org', dst: ['tag:server:22'], accept: ['root'] }] })).toBe('SSH tests dst contains unknown tag "tag:server:22"');
  });
});
