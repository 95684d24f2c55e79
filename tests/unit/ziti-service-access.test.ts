// Which Ziti services an identity may Dial or Bind: decided from the same compiled rules and
// effective access as every other API (NetBird rules, drop rules, bidirectional rules, the ACL
// document through a router's filter), plus network routers for Bind.
import { describe, expect, it } from 'vitest';
import { timeOfId, newId } from '@/lib/domain/ids';
import { EffectiveAccess } from '@/lib/domain/access/network-map';
import { AccessModel, type ModelPeer } from '@/lib/domain/policy/evaluate';
import { compileNetbird, type NetbirdRuleInput } from '@/lib/domain/policy/netbird-compile';
import type { AclAccess } from '@/lib/domain/acl/access';
import { permissionsFor, type ServiceCatalog, type ServiceResource } from '@/lib/domain/ziti/service-access';
import { restrictSourcesByPosture } from '@/lib/domain/posture/sources';
import type { PostureSubject } from '@/lib/domain/posture/evaluate';

const peer = (id: string, n: number, groups: string[], active = true): ModelPeer => ({ id, ip: `100.64.0.${n}`, ipv6: '', groups, active });
const rule = (over: Partial<NetbirdRuleInput>): NetbirdRuleInput => ({
  policyId: 'p1', policyName: 'p', ruleId: over.ruleId ?? 'r1', ruleName: 'r', action: 'accept', bidirectional: false, protocol: 'all',
  ports: [], portRanges: [], sourceGroups: [], destinationGroups: [], postureChecks: [], ...over,
});
const resource = (id: string, address: string, groupIds: string[], over: Partial<ServiceResource> = {}): ServiceResource =>
  ({ id, accountId: 'acc', networkId: 'net1', name: id, description: '', address, type: address.includes('/') ? 'subnet' : 'host', enabled: true, groupIds, roleAttributes: [], ...over }) as ServiceResource;

const peers = [peer('laptop', 1, ['devs']), peer('router', 2, ['routers']), peer('pending', 3, ['devs'], false)];
const groups = new Map([['devs', 'g-devs'], ['ops', 'g-ops'], ['web', 'g-web'], ['db', 'g-db']]);
const byId = new Map([...groups].map(([n, id]) => [id, n]));
const web = resource('web', '10.0.0.5', ['g-web']);
const db = resource('db', '10.0.1.0/24', ['g-db']);

function catalog(rules: NetbirdRuleInput[], acl: AclAccess | null = null, modelPeers = peers.map((p) => ({ ...p, groups: p.groups.map((g) => groups.get(g) ?? g) }))): ServiceCatalog {
  return {
    resources: [web, db],
    routersOf: new Map([['net1', ['router']]]),
    model: new EffectiveAccess(new AccessModel(modelPeers, compileNetbird(rules, 'ALL', (id) => [web, db].find((r) => r.id === id)?.address)), acl),
    groupIdByName: groups,
    groupNameById: byId,
  };
}

const identity = (peerId: string | null, roleAttributes: string[] = []) => ({ peerId, roleAttributes: JSON.stringify(roleAttributes) });

