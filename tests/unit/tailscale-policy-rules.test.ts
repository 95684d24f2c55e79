// The Tailscale policy file's rules, one test per statement of Tailscale's documentation (policy
// syntax reference, grants, application capabilities, via, Tailscale SSH, tests, sshTests,
// nodeAttrs) for the families where meshdeck used to decide differently from Tailscale. The table in
// docs/policy-model.md ("Validation rules") lists every rule with its message and source.
import { describe, expect, it } from 'vitest';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '@/lib/domain/policy/tailscale/compile';
import { parseGoDuration } from '@/lib/domain/policy/tailscale/duration';
import { TailscaleMaps } from '@/lib/domain/policy/tailscale/netmap';
import type { Topology } from '@/lib/domain/policy/tailscale/topology';

const VIA6 = 'fd7a:115c:a1e0:b1a:0:7:a00:0/120'; // 4via6: site 7, 10.0.0.0/24
const topology: Topology = {
  users: [
    { id: 1, name: 'odin', email: 'odin@example.com' },
    { id: 2, name: 'thor', email: 'thor@example.com' },
  ],
  nodes: [
    { name: 'laptop', tags: [], user: 'odin', ipv4: '100.64.0.1', ipv6: 'fd7a:115c:a1e0::1', approvedRoutes: [] },
    { name: 'desk', tags: [], user: 'thor', ipv4: '100.64.0.3', ipv6: 'fd7a:115c:a1e0::3', approvedRoutes: [] },
    { name: 'server', tags: ['tag:server'], ipv4: '100.64.0.10', ipv6: 'fd7a:115c:a1e0::a', approvedRoutes: [] },
    { name: 'client', tags: ['tag:client'], ipv4: '100.64.0.11', ipv6: 'fd7a:115c:a1e0::b', approvedRoutes: [] },
    { name: 'router', tags: ['tag:router'], ipv4: '100.64.0.12', ipv6: 'fd7a:115c:a1e0::c', approvedRoutes: ['10.33.0.0/16', '2001:db8:33::/48', VIA6] },
    { name: 'exit', tags: ['tag:exit'], ipv4: '100.64.0.13', ipv6: 'fd7a:115c:a1e0::d', approvedRoutes: ['0.0.0.0/0', '::/0'] },
  ],
};
const base = {
  groups: { 'group:admins': ['odin@example.com'] },
  hosts: { web: '100.64.0.10', lab: '192.168.1.0/24' },
  tagOwners: { 'tag:server': ['group:admins'], 'tag:client': ['group:admins'], 'tag:router': ['group:admins'], 'tag:exit': ['group:admins'] },
};

function outcome(policy: object): CompiledTailscalePolicy | string {
  const r = compileTailscalePolicy({ ...base, ...policy }, topology);
  return isCompileError(r) ? r.error : r;
}
const reject = (policy: object) => {
  const r = outcome(policy);
  if (typeof r !== 'string') throw new Error('policy was accepted');
  return r;
};
const accept = (policy: object) => {
  const r = outcome(policy);
  if (typeof r === 'string') throw new Error(`policy was rejected: ${r}`);
  return r;
};
const ssh = (entry: object, extra: object = {}) => ({ grants: [{ src: ['*'], dst: ['*'], ip: ['*'] }], ssh: [{ action: 'accept', src: ['autogroup:member'], dst: ['tag:server'], users: ['root'], ...entry }], ...extra });
const grant = (g: object) => ({ grants: [{ src: ['tag:client'], dst: ['tag:server'], ...g }] });

