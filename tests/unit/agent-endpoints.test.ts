// A peer's endpoints in the agent map: the seen address first, then the reported interfaces, each
// with the reported listen port; nothing another machine cannot reach, and nothing without a port.
import { describe, expect, it } from 'vitest';
import { endpointsOf, seenAddressMovesEndpoints } from '@/lib/domain/agent/endpoints';
import type { Peer } from '@/lib/db/models';

const base = { listenPort: 51820, connectionIp: '198.18.0.2', networkAddresses: '[]', ip: '100.64.0.7', ipv6: 'fd7a:115c:a1e0::7' };
const addresses = (...nets: string[]) => JSON.stringify(nets.map((net_ip) => ({ net_ip })));

describe('endpointsOf', () => {
  it('puts the address the server sees first, then the reported interfaces, without duplicates', () => {
    const p = { ...base, networkAddresses: addresses('192.168.1.5/24', '198.18.0.2/24', '2001:db8::5/64') };
    expect(endpointsOf(p)).toEqual(['198.18.0.2:51820', '192.168.1.5:51820', '[2001:db8::5]:51820']);
  });

  it('is empty while the agent has not reported a listen port', () => {
    expect(endpointsOf({ ...base, listenPort: 0, networkAddresses: addresses('192.168.1.5/24') })).toEqual([]);
  });

  it('leaves out loopback, link-local, unspecified, multicast and the peer\'s own mesh addresses', () => {
    const p = {
      ...base,
      connectionIp: '127.0.0.1',
      networkAddresses: addresses('127.0.0.1/8', '::1/128', '169.254.3.4/16', 'fe80::1/64', '0.0.0.0/0', '224.0.0.1/4', '100.64.0.7/32', 'fd7a:115c:a1e0::7/128', '10.1.2.3/8'),
    };
    expect(endpointsOf(p)).toEqual(['10.1.2.3:51820']);
  });

  it('keeps at most eight and ignores malformed stored entries', () => {
    const many = Array.from({ length: 12 }, (_, i) => `10.0.0.${i + 1}/24`);
    const p = { ...base, connectionIp: '', networkAddresses: JSON.stringify([{ nope: 1 }, null, ...many.map((net_ip) => ({ net_ip }))]) };
    expect(endpointsOf(p)).toEqual(many.slice(0, 8).map((n) => n.replace('/24', ':51820')));
  });
});

describe('seenAddressMovesEndpoints', () => {
  const peer = { ...base } as Peer;
  it('is true only for a new address of a peer that has a listen port', () => {
    expect(seenAddressMovesEndpoints(peer, '198.18.0.9')).toBe(true);
    expect(seenAddressMovesEndpoints(peer, '198.18.0.2')).toBe(false);
    expect(seenAddressMovesEndpoints(peer, undefined)).toBe(false);
    expect(seenAddressMovesEndpoints({ ...peer, listenPort: 0 }, '198.18.0.9')).toBe(false);
  });
});
