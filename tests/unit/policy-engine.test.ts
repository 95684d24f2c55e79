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

  describe('port- and protocol-specific drops take their part from accept rules', () => {
    const all = rule({ ruleId: 'a', sourceGroups: ['ALL'], destinationGroups: ['ALL'] });
    const drop = (over: Partial<NetbirdRuleInput>) => rule({ ruleId: 'd', action: 'drop', sourceGroups: ['devs'], destinationGroups: ['servers'], ...over });
    const model = (...rules: NetbirdRuleInput[]) => new AccessModel(peers, compileNetbird(rules, 'ALL'));
    const on = (ip: string, ...ranges: [number, number][]) => ranges.map(([First, Last]) => ({ IP: `100.64.0.${ip}`, Ports: { First, Last } }));
    const DEVS = ['100.64.0.1', '100.64.0.2'];

    it('accept all + drop TCP 22: the dropped sources get TCP without 22 and every other protocol spelled out', () => {
      const m = model(all, drop({ protocol: 'tcp', ports: ['22'] }));
      expect(m.access('web').filter).toEqual([
        { SrcIPs: DEVS, DstPorts: on('3', [0, 65535]), IPProto: [1, 17, 58, 132] },
        { SrcIPs: DEVS, DstPorts: on('3', [0, 21], [23, 65535]), IPProto: [6] },
        { SrcIPs: ['100.64.0.4'], DstPorts: on('3', [0, 65535]) },
      ]);
      // Other sources, and traffic the drop does not name (devs among themselves), are unchanged.
      expect(m.access('dev1').filter).toEqual([{ SrcIPs: ['100.64.0.2', '100.64.0.3', '100.64.0.4'], DstPorts: on('1', [0, 65535]) }]);
      expect(m.access('web').visible.has('dev1')).toBe(true);
      expect(m.access('dev1').visible.has('web')).toBe(true);
    });

    it('accept TCP 22 + drop TCP 22: nothing is left, and the rule no longer makes the pair visible', () => {
      const m = model(rule({ ruleId: 'a', sourceGroups: ['devs'], destinationGroups: ['servers'], protocol: 'tcp', ports: ['22'] }), drop({ protocol: 'tcp', ports: ['22'] }));
      expect(m.access('web').filter).toEqual([]);
      expect(m.access('web').visible.size).toBe(0);
      expect(m.access('dev1').peerIds).toEqual([]);
      expect(m.visibleCount('db')).toBe(0);
      // A drop covering part of a range leaves the rest.
      const partial = model(rule({ ruleId: 'a', sourceGroups: ['devs'], destinationGroups: ['servers'], protocol: 'tcp', portRanges: [{ start: 1000, end: 2000 }] }), drop({ protocol: 'tcp', portRanges: [{ start: 1500, end: 2500 }] }));
      expect(partial.access('web').filter).toEqual([{ SrcIPs: DEVS, DstPorts: on('3', [1000, 1499]), IPProto: [6] }]);
    });

    it('a UDP 53 drop does not touch TCP; a port drop does not touch ICMP', () => {
      const tcp = rule({ ruleId: 'a', sourceGroups: ['devs'], destinationGroups: ['servers'], protocol: 'tcp' });
      const untouched = [{ SrcIPs: DEVS, DstPorts: on('3', [0, 65535]), IPProto: [6] }];
      expect(model(tcp, drop({ protocol: 'udp', ports: ['53'] })).access('web').filter).toEqual(untouched);
      const icmp = rule({ ruleId: 'a', sourceGroups: ['devs'], destinationGroups: ['servers'], protocol: 'icmp' });
      expect(model(icmp, drop({ protocol: 'tcp', portRanges: [{ start: 1, end: 65535 }] })).access('web').filter).toEqual([{ SrcIPs: DEVS, DstPorts: on('3', [0, 65535]), IPProto: [1, 58] }]);
      // Under accept all, a UDP 53 drop leaves TCP whole (with ICMP and SCTP) and UDP without 53.
      expect(model(all, drop({ protocol: 'udp', ports: ['53'] })).access('web').filter.slice(0, 2)).toEqual([
        { SrcIPs: DEVS, DstPorts: on('3', [0, 65535]), IPProto: [1, 6, 58, 132] },
        { SrcIPs: DEVS, DstPorts: on('3', [0, 52], [54, 65535]), IPProto: [17] },
      ]);
      // A protocol-wide ICMP drop removes ICMP only.
      expect(model(all, drop({ protocol: 'icmp' })).access('web').filter[0]).toEqual({ SrcIPs: DEVS, DstPorts: on('3', [0, 65535]), IPProto: [6, 17, 132] });
    });

    it('a bidirectional drop applies in both directions', () => {
      const m = model(all, drop({ destinationGroups: ['dbs'], protocol: 'tcp', ports: ['5432'], bidirectional: true }));
      const noPostgres = (ip: string) => on(ip, [0, 5431], [5433, 65535]);
      expect(m.access('db').filter).toEqual([
        { SrcIPs: DEVS, DstPorts: on('4', [0, 65535]), IPProto: [1, 17, 58, 132] },
        { SrcIPs: DEVS, DstPorts: noPostgres('4'), IPProto: [6] },
        { SrcIPs: ['100.64.0.3'], DstPorts: on('4', [0, 65535]) },
      ]);
      expect(m.access('dev1').filter).toEqual([
        { SrcIPs: ['100.64.0.2', '100.64.0.3'], DstPorts: on('1', [0, 65535]) },
        { SrcIPs: ['100.64.0.4'], DstPorts: on('1', [0, 65535]), IPProto: [1, 17, 58, 132] },
        { SrcIPs: ['100.64.0.4'], DstPorts: noPostgres('1'), IPProto: [6] },
      ]);
      // web is in neither side of the drop.
      expect(m.access('web').filter).toEqual([{ SrcIPs: ['100.64.0.1', '100.64.0.2', '100.64.0.4'], DstPorts: on('3', [0, 65535]) }]);
    });
  });

  it('records which rules grant each visible peer', () => {
    const m = new AccessModel(peers, compileNetbird([rule({ ruleId: 'x', sourceGroups: ['devs'], destinationGroups: ['servers'] })], 'ALL'));
    expect([...m.access('web').visible.get('dev1')!]).toEqual(['nb:x']);
    expect(m.access('web').rules).toEqual(['nb:x']);
  });
});