describe('application capabilities in grants (docs: "Application capabilities")', () => {
  it('a capability name has the form {domain}/{path}, without a URL scheme', () => {
    expect(reject(grant({ app: { 'https://example.com/cap/x': [{}] } }))).toBe('capability name must have the form {domain}/{path}');
    expect(reject(grant({ app: { 'example.com': [{}] } }))).toBe('capability name must have the form {domain}/{path}');
    accept(grant({ app: { 'example.com/cap/x': [{}] } }));
  });
  it('the tailscale.com domain is reserved: only capabilities Tailscale documents as grantable may be named', () => {
    expect(reject(grant({ app: { 'tailscale.com/cap/ingress': [{}] } }))).toBe('capability name must not be in the tailscale.com domain');
    expect(reject(grant({ app: { 'tailscale.com/cap/drive-sharer': [{}] } }))).toBe('capability name must not be in the tailscale.com domain');
    for (const cap of ['tailscale.com/cap/drive', 'tailscale.com/cap/relay', 'tailscale.com/cap/webui', 'tailscale.com/cap/tsidp', 'tailscale.com/cap/kubernetes']) accept(grant({ app: { [cap]: [{}] } }));
  });
  it('app grants cannot target autogroup:internet, even beside ip', () => {
    expect(reject(grant({ dst: ['autogroup:internet'], app: { 'example.com/cap/x': [{}] } }))).toBe('cannot use app grants with autogroup:internet');
    expect(reject(grant({ dst: ['autogroup:internet'], ip: ['*'], app: { 'example.com/cap/x': [{}] } }))).toBe('cannot use app grants with autogroup:internet');
    accept(grant({ dst: ['autogroup:internet'], ip: ['*'] }));
  });
  it('nor autogroup:shared or the admin role autogroups; autogroup:member is fine', () => {
    for (const ag of ['autogroup:shared', 'autogroup:admin', 'autogroup:owner', 'autogroup:network-admin']) expect(reject(grant({ dst: [ag], app: { 'example.com/cap/x': [{}] } }))).toBe(`cannot use app grants with ${ag}`);
    expect(reject(grant({ dst: ['autogroup:danger-all'], app: { 'example.com/cap/x': [{}] } }))).toBe('cannot use autogroup:danger-all as a dst');
    accept(grant({ dst: ['autogroup:member'], app: { 'example.com/cap/x': [{}] } }));
    accept(grant({ dst: ['autogroup:admin'], ip: ['*'] }));
  });
  it('tailscale.io is reserved too', () => {
    expect(reject(grant({ app: { 'tailscale.io/cap/x': [{}] } }))).toBe('capability name must not be in the tailscale.io domain');
    accept(grant({ app: { 'tailscale.com/cap/golink': [{}] } }));
  });
  it('autogroup:self in a grant needs people as sources: "*" is refused (it includes tags)', () => {
    expect(reject({ grants: [{ src: ['*'], dst: ['autogroup:self'], app: { 'example.com/cap/x': [{}] } }] })).toBe('autogroup:self can only be used with users, groups, or supported autogroups');
    accept({ grants: [{ src: ['autogroup:member'], dst: ['autogroup:self'], app: { 'example.com/cap/x': [{}] } }] });
  });
});

