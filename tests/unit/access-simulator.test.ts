// The access simulator's answer (lib/domain/access/simulator-answer.ts over lib/domain/policy/explain.ts):
// which rule decides — a NetBird policy and rule, a line of the document, a posture check that
// removes access, a drop that takes ports away — and a different answer for an unsaved document.
// Then, over random accounts, its verdicts must agree with the engine's own packet filters
// (AccessModel with posture-restricted rules, as network-map.ts builds it): one engine, two views.
import { describe, expect, it } from 'vitest';
import { answer, type AnswerInput, type Decider } from '@/lib/domain/access/simulator-answer';
import type { ResolvedDestination, ResolvedSource } from '@/lib/domain/access/simulator-targets';
import { topologyFromRows } from '@/lib/domain/acl/topology';
import { lineLocator, parse, toJSONValue } from '@/lib/domain/hujson';
import { AccessModel, type ModelPeer } from '@/lib/domain/policy/evaluate';
import { explainNetbirdPair, type Probe } from '@/lib/domain/policy/explain';
import { compileNetbird, type NetbirdRuleInput } from '@/lib/domain/policy/netbird-compile';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '@/lib/domain/policy/tailscale/compile';
import { aclAccessFrom } from '@/lib/domain/acl/access';
import { aclRulesTo, TAILSCALE_DEFAULT_PROTOCOLS } from '@/lib/domain/policy/explain';
import { IPSet, parseAddr } from '@/lib/domain/policy/tailscale/ipset';
import { restrictSourcesByPosture } from '@/lib/domain/posture/sources';
import type { PostureSubject } from '@/lib/domain/posture/evaluate';

const USERS = [{ id: 'u1', email: 'alice@example.test', role: 'admin', isServiceUser: false }];
const peer = (id: string, n: number, groups: string[], active = true): ModelPeer => ({ id, ip: `100.64.0.${n}`, ipv6: '', groups: ['ALL', ...groups], active });
const PEERS = [peer('web', 1, ['g-web']), peer('db', 2, ['g-db']), peer('laptop', 3, ['g-staff']), peer('old', 4, ['g-staff'])];
const rows = PEERS.map((p) => ({ id: p.id, hostname: p.id, name: p.id, userId: 'u1', ip: p.ip, ipv6: '', tags: '[]', advertisedRoutes: '[]', enabledRoutes: '[]' }));

const rule = (over: Partial<NetbirdRuleInput> & Pick<NetbirdRuleInput, 'ruleId' | 'sourceGroups' | 'destinationGroups'>): NetbirdRuleInput => ({
  policyId: `pol-${over.ruleId}`, policyName: `Policy ${over.ruleId}`, ruleName: `Rule ${over.ruleId}`, action: 'accept', bidirectional: false,
  protocol: 'all', ports: [], portRanges: [], postureChecks: [], ...over,
});

function compileDoc(text: string): CompiledTailscalePolicy {
  const c = compileTailscalePolicy(toJSONValue(text) as object, topologyFromRows(USERS, rows));
  if (isCompileError(c)) throw new Error(c.error);
  return c;
}

const EMPTY_DOC = '{\n\t"acls": [],\n}\n';

function input(rules: NetbirdRuleInput[], doc = EMPTY_DOC, failing = new Set<string>()): AnswerInput {
  const withChecks = new Set(rules.filter((r) => r.postureChecks.length).map((r) => r.policyId));
  return {
    peers: new Map(PEERS.map((p) => [p.id, p])),
    rules: compileNetbird(rules, 'ALL'),
    posture: { hasChecks: (id) => withChecks.has(id), passes: (id, peerId) => !withChecks.has(id) || !failing.has(peerId) },
    allGroupId: 'ALL',
    acl: compileDoc(doc),
    lineOf: lineLocator(parse(doc)),
  };
}

const from = (id: string): ResolvedSource => ({ kind: 'peer', id, name: id, peerIds: [id] });
const to = (id: string): ResolvedDestination => ({ kind: 'peers', asked: 'peer', id, name: id, peerIds: [id] });
const of = (ds: Decider[], effect: string) => ds.filter((d) => d.effect === effect);

