// Which peers a Tailscale node sees. Tailscale's documentation says a device sees the devices it may
// reach and those that may reach it; the captures of Tailscale's control plane pin down what "may
// reach" means: node A lists B as a peer exactly when one of the two nodes' packet filters admits the
// other (a rule whose SrcIPs hold one of its addresses or overlap one of its approved subnet routes).
// The first test checks that statement on every vendored capture; the others hold meshdeck's
// visibility to the same statement over its own filters, for random documents and for exit nodes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTailscalePolicy, isCompileError } from '@/lib/domain/policy/tailscale/compile';
import { captureTopology, type CaptureRecord } from '@/lib/domain/policy/tailscale/conformance';
import { IPSet } from '@/lib/domain/policy/tailscale/ipset';
import { TailscaleMaps, type TsFilterRule } from '@/lib/domain/policy/tailscale/netmap';
import type { Topology } from '@/lib/domain/policy/tailscale/topology';

const dir = join(__dirname, '../fixtures/conformance/tailscale-policy');
const records: CaptureRecord[] = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()))
  .map((l) => JSON.parse(l) as CaptureRecord);

type Nodes = CaptureRecord['topology']['nodes'];
const EXIT_ROUTES = new Set(['0.0.0.0/0', '::/0']);

/** Whether one of `rules` admits `node`: its addresses or approved subnet routes in the SrcIPs. */
function admits(rules: readonly TsFilterRule[], node: Nodes[string]): boolean {
  const own = IPSet.parse(node.ipv4, ...(node.ipv6 ? [node.ipv6] : []));
  const routes = (node.approved_routes ?? []).filter((r) => !EXIT_ROUTES.has(r)).map((r) => IPSet.parse(r));
  return rules.some((rule) => {
    const src = (rule.SrcIPs ?? []).includes('*') ? IPSet.parse('0.0.0.0/0', '::/0') : IPSet.parse(...(rule.SrcIPs ?? []));
    return src.overlaps(own) || routes.some((r) => src.overlaps(r));
  });
}

/** The peers of `name` that the packet filters imply. */
function peersFromFilters(nodes: Nodes, filterOf: (name: string) => readonly TsFilterRule[] | undefined, name: string): string[] {
  const mine = filterOf(name) ?? [];
  return Object.keys(nodes)
    .filter((other) => other !== name && (admits(filterOf(other) ?? [], nodes[name]) || admits(mine, nodes[other])))
    .sort();
}

