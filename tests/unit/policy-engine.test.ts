// The policy engine on NetBird rules: visibility, packet filters, bidirectional rules, drops,
// inactive peers and the All group.
import { describe, expect, it } from 'vitest';
import { compileNetbird, type NetbirdRuleInput } from '@/lib/domain/policy/netbird-compile';
import { AccessModel, type ModelPeer } from '@/lib/domain/policy/evaluate';

const peer = (id: string, n: number, groups: string[], active = true): ModelPeer => ({ id, ip: `100.64.0.${n}`, ipv6: '', groups, active });
const rule = (over: Partial<NetbirdRuleInput>): NetbirdRuleInput => ({
  policyId: 'p1', policyName: 'p', ruleId: over.ruleId ?? 'r1', ruleName: 'r', action: 'accept', bidirectional: false, protocol: 'all',
  ports: [], portRanges: [], sourceGroups: [], destinationGroups: [], postureChecks: [], ...over,
});

const peers = [peer('dev1', 1, ['devs']), peer('dev2', 2, ['devs']), peer('web', 3, ['servers']), peer('db', 4, ['servers', 'dbs']), peer('off', 5, ['devs'], false)];

describe('policy engine (NetBird rules)', () => {
  it('one-way tcp rule: sources see destinations, destinations filter by source and port', () => {
    const m = new AccessModel(peers, compileNetbird([rule({ sourceGroups: ['devs'], destinationGroups: ['servers'], protocol: 'tcp', ports: ['443'], portRanges: [{ start: 8000, end: 8080 }] })], 'ALL'));
    expect([...m.access('dev1').visible.keys()].sort()).toEqual(['db', 'web']);
    expect(m.access('dev1').filter).toEqual([]);
    const web = m.access('web');
    expect([...web.visible.keys()].sort()).toEqual(['dev1', 'dev2']);
    expect(web.filter).toEqual([
      {
        SrcIPs: ['100.64.0.1', '100.64.0.2'],
        DstPorts: [
          { IP: '100.64.0.3', Ports: { First: 443, Last: 443 } },
          { IP: '100.64.0.3', Ports: { First: 8000, Last: 8080 } },
        ],
        IPProto: [6],
      },
    ]);
    // Peers in neither group see nothing; inactive peers are never in a map.
    expect(m.access('off').visible.size).toBe(0);
    expect(web.visible.has('off')).toBe(false);
  });

  it('bidirectional rules filter on both sides', () => {
    const m = new AccessModel(peers, compileNetbird([rule({ sourceGroups: ['devs'], destinationGroups: ['dbs'], bidirectional: true })], 'ALL'));
    expect(m.access('dev1').filter[0].SrcIPs).toEqual(['100.64.0.4']);
    expect(m.access('db').filter[0].SrcIPs).toEqual(['100.64.0.1', '100.64.0.2']);
    expect(m.access('db').filter[0].IPProto).toBeUndefined();
  });

  it('the All group means every active peer, shown as * in filters', () => {
    const m = new AccessModel(peers, compileNetbird([rule({ sourceGroups: ['ALL'], destinationGroups: ['ALL'] })], 'ALL'));
    expect([...m.access('web').visible.keys()].sort()).toEqual(['db', 'dev1', 'dev2']);
    expect(m.access('web').filter[0].SrcIPs).toEqual(['*']);
  });

  it('a protocol-wide drop rule removes that direction; a bidirectional one removes the pair', () => {
    const accept = rule({ ruleId: 'a', sourceGroups: ['ALL'], destinationGroups: ['ALL'] });
    const oneWay = new AccessModel(peers, compileNetbird([accept, rule({ ruleId: 'd', action: 'drop', sourceGroups: ['devs'], destinationGroups: ['dbs'] })], 'ALL'));
    // devs may no longer reach db; db may still reach devs, so they still know each other.
    expect(oneWay.access('db').filter[0].SrcIPs).toEqual(['100.64.0.3']);
    expect(oneWay.access('dev1').filter[0].SrcIPs).toEqual(['100.64.0.2', '100.64.0.3', '100.64.0.4']);
    expect(oneWay.access('db').visible.has('dev1')).toBe(true);
    const both = new AccessModel(peers, compileNetbird([accept, rule({ ruleId: 'd', action: 'drop', bidirectional: true, sourceGroups: ['devs'], destinationGroups: ['dbs'] })], 'ALL'));
    expect(both.access('db').visible.has('dev1')).toBe(false);
    expect(both.access('dev1').visible.has('db')).toBe(false);
    expect(both.access('dev1').visible.has('web')).toBe(true);
  });

  it('records which rules grant each visible peer', () => {
    const m = new AccessModel(peers, compileNetbird([rule({ ruleId: 'x', sourceGroups: ['devs'], destinationGroups: ['servers'] })], 'ALL'));
    expect([...m.access('web').visible.get('dev1')!]).toEqual(['nb:x']);
    expect(m.access('web').rules).toEqual(['nb:x']);
  });
});