describe('ziti service access: Dial', () => {
  it('a rule from one of the identity’s groups to a resource group allows Dial; others get nothing', () => {
    const c = catalog([rule({ sourceGroups: ['g-devs'], destinationGroups: ['g-web'] })]);
    expect(permissionsFor(c, identity('laptop'), web)).toEqual(['Dial']);
    expect(permissionsFor(c, identity('laptop'), db)).toEqual([]);
    expect(permissionsFor(c, identity(null), web)).toEqual([]);
  });

  it('role attributes name groups: an identity without a peer gets them', () => {
    const c = catalog([rule({ sourceGroups: ['g-ops'], destinationGroups: ['g-db'] })]);
    expect(permissionsFor(c, identity(null, ['ops']), db)).toEqual(['Dial']);
    expect(permissionsFor(c, identity(null, ['nosuchgroup']), db)).toEqual([]);
  });

  it('the All group as source covers every identity, but as destination no resource', () => {
    expect(permissionsFor(catalog([rule({ sourceGroups: ['ALL'], destinationGroups: ['g-web'] })]), identity(null), web)).toEqual(['Dial']);
    expect(permissionsFor(catalog([rule({ sourceGroups: ['ALL'], destinationGroups: ['ALL'] })]), identity('laptop'), web)).toEqual([]);
  });

  it('a destination resource names the resource itself', () => {
    const c = catalog([rule({ sourceGroups: ['g-devs'], destinationResource: { id: 'db', type: 'subnet' } })]);
    expect(permissionsFor(c, identity('laptop'), db)).toEqual(['Dial']);
    expect(permissionsFor(c, identity('laptop'), web)).toEqual([]);
  });

  it('a protocol-wide drop rule wins; a port-limited one only takes its ports', () => {
    const accept = rule({ ruleId: 'a', sourceGroups: ['g-devs'], destinationGroups: ['g-web'] });
    expect(permissionsFor(catalog([accept, rule({ ruleId: 'd', action: 'drop', sourceGroups: ['g-devs'], destinationGroups: ['g-web'] })]), identity('laptop'), web)).toEqual([]);
    const portDrop = rule({ ruleId: 'd', action: 'drop', protocol: 'tcp', ports: ['22'], sourceGroups: ['g-devs'], destinationGroups: ['g-web'] });
    expect(permissionsFor(catalog([accept, portDrop]), identity('laptop'), web)).toEqual(['Dial']);
    // Accept TCP 22 and drop TCP 22: nothing is left to dial; drop UDP 53 leaves TCP 22 alone.
    const ssh = rule({ ruleId: 'a', protocol: 'tcp', ports: ['22'], sourceGroups: ['g-devs'], destinationGroups: ['g-web'] });
    expect(permissionsFor(catalog([ssh, portDrop]), identity('laptop'), web)).toEqual([]);
    expect(permissionsFor(catalog([ssh, { ...portDrop, protocol: 'udp', ports: ['53'] }]), identity('laptop'), web)).toEqual(['Dial']);
    expect(permissionsFor(catalog([ssh, { ...portDrop, ports: [], portRanges: [{ start: 20, end: 30 }] }]), identity('laptop'), web)).toEqual([]);
  });

  it('a bidirectional rule from the resource to the identity also allows Dial; a one-way one does not', () => {
    const one = rule({ sourceGroups: ['g-web'], destinationGroups: ['g-devs'] });
    expect(permissionsFor(catalog([one]), identity('laptop'), web)).toEqual([]);
    expect(permissionsFor(catalog([{ ...one, bidirectional: true }]), identity('laptop'), web)).toEqual(['Dial']);
  });

  it('an inactive peer lends the identity none of its groups; disabled resources allow nothing', () => {
    const c = catalog([rule({ sourceGroups: ['g-devs'], destinationGroups: ['g-web'] })]);
    expect(permissionsFor(c, identity('pending'), web)).toEqual([]);
    expect(permissionsFor(c, identity('laptop'), { ...web, enabled: false })).toEqual([]);
  });

  // Only the packet filter matters for services; the rest of the document's view is unused here.
  const aclWith = (filter: AclAccess['filter']) => ({ peers: () => [], filter, ssh: () => ({ rules: [] }), compiled: {} }) as unknown as AclAccess;

  it('the ACL document counts through a router’s packet filter covering the resource address', () => {
    const acl = aclWith((id) => (id === 'router' ? [{ SrcIPs: ['100.64.0.1'], DstPorts: [{ IP: '10.0.1.0/24', Ports: { First: 0, Last: 65535 } }] }] : []));
    const c = catalog([], acl);
    expect(permissionsFor(c, identity('laptop'), db)).toEqual(['Dial']);
    expect(permissionsFor(c, identity('laptop'), web)).toEqual([]);
    // Only for the peer the filter names, and only for identities with a peer.
    expect(permissionsFor(c, identity(null, ['devs']), db)).toEqual([]);
    const everything = aclWith(() => [{ SrcIPs: ['*'], DstPorts: [{ IP: '*', Ports: { First: 0, Last: 65535 } }] }]);
    expect(permissionsFor(catalog([], everything), identity('laptop'), web)).toEqual(['Dial']);
  });
});

describe('ziti service access: posture checks', () => {
  it('a rule of a policy with posture checks lets only identities whose peer passes them Dial', () => {
    const meta = (version: string): PostureSubject => ({ os: 'linux', osVersion: '', kernelVersion: '', version, countryCode: '', cityName: '', networkAddresses: [], files: [] });
    const all = [...peers, peer('old-laptop', 4, ['devs'])].map((p) => ({ ...p, groups: p.groups.map((g) => groups.get(g) ?? g) }));
    const posture = restrictSourcesByPosture(
      [rule({ sourceGroups: ['g-devs'], destinationGroups: ['g-web'], postureChecks: ['chk'] })],
      all,
      new Map([['laptop', meta('0.60.0')], ['old-laptop', meta('0.40.0')]]),
      new Map([['chk', { nb_version_check: { min_version: '0.50.0' } }]]),
      'ALL',
    );
    const c = catalog(posture.rules, null, all.map((p) => ({ ...p, groups: [...p.groups, ...(posture.groupsOf.get(p.id) ?? [])] })));
    expect(permissionsFor(c, identity('laptop'), web)).toEqual(['Dial']);
    expect(permissionsFor(c, identity('old-laptop'), web)).toEqual([]);
    // Role attributes name the source group, but without a peer there is nothing to check: no Dial.
    expect(permissionsFor(c, identity(null, ['devs']), web)).toEqual([]);
  });
});

describe('ziti service access: Bind', () => {
  it('the router peer of the resource’s network may Bind', () => {
    const c = catalog([]);
    expect(permissionsFor(c, identity('router'), web)).toEqual(['Bind']);
    expect(permissionsFor(c, identity('laptop'), web)).toEqual([]);
  });
});

describe('ids', () => {
  it('timeOfId reads the creation second of an xid', () => {
    const t = Date.UTC(2026, 10, 23, 19, 0, 7, 500);
    expect(timeOfId(newId(t)).getTime()).toBe(Date.UTC(2026, 10, 23, 19, 0, 7));
    expect(timeOfId('not-an-xid').getTime()).toBe(0);
  });
});