describe('Tailscale SSH rules (docs: policy syntax, "ssh")', () => {
  it('dst may be tags, autogroup:self/member/tagged or the source user — not "*", hosts, addresses or groups', () => {
    expect(reject(ssh({ dst: ['*'] }))).toBe('invalid dst "*"');
    expect(reject(ssh({ dst: ['web'] }))).toBe('invalid dst "web"');
    expect(reject(ssh({ dst: ['100.64.0.10'] }))).toBe('invalid dst "100.64.0.10"');
    expect(reject(ssh({ dst: ['group:admins'] }))).toBe('invalid dst "group:admins"');
    expect(reject(ssh({ dst: ['autogroup:internet'] }))).toBe('"autogroup:internet" is not allowed in dst');
    for (const dst of ['tag:server', 'autogroup:tagged']) accept(ssh({ dst: [dst] }));
    accept(ssh({ src: ['autogroup:member'], dst: ['autogroup:self'] }));
  });
  it('src may be users, groups, tags, autogroup:member or autogroup:tagged', () => {
    expect(reject(ssh({ src: ['100.64.0.11'] }))).toBe('invalid src "100.64.0.11"');
    expect(reject(ssh({ src: ['autogroup:self'] }))).toBe('"autogroup:self" is not allowed in src');
    expect(reject(ssh({ src: ['autogroup:admin'] }))).toBe('"autogroup:admin" is not allowed in src');
    accept(ssh({ src: ['group:admins', 'tag:client', 'odin@example.com', 'autogroup:tagged'] }));
  });
  it('tagged sources never reach user-owned devices; a user destination only for that same user', () => {
    expect(reject(ssh({ src: ['tag:client'], dst: ['odin@example.com'] }))).toBe('users in dst are only allowed from the same user');
    expect(reject(ssh({ src: ['tag:client'], dst: ['autogroup:self'] }))).toMatch(/^autogroup:self destination requires source to contain only users or groups/);
    expect(reject(ssh({ src: ['autogroup:tagged'], dst: ['autogroup:member'] }))).toBe('tags in SSH source cannot access autogroup:member (user-owned devices)');
    expect(reject(ssh({ src: ['thor@example.com'], dst: ['odin@example.com'] }))).toBe('users in dst are only allowed from the same user');
    expect(reject(ssh({ src: ['odin@example.com', 'group:admins'], dst: ['odin@example.com'] }))).toBe('users in dst are only allowed from the same user');
    accept(ssh({ src: ['odin@example.com'], dst: ['odin@example.com'] }));
  });
  it('acceptEnv lists variable names or patterns; an empty one is refused', () => {
    expect(reject(ssh({ acceptEnv: ['LANG', ''] }))).toBe('acceptEnv values cannot be empty');
    expect(reject(ssh({ acceptEnv: 'LANG' }))).toBe('acceptEnv: expected a list of strings');
    accept(ssh({ acceptEnv: ['LANG', 'LC_*', 'GIT_?', '*'] }));
  });
  it('checkPeriod: only with "check", "always" or a Go duration from 0s to 168h; null means omitted', () => {
    expect(reject(ssh({ action: 'accept', checkPeriod: '12h' }))).toBe('checkPeriod is only valid with action "check"');
    expect(reject(ssh({ action: 'check', checkPeriod: '-1m' }))).toBe('checkPeriod -1m0s must be a positive duration');
    expect(reject(ssh({ action: 'check', checkPeriod: '169h' }))).toBe('checkPeriod 169h0m0s is above the max (168h)');
    expect(reject(ssh({ action: 'check', checkPeriod: '1d' }))).toBe('time: unknown unit "d" in duration "1d"');
    expect(reject(ssh({ action: 'check', checkPeriod: '3600' }))).toBe('time: missing unit in duration "3600"');
    expect(reject(ssh({ action: 'check', checkPeriod: 'abc' }))).toBe('time: invalid duration "abc"');
    for (const checkPeriod of [null, 'always', '168h', '1h30m', '.5h', '1m', '30s', '0s']) accept(ssh({ action: 'check', checkPeriod }));
    accept(ssh({ action: 'accept', checkPeriod: null }));
  });
  it('Go duration syntax: fractions, several units, µs', () => {
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('1h30m15s')).toBe(5_415_000);
    expect(parseGoDuration('1500µs')).toBe(1.5);
    expect(() => parseGoDuration('')).toThrow('time: invalid duration ""');
    expect(() => parseGoDuration('1h ')).toThrow('time: unknown unit "h " in duration "1h "');
  });
});

describe('user:*@<domain> (docs: targets and selectors)', () => {
  it('only the tailnet\'s own domain; a shared provider domain has its own refusal; the SSH section prefixes "[ssh]"', () => {
    accept({ acls: [{ action: 'accept', src: ['user:*@example.com'], dst: ['*:*'] }] });
    expect(reject({ acls: [{ action: 'accept', src: ['user:*@example.org'], dst: ['*:*'] }] })).toBe('example.org is not associated with this Tailnet and cannot be used in user:*@<domain> expressions');
    expect(reject({ acls: [{ action: 'accept', src: ['user:*@gmail.com'], dst: ['*:*'] }] })).toBe('gmail.com is a shared domain and cannot be used in user:*@<domain> expressions');
    expect(reject(ssh({ src: ['user:*@acme.github'] }))).toBe('[ssh] acme.github is a shared domain and cannot be used in user:*@<domain> expressions');
    accept(ssh({ src: ['user:*@passkey'] }));
    expect(reject(ssh({ users: ['localpart:*@*'] }))).toBe('* is not associated with this Tailnet and cannot be used in user:*@<domain> expressions');
  });
  it('a pattern without a domain part names nobody and is accepted', () => {
    accept({ acls: [{ action: 'accept', src: ['user:*@'], dst: ['*:*'] }] });
    accept(ssh({ users: ['localpart:*@'] }));
    accept({ acls: [{ action: 'accept', src: ['odin@'], dst: ['*:*'] }] });
  });
});