describe('access simulator: the deciding rules', () => {
  it('names the NetBird policy and rule that allow, and denies where none does', () => {
    const i = input([rule({ ruleId: 'ssh', protocol: 'tcp', ports: ['22'], sourceGroups: ['g-staff'], destinationGroups: ['g-web'] })]);
    const yes = answer(i, from('laptop'), to('web'), { protocol: 6, port: 22 });
    expect(yes.verdict).toBe('allowed');
    expect(yes.deciders).toEqual([expect.objectContaining({ kind: 'netbird', effect: 'accept', policyId: 'pol-ssh', policyName: 'Policy ssh', ruleId: 'ssh', ruleName: 'Rule ssh', traffic: 'TCP 22' })]);
    expect(answer(i, from('laptop'), to('web'), { protocol: 6, port: 80 }).verdict).toBe('denied');
    expect(answer(i, from('web'), to('laptop'), { protocol: 6, port: 22 }).verdict).toBe('denied');
    expect(answer(i, from('laptop'), to('web'), { protocol: 1 }).verdict).toBe('denied');
  });

  it('names the line of the document entry that allows', () => {
    const doc = '{\n\t// staff to the database\n\t"acls": [\n\t\t{"action": "accept", "src": ["100.64.0.1"], "dst": ["100.64.0.9:80"]},\n\t\t{"action": "accept", "src": ["100.64.0.3"], "dst": ["100.64.0.2:5432"]},\n\t],\n}\n';
    const i = input([], doc);
    const a = answer(i, from('laptop'), to('db'), { protocol: 6, port: 5432 });
    expect(a.verdict).toBe('allowed');
    expect(a.deciders).toEqual([{ kind: 'acl', effect: 'accept', entry: 'acls[1]', line: 5, traffic: 'TCP/UDP/ICMP/ICMPv6 5432' }]);
    expect(answer(i, from('laptop'), to('db'), { protocol: 6, port: 22 }).verdict).toBe('denied');
  });

  it('names the policy whose posture checks the source fails, and the access is gone', () => {
    const rules = [rule({ ruleId: 'web', sourceGroups: ['g-staff'], destinationGroups: ['g-web'], postureChecks: ['chk'] })];
    const i = input(rules, EMPTY_DOC, new Set(['old']));
    expect(answer(i, from('laptop'), to('web'), {}).verdict).toBe('allowed');
    const a = answer(i, from('old'), to('web'), {});
    expect(a.verdict).toBe('denied');
    expect(a.deciders).toEqual([expect.objectContaining({ kind: 'netbird', effect: 'posture', ruleId: 'web', peerId: 'old' })]);
    // A group as source: one of its two peers passes.
    const group: ResolvedSource = { kind: 'group', id: 'g-staff', name: 'staff', peerIds: ['laptop', 'old'] };
    expect(answer(i, group, to('web'), {})).toMatchObject({ verdict: 'partial', checkedPairs: 2, allowedPairs: 1 });
  });

  it('names the drop rule that takes ports away, and what is left', () => {
    const rules = [
      rule({ ruleId: 'all', sourceGroups: ['g-staff'], destinationGroups: ['g-db'] }),
      rule({ ruleId: 'no-ssh', action: 'drop', protocol: 'tcp', ports: ['22'], sourceGroups: ['ALL'], destinationGroups: ['g-db'] }),
    ];
    const i = input(rules);
    const ssh = answer(i, from('laptop'), to('db'), { protocol: 6, port: 22 });
    expect(ssh.verdict).toBe('denied');
    expect(of(ssh.deciders, 'drop')).toEqual([expect.objectContaining({ ruleId: 'no-ssh', traffic: 'TCP 22' })]);
    expect(answer(i, from('laptop'), to('db'), { protocol: 6, port: 5432 }).verdict).toBe('allowed');
    const any = answer(i, from('laptop'), to('db'), {});
    expect(any.verdict).toBe('allowed');
    expect(of(any.deciders, 'accept')).toEqual([expect.objectContaining({ ruleId: 'all', left: 'ICMP/UDP/ICMPv6/SCTP; TCP 0-21, 23-65535' })]);
    expect(of(any.deciders, 'drop').map((d) => d.kind === 'netbird' && d.ruleId)).toEqual(['no-ssh']);
  });

  it('answers differently for an unsaved document than for the saved one', () => {
    const saved = input([], EMPTY_DOC);
    const edited = '{\n\t"acls": [\n\t\t{"action": "accept", "src": ["100.64.0.3"], "dst": ["100.64.0.1:443"]},\n\t],\n}\n';
    expect(answer(saved, from('laptop'), to('web'), { protocol: 6, port: 443 }).verdict).toBe('denied');
    const after = answer(input([], edited), from('laptop'), to('web'), { protocol: 6, port: 443 });
    expect(after.verdict).toBe('allowed');
    expect(after.deciders).toEqual([expect.objectContaining({ kind: 'acl', entry: 'acls[0]', line: 3 })]);
  });

  it('reaches a routed address through a route without access control groups, and not one the source is not in', () => {
    const dst: ResolvedDestination = {
      kind: 'networks', asked: 'route', id: 'r1', name: 'lan', addresses: null, resources: [],
      routes: [{ id: 'r1', name: 'lan', network: '10.0.0.0/24', enabled: true, groups: ['g-staff'], accessControlGroups: [] }],
    };
    expect(answer(input([]), from('laptop'), dst, {}).deciders).toEqual([{ kind: 'route', effect: 'accept', routeId: 'r1', name: 'lan', network: '10.0.0.0/24' }]);
    expect(answer(input([]), from('web'), dst, {})).toMatchObject({ verdict: 'denied', deciders: [{ kind: 'route', effect: 'not-distributed' }] });
  });

  it('reaches a route with access control groups and a network resource only through the policies that name them', () => {
    const route: ResolvedDestination = {
      kind: 'networks', asked: 'route', id: 'r2', name: 'lab', addresses: null, resources: [],
      routes: [{ id: 'r2', name: 'lab', network: '10.1.0.0/24', enabled: true, groups: ['ALL'], accessControlGroups: ['g-lab'] }],
    };
    const wiki = { id: 'x1', name: 'wiki', address: '10.2.0.5', type: 'host', enabled: true, groups: ['g-wiki'] };
    const resource: ResolvedDestination = { kind: 'networks', asked: 'resource', id: 'x1', name: 'wiki', addresses: null, routes: [], resources: [wiki] };
    const rules = [
      rule({ ruleId: 'lab', protocol: 'tcp', ports: ['8080'], sourceGroups: ['g-staff'], destinationGroups: ['g-lab'], postureChecks: ['chk'] }),
      rule({ ruleId: 'wiki', protocol: 'tcp', ports: ['443'], sourceGroups: ['g-staff'], destinationGroups: ['g-wiki'] }),
    ];
    const i = input(rules, EMPTY_DOC, new Set(['old']));
    expect(answer(i, from('laptop'), route, { protocol: 6, port: 8080 })).toMatchObject({ verdict: 'allowed', deciders: [{ kind: 'netbird', effect: 'accept', ruleId: 'lab' }] });
    expect(answer(i, from('laptop'), route, { protocol: 6, port: 22 }).verdict).toBe('denied');
    expect(answer(i, from('old'), route, { protocol: 6, port: 8080 })).toMatchObject({ verdict: 'denied', deciders: [{ effect: 'posture', ruleId: 'lab' }] });
    expect(answer(i, from('web'), route, {}).verdict).toBe('denied');
    expect(answer(i, from('laptop'), resource, { protocol: 6, port: 443 })).toMatchObject({ verdict: 'allowed', deciders: [{ ruleId: 'wiki' }] });
    expect(answer(i, from('laptop'), resource, { protocol: 17, port: 443 }).verdict).toBe('denied');
    const off: ResolvedDestination = { ...resource, resources: [{ ...wiki, enabled: false }] };
    expect(answer(i, from('laptop'), off, {})).toMatchObject({ verdict: 'denied', deciders: [{ kind: 'resource', effect: 'disabled' }] });
  });
});

