// The fast NetBird evaluator against the straightforward reference, on random topologies and
// policies (groups, the All group, single-peer sources, drops — protocol-wide and port- or
// protocol-specific, with overlapping ranges — bidirectional rules, ports, protocols, inactive
// peers), and after incremental updates (one peer or one rule changed).
import { describe, expect, it } from 'vitest';
import { AccessModel, type ModelPeer } from '@/lib/domain/policy/evaluate';
import { compileNetbird, type NetbirdRuleInput } from '@/lib/domain/policy/netbird-compile';
import { AccessModel as ReferenceModel } from '../support/reference/netbird-evaluate';
import { rng, type Rng } from '../support/random';

const GROUPS = ['ALL', 'g1', 'g2', 'g3', 'g4', 'g5'];

function randomPeer(r: Rng, n: number): ModelPeer {
  return {
    id: `p${n}`,
    ip: `100.64.${n >> 8}.${n & 255}`,
    ipv6: r.chance(0.5) ? `fd7a:115c:a1e0::${n.toString(16)}` : '',
    groups: r.subset(GROUPS.slice(1), 0.3),
    active: r.chance(0.85),
  };
}

/** Port ranges that overlap each other and the single ports partly or wholly. */
const RANGES = [
  { start: 1000, end: 2000 }, { start: 1500, end: 2500 }, { start: 1, end: 1023 }, { start: 20, end: 443 },
  { start: 80, end: 80 }, { start: 2000, end: 65535 }, { start: 8000, end: 8100 },
];

function randomRule(r: Rng, n: number, peers: ModelPeer[]): NetbirdRuleInput {
  const protocol = r.pick(['all', 'tcp', 'udp', 'icmp', 'netbird-ssh']);
  const side = () => (r.chance(0.15) && peers.length ? { groups: [], resource: { id: r.pick(peers).id, type: 'peer' } } : { groups: r.subset(GROUPS, 0.3), resource: undefined });
  const src = side();
  const dst = side();
  const withPorts = protocol === 'tcp' || protocol === 'udp';
  return {
    policyId: `pol${n}`, policyName: `policy ${n}`, ruleId: `r${n}`, ruleName: `rule ${n}`,
    action: r.chance(0.25) ? 'drop' : 'accept',
    bidirectional: r.chance(0.4),
    protocol,
    ports: withPorts ? r.subset(['22', '53', '80', '443', '1500', '8080'], 0.3) : [],
    portRanges: withPorts && r.chance(0.4) ? r.subset(RANGES, 0.3) : [],
    sourceGroups: src.groups, destinationGroups: dst.groups, sourceResource: src.resource, destinationResource: dst.resource,
    postureChecks: [],
  };
}

/** FilterRules seen that specific drops shaped: "any" spelled out, ports split around a drop. */
const shaped = { spelledOut: 0, split: 0 };

function expectSame(fast: AccessModel, reference: ReferenceModel, peers: ModelPeer[], seed: number) {
  const inputPorts = new Set(fast.ruleList.flatMap((r) => r.ports.map((p) => `${p.first}-${p.last}`)));
  for (const p of [...peers, { id: 'unknown' } as ModelPeer]) {
    const a = fast.access(p.id);
    const b = reference.access(p.id);
    const where = `seed ${seed}, peer ${p.id}`;
    for (const f of a.filter) {
      if (f.IPProto?.includes(132)) shaped.spelledOut++;
      if (f.DstPorts.some((d) => d.Ports.Last !== 65535 && !inputPorts.has(`${d.Ports.First}-${d.Ports.Last}`))) shaped.split++;
    }
    expect(JSON.stringify(a.filter), where).toBe(JSON.stringify(b.filter));
    expect([...a.peerIds].sort(), where).toEqual([...b.visible.keys()].sort());
    expect(new Map([...a.visible].map(([k, v]) => [k, [...v].sort()])), where).toEqual(new Map([...b.visible].map(([k, v]) => [k, [...v].sort()])));
    expect([...a.rules], where).toEqual(b.rules);
    expect(fast.visibleCount(p.id), where).toBe(b.visible.size);
  }
}

describe('fast NetBird evaluator = reference', () => {
  it('on 300 random topologies and policies', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const peers = Array.from({ length: r.int(1, 25) }, (_, n) => randomPeer(r, n + 1));
      const inputs = Array.from({ length: r.int(0, 10) }, (_, n) => randomRule(r, n, peers));
      const rules = compileNetbird(inputs, 'ALL');
      expectSame(new AccessModel(peers, rules), new ReferenceModel(peers, rules), peers, seed);
    }
    // The generator keeps exercising port- and protocol-specific drops.
    expect(shaped.spelledOut).toBeGreaterThan(100);
    expect(shaped.split).toBeGreaterThan(100);
  });

  it('after incremental updates of one peer or one rule', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed * 7919);
      let peers = Array.from({ length: r.int(2, 20) }, (_, n) => randomPeer(r, n + 1));
      let inputs = Array.from({ length: r.int(1, 8) }, (_, n) => randomRule(r, n, peers));
      let model = new AccessModel(peers, compileNetbird(inputs, 'ALL'));
      for (let step = 0; step < 5; step++) {
        // Ask for some maps first, so that there are signatures to keep or drop.
        for (const p of peers) if (r.chance(0.6)) model.access(p.id);
        const change = r.int(0, 3);
        if (change === 0) {
          const i = r.int(0, peers.length - 1);
          peers = peers.map((p, j) => (j === i ? { ...p, groups: r.subset(GROUPS.slice(1), 0.3), active: r.chance(0.8) } : p));
        } else if (change === 1) {
          const i = r.int(0, inputs.length - 1);
          inputs = inputs.map((x, j) => (j === i ? randomRule(r, 100 + step, peers) : x));
        } else if (change === 2) {
          peers = [...peers, randomPeer(r, 200 + step)];
        } else {
          const i = r.int(0, peers.length - 1);
          peers = peers.map((p, j) => (j === i ? { ...p, ip: `100.65.0.${step + 1}` } : p));
        }
        const rules = compileNetbird(inputs, 'ALL');
        model = model.update(peers, rules);
        expectSame(model, new ReferenceModel(peers, rules), peers, seed);
      }
    }
  });
});