describe('sshTests destinations (docs: policy syntax, "sshTests")', () => {
  const withTest = (dst: string[]) => ssh({}, { sshTests: [{ src: 'odin@example.com', dst, accept: ['root'] }] });
  it('a destination names one machine: ranges and autogroup:internet are refused before the tests run', () => {
    expect(reject(withTest(['100.64.0.0/24']))).toBe('SSH tests dst contains disallowed element "100.64.0.0/24"');
    expect(reject(withTest(['lab']))).toBe('SSH tests dst contains disallowed element "lab"');
    expect(reject(withTest(['autogroup:internet']))).toBe('SSH tests dst contains disallowed element "autogroup:internet"');
    expect(reject(withTest(['tag:server:22']))).toBe('SSH tests dst contains unknown tag "tag:server:22"');
  });
  it('the source is one identity: autogroups, "*" and ranges are refused', () => {
    const src = (s: string) => ssh({}, { sshTests: [{ src: s, dst: ['tag:server'], accept: ['root'] }] });
    expect(reject(src('autogroup:admin'))).toBe('SSH tests src contains disallowed element "autogroup:admin"');
    expect(reject(src('*'))).toBe('SSH tests src contains disallowed element "*"');
    expect(reject(src('100.64.0.0/24'))).toBe('SSH tests src contains disallowed element "100.64.0.0/24"');
    accept(src('100.64.0.1'));
  });
  it('one address or a host of one address is evaluated; an IPv6 literal fails the test', () => {
    accept(withTest(['100.64.0.10']));
    accept(withTest(['web']));
    expect(reject(withTest(['fd7a:115c:a1e0::a']))).toBe('test(s) failed');
  });
});

describe('nodeAttrs targets (docs: policy syntax, "nodeAttrs")', () => {
  const attrs = (target: string[]) => ({ nodeAttrs: [{ target, attr: ['funnel'] }] });
  it('targets are selectors of devices: defined tags, groups and hosts, users, addresses, "*", device autogroups', () => {
    for (const t of [['*'], ['tag:server'], ['group:admins'], ['web'], ['odin@example.com'], ['100.64.0.0/24'], ['autogroup:member'], ['autogroup:tagged'], ['autogroup:admin']]) accept(attrs(t));
  });
  it('undefined names and autogroups that are not devices are refused', () => {
    expect(reject(attrs(['tag:nope']))).toBe('tag not found: "tag:nope"');
    expect(reject(attrs(['group:nope']))).toBe('group not found: "group:nope"');
    expect(reject(attrs(['nowhere']))).toBe('host not found: "nowhere"');
    for (const ag of ['autogroup:self', 'autogroup:internet', 'autogroup:danger-all', 'autogroup:nonroot']) expect(reject(attrs([ag]))).toBe(`nodeAttrs target does not support this autogroup: "${ag}"`);
  });
});

describe('grants with via (docs: "Via"): the router carries the grant\'s destination as written', () => {
  const via = (dst: string) => new TailscaleMaps(accept({ grants: [{ src: ['tag:client'], dst: [dst], ip: ['tcp:443'], via: ['tag:router'] }] }));
  const dstIPs = (m: TailscaleMaps, node: string) => m.filter(node).flatMap((r) => (r.DstPorts ?? []).map((d) => d.IP));
  it('IPv4: narrower and wider than the route, and equal', () => {
    expect(dstIPs(via('10.33.1.0/24'), 'router')).toEqual(['10.33.1.0/24']);
    expect(dstIPs(via('10.0.0.0/8'), 'router')).toEqual(['10.0.0.0/8']);
    expect(dstIPs(via('10.33.0.0/16'), 'router')).toEqual(['10.33.0.0/16']);
    expect(dstIPs(via('10.44.0.0/16'), 'router')).toEqual([]);
  });
  it('IPv6 and 4via6 prefixes', () => {
    expect(dstIPs(via('2001:db8:33:1::/64'), 'router')).toEqual(['2001:db8:33:1::/64']);
    expect(dstIPs(via(VIA6), 'router')).toEqual([VIA6]);
    expect(dstIPs(via('fd7a:115c:a1e0:b1a:0:7:a00:10/124'), 'router')).toEqual(['fd7a:115c:a1e0:b1a:0:7:a00:10/124']);
  });
  it('only routers with the via tag get the rule, and the source sees them', () => {
    const m = via('10.33.1.0/24');
    expect(dstIPs(m, 'exit')).toEqual([]);
    expect(m.peers('client')).toEqual(['router']);
    expect(m.peers('router')).toEqual(['client']);
  });
});