/** A small deterministic generator, so a failure can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

const GROUPS = ['g1', 'g2', 'g3'];
const subject = (version: string): PostureSubject => ({ os: 'linux', osVersion: '', kernelVersion: '', version, countryCode: '', cityName: '', networkAddresses: [], files: [] });

/** Whether a peer's packet filter (as the engine renders it) accepts this packet from `src`. */
function filterAccepts(model: AccessModel, dst: string, src: ModelPeer, protocol: number, port: number): boolean {
  return model.access(dst).filter.some((f) => (f.SrcIPs.includes('*') || f.SrcIPs.includes(src.ip)) && (!f.IPProto || f.IPProto.includes(protocol)) && f.DstPorts.some((d) => protocol === 1 || (d.Ports.First <= port && port <= d.Ports.Last)));
}

describe('access simulator agrees with the engine', () => {
  it('on every pair and packet over 150 random accounts with drops and posture checks', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
      const peers: ModelPeer[] = Array.from({ length: 4 + Math.floor(r() * 10) }, (_, i) => ({ id: `p${i}`, ip: `100.64.0.${i + 1}`, ipv6: '', groups: ['ALL', ...GROUPS.filter(() => r() < 0.4)], active: r() < 0.9 }));
      const rules: NetbirdRuleInput[] = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, k) => {
        const protocol = pick(['all', 'tcp', 'udp', 'icmp'] as const);
        const ported = (protocol === 'tcp' || protocol === 'udp') && r() < 0.6;
        return rule({
          ruleId: `r${k}`, policyId: `pol${k}`, action: r() < 0.7 ? 'accept' : 'drop', bidirectional: r() < 0.5, protocol,
          ports: ported ? [pick(['22', '80', '443'])] : [], portRanges: ported && r() < 0.5 ? [{ start: 20, end: 90 }] : [],
          sourceGroups: [pick(['ALL', ...GROUPS])], destinationGroups: [pick(['ALL', ...GROUPS])], postureChecks: r() < 0.3 ? ['chk'] : [],
        });
      });
      const subjects = new Map(peers.map((p) => [p.id, subject(r() < 0.5 ? '0.40.0' : '0.20.0')]));
      const posture = restrictSourcesByPosture(rules, peers, subjects, new Map([['chk', { nb_version_check: { min_version: '0.30.0' } }]]), 'ALL');
      const modelPeers = peers.map((p) => ({ ...p, groups: [...p.groups, ...(posture.groupsOf.get(p.id) ?? [])] }));
      const model = new AccessModel(modelPeers, compileNetbird(posture.rules, 'ALL'));
      const oracle = { hasChecks: (id: string) => rules.some((x) => x.policyId === id && x.postureChecks.length > 0), passes: posture.passes };
      const plain = compileNetbird(rules, 'ALL');
      for (const a of modelPeers) {
        for (const b of modelPeers) {
          if (a === b) continue;
          for (const [protocol, port] of [[6, 22], [6, 80], [17, 443], [6, 1000], [1, 0]] as const) {
            const probe: Probe = { protocol, port };
            const said = explainNetbirdPair(plain, a, b, probe, oracle).allowed;
            // "*" in a filter stands for every active peer: an inactive one gets nothing.
            const engine = a.active && b.active && filterAccepts(model, b.id, a, protocol, port);
            expect(said, `seed ${seed}: ${a.id} → ${b.id} ${protocol}/${port}`).toBe(engine);
          }
        }
      }
    }
  });
});

