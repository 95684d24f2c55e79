// Reading /proc/net/nf_conntrack lines: the original and the reply direction's addresses, ports
// and counters, TCP state, ICMP type and code, IPv6 addresses in the map's compressed form.
import { describe, expect, it } from 'vitest';
import { canonical, parseConntrack } from '@/agent/conntrack';

describe('conntrack lines', () => {
  it('reads a closed TCP connection with its counters in both directions', () => {
    const [t] = parseConntrack(
      'ipv4     2 tcp      6 119 TIME_WAIT src=100.64.0.2 dst=100.64.0.3 sport=55998 dport=7777 packets=6 bytes=50320 src=100.64.0.3 dst=100.64.0.2 sport=7777 dport=55998 packets=4 bytes=216 [ASSURED] mark=0 zone=0 use=2\n',
    );
    expect(t).toEqual({ family: 4, protocol: 6, state: 'TIME_WAIT', src: '100.64.0.2', dst: '100.64.0.3', sport: 55998, dport: 7777, packets: 6, bytes: 50320, replyPackets: 4, replyBytes: 216 });
  });

  it('reads UDP over IPv6 (full-length addresses) and ICMP without ports', () => {
    const [udp, icmp] = parseConntrack(
      [
        'ipv6     10 udp      17 28 src=fd7a:115c:a1e0:0000:0000:0000:0000:0002 dst=fd7a:115c:a1e0:0000:0000:0000:0000:0003 sport=40000 dport=53 packets=1 bytes=80 [UNREPLIED] src=fd7a:115c:a1e0:0000:0000:0000:0000:0003 dst=fd7a:115c:a1e0:0000:0000:0000:0000:0002 sport=53 dport=40000 packets=0 bytes=0 mark=0 zone=0 use=2',
        'ipv4     2 icmp     1 29 src=100.64.0.2 dst=198.19.5.10 type=8 code=0 id=7 packets=3 bytes=252 src=198.19.5.10 dst=198.19.5.1 type=0 code=0 id=7 packets=3 bytes=252 mark=0 zone=0 use=2',
        'garbage',
      ].join('\n'),
    );
    expect(udp).toMatchObject({ family: 6, protocol: 17, state: '', src: 'fd7a:115c:a1e0::2', dst: 'fd7a:115c:a1e0::3', sport: 40000, dport: 53, packets: 1, replyPackets: 0 });
    expect(icmp).toMatchObject({ protocol: 1, src: '100.64.0.2', dst: '198.19.5.10', sport: 0, dport: 0, icmp: { type: 8, code: 0 }, packets: 3, replyBytes: 252 });
  });

  it('writes addresses in one form', () => {
    expect(canonical('FD7A:115C:A1E0:0:0:0:0:9')).toBe('fd7a:115c:a1e0::9');
    expect(canonical('100.64.0.9')).toBe('100.64.0.9');
  });
});