describe('the other rows of the table (docs: policy syntax reference)', () => {
  it('tag names: after the first letter any characters', () => {
    accept({ tagOwners: { ...base.tagOwners, 'tag:web.prod': ['group:admins'], 'tag:test_infra': ['group:admins'] }, grants: [{ src: ['tag:web.prod'], dst: ['tag:test_infra'], ip: ['*'] }] });
  });
  const acl = (src: string[], dst: string[], extra: object = {}) => ({ acls: [{ action: 'accept', src, dst, ...extra }] });
  it.each([
    [{ groups: { admins: [] } }, `groups["admins"]: group names must start with 'group:'`],
    [{ tagOwners: { server: [] } }, `tagOwners["server"]: tags must start with 'tag:'`],
    [{ tagOwners: { 'tag:': [] } }, 'tagOwners["tag:"]: tag names must not be empty'],
    [{ tagOwners: { 'tag:1infra': [] } }, `tagOwners["tag:1infra"]: tag names must start with a letter, after 'tag:'`],
    [{ hosts: { 'server@ntw.com': '100.64.0.10' } }, 'host names cannot include an @, please change the name for "server@ntw.com"'],
    [{ hosts: { 'db:5432': '100.64.0.10' } }, 'host name must not contain colon (:)'],
    [{ tagOwners: { 'tag:a': ['tag:nope'] } }, 'tagOwners["tag:a"]: tag not found: "tag:nope"'],
    [{ hosts: { db: 'not-an-ip' } }, 'hosts["db"]: invalid IP address or prefix "not-an-ip"'],
    [{ ipsets: { office: ['10.0.0.0/8'] } }, `ipsets["office"]: ipset names must start with 'ipset:'`],
    [acl(['group:nope'], ['*:*']), 'src=group not found: "group:nope"'],
    [acl(['autogroup:internet'], ['*:*']), '"autogroup:internet" not valid on the src side of a rule'],
    [acl(['*'], ['web']), 'dst="web": hostport must contain a colon (":")'],
    [acl(['*'], ['tag:server']), 'dst="tag:server": port range "server": invalid first integer'],
    [acl(['*'], ['tag:server:80-22']), 'dst="tag:server:80-22": port range "80-22": last port must be >= first port'],
    [acl(['*'], ['tag:server:22'], { proto: 'icmp' }), 'proto "icmp" does not support specific ports, only "*" is allowed'],
    [acl(['*'], ['*:*'], { proto: '06' }), 'leading 0 not permitted in protocol number "06"'],
    [acl(['*'], ['*:*'], { proto: 'bogus' }), 'proto name "bogus" not known; use protocol number 0-255 or protocol name (icmp, tcp, udp, etc.)'],
    [grant({ ip: ['tcp:22:33'] }), 'expected only one colon in Internet protocol and port type, got "tcp:22:33"'],
    [grant({ ip: ['*'], via: ['group:admins'] }), 'via can only be a tag'],
    [grant({ ip: ['*'], via: ['tag:nope'] }), 'tag "tag:nope" not found'],
    [{ nodeAttrs: [{ target: ['*'], ipPool: ['10.0.0.0/24'] }] }, 'IPPool(10.0.0.0/24): network not within 100.64.0.0/10'],
    [acl(['*'], ['autogroup:nonroot:*']), '"autogroup:nonroot" not valid on the dst side of a rule'],
    [grant({ dst: ['autogroup:shared'], ip: ['*'] }), '"autogroup:shared" not valid on the dst side of a rule'],
    [{ grants: [{ src: ['tag:client'], dst: ['tag:server'], ip: ['*'] }], tests: [{ src: 'autogroup:tagged', accept: ['tag:server:22'] }] }, 'test(s) failed'],
    [{ grants: [{ src: ['*'], dst: ['*'], ip: ['*'] }], tests: [{ src: '*', accept: ['tag:server:22'] }] }, 'test(s) failed'],
  ])('%j → %s', (policy, message) => {
    expect(reject(policy)).toBe(message);
  });
  it('empty src or dst in a grant is accepted and gives no rules', () => {
    expect(accept({ grants: [{ src: [], dst: ['tag:server'], ip: ['*'] }] }).rules).toEqual([]);
    expect(accept({ grants: [{ src: ['tag:client'], dst: [], ip: ['*'] }] }).rules).toEqual([]);
  });
  it('tags may own each other in a cycle', () => {
    accept({ tagOwners: { ...base.tagOwners, 'tag:a': ['tag:b'], 'tag:b': ['tag:a'] }, acls: [{ action: 'accept', src: ['tag:a'], dst: ['*:*'] }] });
  });
});