const DOC_USERS = [
  { id: 'u1', email: 'alice@example.test', role: 'admin', isServiceUser: false },
  { id: 'u2', email: 'bob@example.test', role: 'user', isServiceUser: false },
];

/** Random documents over users, groups, tags, hosts, addresses, autogroups, ports and protocols. */
function randomDoc(r: () => number, ips: string[]): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const aliases = ['*', 'alice@example.test', 'bob@example.test', 'group:ops', 'tag:web', 'tag:db', 'autogroup:member', 'autogroup:tagged', 'host:box', ...ips.slice(0, 4), '100.64.0.0/29'];
  const ports = ['*', '22', '80', '443', '20-90', '22,443', '53'];
  const entries = Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
    const proto = pick([undefined, undefined, 'tcp', 'udp', 'icmp', 'sctp']);
    const dst = Array.from({ length: 1 + Math.floor(r() * 2) }, () => `${pick(aliases)}:${proto === 'icmp' ? '*' : pick(ports)}`);
    const src = Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(aliases.filter((a) => !a.includes('/'))));
    if (r() < 0.15 && !proto) return `{"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:${pick(ports)}"]}`;
    return `{"action": "accept", "src": ${JSON.stringify(src)}, "dst": ${JSON.stringify(dst)}${proto ? `, "proto": "${proto}"` : ''}}`;
  });
  return `{"groups": {"group:ops": ["bob@example.test"]}, "tagOwners": {"tag:web": ["autogroup:admin"], "tag:db": ["autogroup:admin"]}, "hosts": {"box": "${ips[1]}"}, "acls": [${entries.join(', ')}]}`;
}

