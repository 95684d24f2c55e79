// The accessible-peer count of the effective access (NetBird policies and the policy document
// together) is counted without building each peer's list; it must equal the length of that list
// for every peer, whatever the policies, documents, groups, tags and inactive peers.
import { describe, expect, it } from 'vitest';
import { aclAccessFrom } from '@/lib/domain/acl/access';
import { EffectiveAccess } from '@/lib/domain/access/network-map';
import { AccessModel, type ModelPeer } from '@/lib/domain/policy/evaluate';
import { compileNetbird, type NetbirdRuleInput } from '@/lib/domain/policy/netbird-compile';

/** A small deterministic generator, so a failure can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

const GROUPS = ['g1', 'g2', 'g3', 'g4'];
const USERS = [
  { id: 'u1', email: 'alice@example.test', role: 'admin', isServiceUser: false },
  { id: 'u2', email: 'bob@example.test', role: 'user', isServiceUser: false },
];
const DOCUMENTS = [
  '{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]}',
  '{"acls": []}',
  '{"tagOwners": {"tag:web": ["autogroup:admin"]}, "acls": [{"action": "accept", "src": ["alice@example.test"], "dst": ["tag:web:443"]}]}',
  '{"tagOwners": {"tag:web": ["autogroup:admin"]}, "acls": [{"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:*"]}, {"action": "accept", "src": ["tag:web"], "dst": ["bob@example.test:22"]}]}',
];

function scenario(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const n = 5 + Math.floor(r() * 40);
  const peers: ModelPeer[] = [];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const id = `p${i}`;
    const groups = ['ALL', ...GROUPS.filter(() => r() < 0.35)];
    const active = r() < 0.9;
    const ip = `100.64.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    peers.push({ id, ip, ipv6: '', groups, active });
    const tagged = r() < 0.25;
    rows.push({ id, hostname: id, name: id, userId: tagged ? '' : pick(USERS).id, ip, ipv6: '', tags: JSON.stringify(tagged ? ['tag:web'] : []), advertisedRoutes: '[]', enabledRoutes: '[]', active });
  }
  const rules: NetbirdRuleInput[] = Array.from({ length: Math.floor(r() * 4) }, (_, k) => ({
    policyId: `pol${k}`, policyName: `pol${k}`, ruleId: `r${k}`, ruleName: `r${k}`,
    action: r() < 0.85 ? 'accept' : 'drop', bidirectional: r() < 0.5, protocol: pick(['all', 'tcp', 'udp'] as const),
    ports: [], portRanges: [], postureChecks: [],
    sourceGroups: [pick(['ALL', ...GROUPS])], destinationGroups: [pick(['ALL', ...GROUPS])],
  }));
  const netbird = new AccessModel(peers, compileNetbird(rules, 'ALL', () => undefined));
  const acl = aclAccessFrom('acc', pick(DOCUMENTS), USERS, rows.filter((p) => p.active));
  return { peers, model: new EffectiveAccess(netbird, acl) };
}

describe('effective access counts', () => {
  it('equal the length of each peer’s list over 300 random accounts', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { peers, model } = scenario(seed);
      for (const p of peers) {
        const counted = model.visibleCount(p.id);
        expect(counted, `seed ${seed}, peer ${p.id}`).toBe(model.access(p.id).peerIds.length);
      }
    }
  });

  it('are arithmetic for all-to-all access: no list is built', () => {
    const peers: ModelPeer[] = Array.from({ length: 20_000 }, (_, i) => ({ id: `p${i}`, ip: `100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, ipv6: '', groups: ['ALL'], active: true }));
    const rules: NetbirdRuleInput[] = [{ policyId: 'all', policyName: 'all', ruleId: 'all', ruleName: 'all', action: 'accept', bidirectional: true, protocol: 'all', ports: [], portRanges: [], postureChecks: [], sourceGroups: ['ALL'], destinationGroups: ['ALL'] }];
    const rows = peers.map((p) => ({ id: p.id, hostname: p.id, name: p.id, userId: 'u1', ip: p.ip, ipv6: '', tags: '[]', advertisedRoutes: '[]', enabledRoutes: '[]' }));
    const model = new EffectiveAccess(new AccessModel(peers, compileNetbird(rules, 'ALL', () => undefined)), aclAccessFrom('acc', DOCUMENTS[0], USERS, rows));
    const t = performance.now();
    for (const p of peers) expect(model.visibleCount(p.id)).toBe(19_999);
    // Materialising 20,000 lists of 20,000 would take seconds and gigabytes.
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
