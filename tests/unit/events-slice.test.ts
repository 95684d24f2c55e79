// Pure parts of the events slice: strict timestamps, ingress port arithmetic, flow event checks,
// and the locations dataset.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/domain/errors';
import { listCities, listCountries } from '@/lib/domain/posture/locations';
import { availablePorts, findFreeBlock, type PortMapping } from '@/lib/domain/networks/port-ranges';
import { parseTimestamp } from '@/lib/domain/timestamps';
import { flowEventRow } from '@/lib/domain/traffic/ingest';

describe('parseTimestamp', () => {
  it('accepts RFC 3339 date-times with fractions and offsets', () => {
    expect(parseTimestamp('2025-03-20T16:23:58.125397Z')?.toISOString()).toBe('2025-03-20T16:23:58.125Z');
    expect(parseTimestamp('2025-03-20T16:23:58+02:00')?.toISOString()).toBe('2025-03-20T14:23:58.000Z');
    expect(parseTimestamp('2024-02-29T00:00:00z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
  it('refuses other forms and impossible dates', () => {
    for (const s of ['2025-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2025-13-01T00:00:00Z', '2025-01-01', '2025-01-01T24:00:00Z', '2025-01-01T00:00:00', 'March 3 2025', '2025-01-01T00:00:00+25:00', ''])
      expect(parseTimestamp(s), s).toBeNull();
  });
});

describe('ingress ports', () => {
  const m = (ingress_start: number, ingress_end: number, protocol: PortMapping['protocol']): PortMapping => ({ translated_start: 1, translated_end: 1 + ingress_end - ingress_start, ingress_start, ingress_end, protocol });
  it('finds the lowest free block per protocol space', () => {
    expect(findFreeBlock([], 'tcp', 10)).toBe(10000);
    const taken = [m(10000, 10009, 'tcp'), m(10015, 10020, 'udp'), m(10030, 10030, 'tcp/udp')];
    expect(findFreeBlock(taken, 'tcp', 5)).toBe(10010);
    expect(findFreeBlock(taken, 'tcp', 21)).toBe(10031);
    expect(findFreeBlock(taken, 'udp', 15)).toBe(10000);
    expect(findFreeBlock(taken, 'tcp/udp', 5)).toBe(10010);
    expect(findFreeBlock(taken, 'tcp/udp', 6)).toBe(10021);
    expect(findFreeBlock([], 'udp', 55536)).toBe(10000);
    expect(findFreeBlock([], 'udp', 55537)).toBeNull();
    expect(findFreeBlock([m(65535, 65535, 'tcp')], 'tcp', 55536)).toBeNull();
  });
  it('counts free ports per protocol', () => {
    expect(availablePorts([])).toEqual({ tcp: 55536, udp: 55536 });
    expect(availablePorts([m(10000, 10009, 'tcp'), m(10010, 10010, 'tcp/udp')])).toEqual({ tcp: 55525, udp: 55535 });
  });
});

describe('flow events', () => {
  const peer = { id: 'p1', accountId: 'a1' };
  const base = { flow_id: 'f', window_start: '2025-01-01T00:00:00Z', window_end: '2025-01-01T00:00:01Z' };
  it('derives connection type, event types and lower-cased search text', () => {
    const row = flowEventRow(peer, { ...base, source: { type: 'PEER', name: 'Laptop' }, destination: { type: 'PEER', address: '10.0.0.1' }, user: { email: 'A@B.test' }, events: [{ type: 'TYPE_END', timestamp: base.window_start }, { type: 'TYPE_END', timestamp: base.window_start }] }, 0, new Date());
    expect(row).toMatchObject({ connectionType: 'P2P', eventTypes: ',TYPE_END,', numEnds: 2, reporterId: 'p1', accountId: 'a1' });
    expect(row.searchText).toBe('a@b.test\nlaptop\n\n10.0.0.1\n');
    expect([row.srcPort, row.windowHour]).toEqual([null, Math.floor(Date.parse(base.window_start) / 3_600_000)]);
    const ported = flowEventRow(peer, { ...base, source: { type: 'PEER', address: '[FD00::1]:51820' }, destination: { address: 'db:5432' } }, 0, new Date());
    expect([ported.srcPort, ported.searchText]).toEqual([51820, '\n\n\ndb:5432\n[fd00::1]:51820']);
    expect(flowEventRow(peer, { ...base, source: { type: 'PEER' }, destination: { type: 'HOST_RESOURCE' } }, 0, new Date()).connectionType).toBe('ROUTED');
  });
  it('names the bad field', () => {
    expect(() => flowEventRow(peer, { ...base, source: { name: 'x'.repeat(1025) } }, 7, new Date())).toThrow(/events\[7\]\.source\.name/);
    expect(() => flowEventRow(peer, { ...base, icmp: { type: 256 } }, 0, new Date())).toThrow(ValidationError);
  });
});

describe('locations dataset', () => {
  it('has the countries and their cities', () => {
    expect(listCountries()).toContainEqual({ code: 'DE', name: 'Germany' });
    expect(listCities('DE')).toContainEqual({ geonameId: 2950159, name: 'Berlin' });
    expect(() => listCities('de')).toThrow(ValidationError);
  });
});