/** Whether a node's Tailscale packet filter accepts the packet from `src` to its address `dst`. */
function tsFilterAccepts(filter: ReturnType<NonNullable<ReturnType<typeof aclAccessFrom>>['filter']>, src: string, dst: string, protocol: number, port: number): boolean {
  const s = parseAddr(src)!;
  const d = parseAddr(dst)!;
  const within = (list: string[], a: typeof s) => list.includes('*') || IPSet.parse(...list).contains(a);
  return filter.some(
    (f) =>
      !!f.DstPorts &&
      within(f.SrcIPs, s) &&
      (f.IPProto ?? TAILSCALE_DEFAULT_PROTOCOLS).includes(protocol) &&
      f.DstPorts.some((x) => within([x.IP], d) && (protocol === 1 || protocol === 58 || (x.Ports.First <= port && port <= x.Ports.Last))),
  );
}

describe('access simulator agrees with the document’s packet filters', () => {
  it('on every pair and packet over 150 random documents and tailnets', () => {
    let allowedSeen = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed * 7919);
      const n = 3 + Math.floor(r() * 6);
      const rows = Array.from({ length: n }, (_, i) => {
        const tags = r() < 0.3 ? [r() < 0.5 ? 'tag:web' : 'tag:db'] : [];
        return { id: `n${i}`, hostname: `n${i}`, name: `n${i}`, userId: r() < 0.5 ? 'u1' : 'u2', ip: `100.64.0.${i + 1}`, ipv6: '', tags: JSON.stringify(tags), advertisedRoutes: '[]', enabledRoutes: '[]' };
      });
      const doc = randomDoc(r, rows.map((x) => x.ip));
      const access = aclAccessFrom('acc', doc, DOC_USERS, rows);
      const compiled = compileTailscalePolicy(toJSONValue(doc) as object, topologyFromRows(DOC_USERS, rows));
      if (!access || isCompileError(compiled)) continue;
      for (const a of rows) {
        for (const b of rows) {
          if (a === b) continue;
          const filter = access.filter(b.id);
          for (const [protocol, port] of [[6, 22], [6, 80], [17, 53], [1, 0], [132, 443], [6, 1000]] as const) {
            const said = aclRulesTo(compiled, a.id, { peer: b.id }, { protocol, port }).length > 0;
            if (said) allowedSeen++;
            expect(said, `seed ${seed}: ${a.id} → ${b.id} ${protocol}/${port} under ${doc}`).toBe(tsFilterAccepts(filter, a.ip, b.ip, protocol, port));
          }
        }
      }
    }
    expect(allowedSeen).toBeGreaterThan(100);
  });
});
