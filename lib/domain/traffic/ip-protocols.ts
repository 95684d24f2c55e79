// IP protocol numbers by name, as traffic charts and tables show them (server and console alike).
const NAMES: Record<number, string> = { 0: 'unknown', 1: 'ICMP', 6: 'TCP', 17: 'UDP', 58: 'ICMPv6', 132: 'SCTP' };

export const protocolName = (p: number): string => NAMES[p] ?? `IP ${p}`;
