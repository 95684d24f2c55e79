// Posture checks in the access model: a policy's sources are narrowed to the peers that pass all
// its checks (a synthetic group per policy and source), destinations are not checked, and the
// engine's maps follow — one way and bidirectional, the All group, single-peer sources.
import { describe, expect, it } from 'vitest';
import { AccessModel, type ModelPeer } from '@/lib/domain/policy/evaluate';
import { compileNetbird, type NetbirdRuleInput } from '@/lib/domain/policy/netbird-compile';
import type { PostureSubject } from '@/lib/domain/posture/evaluate';
import type { Checks } from '@/lib/domain/posture/rules';
import { restrictSourcesByPosture } from '@/lib/domain/posture/sources';

const ALL = 'all-group';
const rule = (over: Partial<NetbirdRuleInput>): NetbirdRuleInput => ({
  policyId: 'pol', policyName: 'policy', ruleId: 'r1', ruleName: 'rule', action: 'accept', bidirectional: false, protocol: 'all',
  ports: [], portRanges: [], sourceGroups: ['src'], destinationGroups: ['dst'], postureChecks: ['chk'], ...over,
});
const subject = (version: string): PostureSubject => ({ os: 'linux', osVersion: '', kernelVersion: '', version, countryCode: '', cityName: '', networkAddresses: [], files: [] });
const checks = new Map<string, Checks>([['chk', { nb_version_check: { min_version: '0.50.0' } }]]);

const peers = [
  { id: 'new', groups: ['src'], version: '0.60.0' },
  { id: 'old', groups: ['src'], version: '0.49.0' },
  { id: 'dev', groups: ['src'], version: 'development' },
  { id: 'dest', groups: ['dst'], version: '0.10.0' },
];
const subjects = new Map(peers.map((p) => [p.id, subject(p.version)]));

function model(rules: NetbirdRuleInput[]) {
  const posture = restrictSourcesByPosture(rules, peers, subjects, checks, ALL);
  const modelPeers: ModelPeer[] = peers.map((p, i) => ({ id: p.id, ip: `100.64.0.${i + 1}`, ipv6: '', groups: [...p.groups, ...(posture.groupsOf.get(p.id) ?? [])], active: true }));
  return { posture, access: new AccessModel(modelPeers, compileNetbird(posture.rules, ALL)) };
}
const sees = (m: AccessModel, id: string) => [...m.access(id).peerIds].sort();

describe('restricting policy sources by posture', () => {
  it('leaves rules of policies without checks untouched', () => {
    const plain = rule({ postureChecks: [] });
    const r = restrictSourcesByPosture([plain], peers, subjects, checks, ALL);
    expect(r.rules[0]).toBe(plain);
    expect(r.groupsOf.size).toBe(0);
    expect(r.passes('pol', 'old')).toBe(true);
  });

  it('puts only the passing source peers in the synthetic group; destinations are not checked', () => {
    const { posture, access } = model([rule({})]);
    expect(posture.rules[0].sourceGroups).toEqual(['posture:pol']);
    expect([...posture.groupsOf]).toEqual([['new', ['posture:pol']]]);
    expect(sees(access, 'dest')).toEqual(['new']);
    expect(sees(access, 'old')).toEqual([]);
    expect(sees(access, 'new')).toEqual(['dest']);
    // Only the passing peer's addresses may reach the destination.
    expect(access.access('dest').filter.map((f) => f.SrcIPs)).toEqual([['100.64.0.1']]);
    expect(access.access('new').filter).toEqual([]);
  });

  it('bidirectional rules lose the failing peer in both directions', () => {
    const { access } = model([rule({ bidirectional: true })]);
    expect(access.access('old').filter).toEqual([]);
    expect(access.access('new').filter.map((f) => f.SrcIPs)).toEqual([['100.64.0.4']]);
    expect(access.access('dest').filter.map((f) => f.SrcIPs)).toEqual([['100.64.0.1']]);
  });

  it('narrows the All group to every passing peer, destination included when it passes', () => {
    const { posture, access } = model([rule({ sourceGroups: [ALL], destinationGroups: [ALL] })]);
    expect(posture.rules[0].sourceGroups).toEqual(['posture:pol']);
    expect(sees(access, 'dest')).toEqual(['new']);
    expect(sees(access, 'old')).toEqual(['new']);
    expect(sees(access, 'new')).toEqual(['dest', 'dev', 'old']);
  });

  it('checks a single source peer too, and drops a non-peer source resource', () => {
    const one = (id: string) => model([rule({ sourceGroups: [], sourceResource: { id, type: 'peer' } })]);
    expect(sees(one('new').access, 'dest')).toEqual(['new']);
    expect(sees(one('old').access, 'dest')).toEqual([]);
    const host = restrictSourcesByPosture([rule({ sourceGroups: [], sourceResource: { id: 'res', type: 'host' } })], peers, subjects, checks, ALL);
    expect(host.rules[0].sourceResource).toBeUndefined();
    expect(host.groupsOf.size).toBe(0);
  });

  it('gives each distinct source of a policy its own group, and shares one between rules with the same source', () => {
    const r = restrictSourcesByPosture(
      [rule({ ruleId: 'a' }), rule({ ruleId: 'b', destinationGroups: ['other'] }), rule({ ruleId: 'c', sourceGroups: [ALL] })],
      peers, subjects, checks, ALL,
    );
    expect(r.rules.map((x) => x.sourceGroups)).toEqual([['posture:pol'], ['posture:pol'], ['posture:pol:1']]);
    expect(r.groupsOf.get('new')).toEqual(['posture:pol', 'posture:pol:1']);
  });

  it('skips a check id that no longer exists, and fails a peer without posture data', () => {
    const r = restrictSourcesByPosture([rule({ postureChecks: ['gone'] })], peers, subjects, checks, ALL);
    expect(r.groupsOf.get('old')).toEqual(['posture:pol']);
    const noData = restrictSourcesByPosture([rule({})], peers, new Map(), checks, ALL);
    expect(noData.groupsOf.size).toBe(0);
    expect(noData.passes('pol', 'new')).toBe(false);
  });
});