describe('Tailscale\'s peers follow its packet filters (captures)', () => {
  it('every captured peer list equals the peers its tailnet\'s filters imply', () => {
    let compared = 0;
    for (const r of records) {
      const caps = r.captures ?? {};
      const filterOf = (n: string) => (caps[n] && !caps[n].capture_error ? ((caps[n].packet_filter_rules ?? []) as TsFilterRule[]) : undefined);
      for (const [name, cap] of Object.entries(caps)) {
        if (cap.capture_error || cap.peers === undefined) continue;
        const want = (cap.peers ?? []).map((p) => p.Name.split('.')[0]).sort();
        expect(peersFromFilters(r.topology.nodes, filterOf, name), `${r.test_id} ${name}`).toEqual(want);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(4000);
  });
});

/** Deterministic random documents over one captured tailnet. */
function randomPolicy(topology: CaptureRecord['topology'], next: () => number): object {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const nodes = Object.values(topology.nodes);
  const tags = [...new Set(nodes.flatMap((n) => n.tags ?? []))];
  const emails = topology.users.map((u) => u.email);
  const selectors = [
    () => '*', () => 'autogroup:member', () => 'autogroup:tagged', () => 'autogroup:danger-all', () => 'group:g',
    () => pick(tags), () => pick(emails), () => `*@${pick(emails).split('@')[1]}`,
    () => pick(nodes).ipv4, () => pick(nodes).ipv6 ?? pick(nodes).ipv4, () => 'web',
    () => '100.64.0.0/10', () => 'fd7a:115c:a1e0::/48', () => '192.168.1.0/24', () => '10.0.0.0/8', () => '10.33.0.0/16', () => '10.33.1.5',
    () => '8.8.8.8', () => '2001:db8::1', () => '2000::/3', () => '172.16.0.0/12', () => '128.0.0.0/1',
  ];
  const src = () => pick(selectors)();
  const dst = () => (next() < 0.15 ? pick(['autogroup:internet', 'autogroup:self']) : src());
  const some = (f: () => string) => (next() < 0.3 ? [f(), f()] : [f()]);
  // ACL destinations are "host:ports"; IPv6 literals and blocks are left to the grants.
  const aclDst = (d: string) => !/^[0-9a-f]*:|\//.test(d);
  const port = (d: string) => `${d}:${pick(['*', '22', '80-443'])}`;
  const policy: Record<string, unknown> = {
    tagOwners: Object.fromEntries(tags.map((t) => [t, ['autogroup:admin']])),
    groups: { 'group:g': [emails[0]] },
    hosts: { web: '100.100.1.1' },
  };
  const count = 1 + Math.floor(next() * 2);
  if (next() < 0.4) {
    policy.acls = Array.from({ length: count }, () => {
      const written = some(dst).filter(aclDst);
      return { action: 'accept', src: some(src), dst: (written.length ? written : ['autogroup:member']).map(port) };
    });
  } else {
    policy.grants = Array.from({ length: count }, () => {
      const g: Record<string, unknown> = { src: some(src), dst: some(dst) };
      const kind = next();
      if (kind < 0.5) g.ip = [pick(['*', 'tcp:22', '443'])];
      else if (kind < 0.8) g.app = { [pick(['example.com/cap/x', 'tailscale.com/cap/drive', 'tailscale.com/cap/relay'])]: [{}] };
      else Object.assign(g, { ip: ['*'], app: { 'example.com/cap/x': [{}] } });
      if (tags.length && next() < 0.2) g.via = [pick(tags)];
      return g;
    });
  }
  return policy;
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('meshdeck\'s peers follow its own packet filters', () => {
  const topologies = [...new Map(records.map((r) => [JSON.stringify(r.topology), r])).values()];
  const withExits = topologies.filter((r) => Object.values(r.topology.nodes).some((n) => (n.approved_routes ?? []).includes('0.0.0.0/0')));

  const check = (pool: CaptureRecord[], seed: number, documents: number) => {
    const next = seeded(seed);
    let compiled = 0;
    for (let i = 0; i < documents; i++) {
      const r = pool[Math.floor(next() * pool.length)];
      const policy = randomPolicy(r.topology, next);
      const result = compileTailscalePolicy(policy, captureTopology(r));
      if (isCompileError(result)) continue;
      compiled++;
      const maps = new TailscaleMaps(result);
      for (const name of Object.keys(r.topology.nodes)) {
        expect(maps.peers(name).sort(), `${JSON.stringify(policy)} ${name}`).toEqual(peersFromFilters(r.topology.nodes, (n) => maps.filter(n), name));
      }
    }
    return compiled;
  };

  it('random documents over the captured tailnets', () => {
    expect(check(topologies, 7, 400)).toBeGreaterThan(200);
  });
  it('random documents over the tailnets with approved exit nodes', () => {
    expect(withExits.length).toBeGreaterThan(0);
    expect(check(withExits, 11, 400)).toBeGreaterThan(200);
  });
});

describe('exit nodes (docs: autogroup:internet is access through exit nodes)', () => {
  const topology: Topology = {
    users: [{ id: 1, name: 'odin', email: 'odin@example.com' }],
    nodes: [
      { name: 'laptop', tags: [], user: 'odin', ipv4: '100.64.0.1', ipv6: 'fd7a:115c:a1e0::1', approvedRoutes: [] },
      { name: 'client', tags: ['tag:client'], ipv4: '100.64.0.11', ipv6: 'fd7a:115c:a1e0::b', approvedRoutes: [] },
      { name: 'exit', tags: ['tag:exit'], ipv4: '100.64.0.13', ipv6: 'fd7a:115c:a1e0::d', approvedRoutes: ['0.0.0.0/0', '::/0'] },
      { name: 'offered', tags: ['tag:exit'], ipv4: '100.64.0.14', ipv6: 'fd7a:115c:a1e0::e', routableIps: ['0.0.0.0/0', '::/0'], approvedRoutes: [] },
    ],
  };
  const maps = (grants: object[]) => {
    const r = compileTailscalePolicy({ tagOwners: { 'tag:client': ['odin@example.com'], 'tag:exit': ['odin@example.com'] }, grants }, topology);
    if (isCompileError(r)) throw new Error(r.error);
    return new TailscaleMaps(r);
  };
  const dsts = (m: TailscaleMaps, node: string) => m.filter(node).flatMap((r) => (r.DstPorts ?? []).map((d) => d.IP));

  it('autogroup:internet: the approved exit node carries the public ranges and it and the source see each other', () => {
    const m = maps([{ src: ['tag:client'], dst: ['autogroup:internet'], ip: ['*'] }]);
    expect(dsts(m, 'exit')).toContain('2000::-3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(m.peers('client')).toEqual(['exit']);
    expect(m.peers('exit')).toEqual(['client']);
    expect(m.filter('offered')).toEqual([]);
    expect(m.peers('offered')).toEqual([]);
  });
  it('a public IPv4 or IPv6 literal (a tags-only grant) is no exit node\'s entry, and makes nobody a peer', () => {
    for (const literal of ['8.8.8.8', '2001:db8::1', '2000::/3']) {
      const m = maps([{ src: ['tag:client'], dst: [literal], ip: ['udp:53'] }]);
      expect(m.filter('exit'), literal).toEqual([]);
      expect(m.peers('client'), literal).toEqual([]);
    }
  });
  it('an application capability to a public address lands on no exit node', () => {
    const m = maps([{ src: ['tag:client'], dst: ['8.8.8.8'], app: { 'example.com/cap/x': [{}] } }]);
    expect(m.filter('exit')).toEqual([]);
    expect(m.peers('client')).toEqual([]);
  });
});