describe('saving vs enforcing a saved document', () => {
  const saved = {
    ...base,
    grants: [{ src: ['tag:client'], dst: ['tag:server'], ip: ['*'] }],
    ssh: [{ action: 'accept', src: ['autogroup:member'], dst: ['*'], users: ['root'], checkPeriod: '12h' }],
    tests: [{ src: 'tag:client', deny: ['tag:server:22'] }],
  };
  it('a save runs every rule and the tests', () => {
    expect(isCompileError(compileTailscalePolicy(saved, topology))).toBe(true);
  });
  it('enforcing keeps a document saved before the stricter rules working, and never re-runs its tests', () => {
    const r = compileTailscalePolicy(saved, topology, undefined, 'enforce');
    if (isCompileError(r)) throw new Error(r.error);
    expect(new TailscaleMaps(r).peers('server')).toEqual(['client']);
  });
});

describe('peer visibility (docs: "a device sees the devices it may reach and those that may reach it")', () => {
  const maps = (policy: object) => new TailscaleMaps(accept(policy));
  it('both ends of a rule see each other, and nobody else', () => {
    const m = maps({ grants: [{ src: ['tag:client'], dst: ['tag:server'], ip: ['tcp:22'] }] });
    expect(m.peers('client')).toEqual(['server']);
    expect(m.peers('server')).toEqual(['client']);
    expect(m.peers('laptop')).toEqual([]);
  });
  it('an IPv6 literal destination of a tags-only grant: the node with that address, both ways', () => {
    const m = maps({ grants: [{ src: ['tag:client'], dst: ['fd7a:115c:a1e0::a'], ip: ['*'] }] });
    expect(m.peers('client')).toEqual(['server']);
    expect(m.filter('server').flatMap((r) => (r.DstPorts ?? []).map((d) => d.IP))).toEqual(['fd7a:115c:a1e0::a']);
    expect(m.filter('client')).toEqual([]);
  });
  it('a subnet router is seen by the sources of a rule into its routes; an exit node by autogroup:internet sources', () => {
    const m = maps({ grants: [{ src: ['tag:client'], dst: ['10.33.1.0/24'], ip: ['*'] }, { src: ['odin@example.com'], dst: ['autogroup:internet'], ip: ['*'] }] });
    expect(m.peers('client')).toEqual(['router']);
    expect(m.peers('laptop')).toEqual(['exit']);
    expect(m.peers('exit')).toEqual(['laptop']);
  });
  it('autogroup:self: the same user\'s devices see each other, other users\' do not', () => {
    const m = maps({ acls: [{ action: 'accept', src: ['autogroup:member'], dst: ['autogroup:self:*'] }] });
    expect(m.peers('laptop')).toEqual([]);
    expect(m.peers('desk')).toEqual([]);
  });
});
