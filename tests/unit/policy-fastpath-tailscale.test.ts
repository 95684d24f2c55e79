// The fast Tailscale map builder against the straightforward per-node reference, on random
// tailnets (users with roles, tagged nodes, subnet routers, exit nodes) and random policies (acls
// and grants with groups, tags, hosts, ipsets, "*", autogroup:self/member/tagged/internet/admin,
// ports, protocols, via, app capabilities). Filters must be identical, in order; peers too.
import { describe, expect, it } from 'vitest';
import { compileTailscalePolicy, isCompileError } from '@/lib/domain/policy/tailscale/compile';
import { TailscaleMaps } from '@/lib/domain/policy/tailscale/netmap';
import type { Topology, TsNode } from '@/lib/domain/policy/tailscale/topology';
import { TailscaleMaps as ReferenceMaps } from '../support/reference/tailscale-netmap';
import { rng, type Rng } from '../support/random';

const TAGS = ['tag:web', 'tag:db', 'tag:router', 'tag:exit'];
const ROUTES = ['10.0.0.0/24', '10.0.1.0/24', '192.168.1.0/24', '0.0.0.0/0', '::/0'];

function topology(r: Rng): Topology {
  const users = Array.from({ length: r.int(1, 4) }, (_, u) => ({ id: u + 1, name: `u${u}`, email: `u${u}@example.com`, role: u === 0 ? 'owner' : r.pick(['admin', 'member', 'member']) }));
  const nodes: TsNode[] = Array.from({ length: r.int(1, 12) }, (_, n) => {
    const tags = r.chance(0.35) ? r.subset(TAGS, 0.4) : [];
    const routes = r.chance(0.3) ? r.subset(ROUTES, 0.4) : [];
    const node: TsNode = { name: `n${n}`, hostname: `n${n}`, tags, ipv4: `100.64.0.${n + 1}`, routableIps: routes, approvedRoutes: r.subset(routes, 0.7) };
    if (r.chance(0.7)) node.ipv6 = `fd7a:115c:a1e0::${n + 1}`;
    if (!tags.length) node.user = r.pick(users).email;
    return node;
  });
  return { users, nodes };
}

function alias(r: Rng, side: 'src' | 'dst'): string {
  const options = ['*', 'group:devs', 'group:ops', 'u0@example.com', 'u1@example.com', ...TAGS, 'autogroup:member', 'autogroup:tagged', 'autogroup:admin', 'office', 'ipset:lan', '10.0.0.0/16', '100.64.0.3'];
  if (side === 'dst') options.push('autogroup:internet', 'autogroup:self');
  return r.pick(options);
}

function policy(r: Rng): object {
  const ports = () => r.pick(['*', '22', '80,443', '1000-2000']);
  const acls = Array.from({ length: r.int(0, 6) }, () => {
    const proto = r.chance(0.3) ? r.pick(['tcp', 'udp', 'icmp']) : undefined;
    return {
      action: 'accept',
      ...(proto ? { proto } : {}),
      src: Array.from({ length: r.int(1, 2) }, () => alias(r, 'src')),
      dst: Array.from({ length: r.int(1, 2) }, () => `${alias(r, 'dst')}:${proto === 'icmp' ? '*' : ports()}`),
    };
  });
  const grants = Array.from({ length: r.int(0, 3) }, () => {
    const g: Record<string, unknown> = { src: [alias(r, 'src')], dst: [alias(r, 'dst')], ip: r.chance(0.8) ? [r.pick(['*', 'tcp:22', '443', 'udp:53'])] : [] };
    if (r.chance(0.2)) g.via = ['tag:router'];
    if (!(g.ip as string[]).length || r.chance(0.2)) g.app = { 'example.com/cap/demo': [{ level: 1 }] };
    if (g.via) delete g.app;
    if (!(g.ip as string[]).length && !g.app) g.ip = ['*'];
    return g;
  });
  return {
    groups: { 'group:devs': ['u0@example.com', 'u2@example.com'], 'group:ops': ['u1@example.com'] },
    tagOwners: Object.fromEntries(TAGS.map((t) => [t, ['autogroup:admin']])),
    hosts: { office: '10.0.0.0/24' },
    ipsets: { 'ipset:lan': ['10.0.0.0/16', 'remove 10.0.1.0/24'] },
    ...(r.chance(0.9) ? { acls } : {}),
    ...(r.chance(0.5) ? { grants } : {}),
  };
}

describe('fast Tailscale maps = reference', () => {
  it('on 400 random tailnets and policies', () => {
    let compared = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed);
      const topo = topology(r);
      const doc = policy(r);
      const compiled = compileTailscalePolicy(doc, topo);
      if (isCompileError(compiled)) continue;
      const reference = new ReferenceMaps(compileTailscalePolicy(doc, topo) as Exclude<typeof compiled, { error: string }>);
      const fast = new TailscaleMaps(compiled);
      for (const n of topo.nodes) {
        const where = `seed ${seed}, node ${n.name}`;
        expect(JSON.stringify(fast.filter(n.name)), where).toBe(JSON.stringify(reference.filter(n.name)));
        expect(fast.peers(n.name), where).toEqual(reference.peers(n.name));
        expect(fast.peerCount(n.name), where).toBe(reference.peers(n.name).length);
      }
      compared++;
    }
    // Most random documents compile; the comparison must have covered many of them.
    expect(compared).toBeGreaterThan(250);
  });

  it('compiled against the previous tailnet (a node re-tagged, re-owned or re-addressed) = compiled afresh', () => {
    let compared = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const topo = topology(r);
      const doc = policy(r);
      const first = compileTailscalePolicy(doc, topo);
      if (isCompileError(first)) continue;
      const warm = new TailscaleMaps(first);
      for (const n of topo.nodes) warm.filter(n.name); // builds the first tailnet's address indexes
      const i = r.int(0, topo.nodes.length - 1);
      const changed = { ...topo.nodes[i] };
      const kind = r.pick(['tags', 'user', 'address']);
      if (kind === 'tags') Object.assign(changed, { tags: changed.tags.length ? [] : ['tag:web'], user: changed.tags.length ? topo.users[0].email : undefined });
      else if (kind === 'user') changed.user = changed.tags.length ? undefined : r.pick(topo.users).email;
      else changed.ipv4 = `100.64.1.${i + 1}`;
      const next = { ...topo, nodes: topo.nodes.map((n, j) => (j === i ? changed : { ...n })) };
      const incremental = compileTailscalePolicy(doc, next, first);
      const fresh = compileTailscalePolicy(doc, next);
      if (isCompileError(incremental) || isCompileError(fresh)) continue;
      const a = new TailscaleMaps(incremental);
      const b = new TailscaleMaps(fresh);
      for (const n of next.nodes) {
        const where = `seed ${seed}, ${kind} of n${i}, node ${n.name}`;
        expect(JSON.stringify(a.filter(n.name)), where).toBe(JSON.stringify(b.filter(n.name)));
        expect(a.peers(n.name), where).toEqual(b.peers(n.name));
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(120);
  });
});
