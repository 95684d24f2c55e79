// The small grammar of Tailscale's policy file: aliases ("tag:x", "group:y", users, hosts, IPs,
// autogroups), "alias:ports" destinations, port lists and protocol names. Error texts are
// Tailscale's own where they are known, because clients show them to users verbatim.
import { parsePrefix, type Prefix } from './ipset';
import type { PortRange } from '../ir';

export type Alias =
  | { kind: 'wildcard'; text: string }
  | { kind: 'prefix'; text: string; prefix: Prefix }
  | { kind: 'user'; text: string }
  | { kind: 'group'; text: string }
  | { kind: 'tag'; text: string }
  | { kind: 'autogroup'; text: string; name: string }
  | { kind: 'ipset'; text: string }
  | { kind: 'host'; text: string };

export const KNOWN_AUTOGROUPS = new Set([
  'internet', 'member', 'tagged', 'self', 'nonroot', 'danger-all',
  'admin', 'owner', 'it-admin', 'network-admin', 'billing-admin', 'auditor', 'shared',
]);

/** Classify an alias the way Tailscale does: IP/CIDR first, then by prefix, then host name. */
export function parseAlias(raw: string): Alias {
  const text = raw.trim();
  if (text === '*') return { kind: 'wildcard', text };
  const prefix = parsePrefix(text);
  if (prefix) return { kind: 'prefix', text, prefix };
  if (text.startsWith('autogroup:')) return { kind: 'autogroup', text, name: text.slice('autogroup:'.length) };
  if (text.startsWith('group:')) return { kind: 'group', text };
  if (text.startsWith('tag:')) return { kind: 'tag', text };
  if (text.startsWith('ipset:')) return { kind: 'ipset', text };
  if (text.includes('@')) return { kind: 'user', text };
  return { kind: 'host', text };
}

export class PolicyError extends Error {}

export const ALL_PORTS: PortRange = { first: 0, last: 65535 };

/** "22", "80,443", "8000-8100", "*" → ranges; throws with Tailscale's wording. */
export function parsePorts(spec: string): PortRange[] {
  if (spec === '*') return [ALL_PORTS];
  const out: PortRange[] = [];
  for (const part of spec.split(',')) {
    const dash = part.indexOf('-');
    const firstText = dash < 0 ? part : part.slice(0, dash);
    const first = portNumber(firstText);
    if (first === undefined) throw new PolicyError('invalid first integer');
    let last = first;
    if (dash >= 0) {
      const l = portNumber(part.slice(dash + 1));
      if (l === undefined) throw new PolicyError('invalid last integer');
      last = l;
    }
    if (first === 0) throw new PolicyError("first port must be >0, or use '*' for wildcard");
    if (last < first) throw new PolicyError('last port must be >= first port');
    out.push({ first, last });
  }
  return out;
}

function portNumber(s: string): number | undefined {
  if (!/^\d{1,5}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 65535 ? n : undefined;
}

export interface Destination {
  text: string;
  alias: Alias;
  ports: PortRange[];
}

/** "tag:server:22", "[fd7a::1]:80", "10.0.0.0/8:*" → alias + ports. */
export function parseDestination(text: string): Destination {
  let input = text;
  if (input.startsWith('[')) {
    const close = input.indexOf(']');
    if (close > 0) input = input.slice(1, close) + input.slice(close + 1);
  }
  const colon = input.lastIndexOf(':');
  if (colon <= 0) throw new PolicyError(`dst=${JSON.stringify(text)}: hostport must contain a colon (":")`);
  const host = input.slice(0, colon);
  const portText = input.slice(colon + 1);
  let ports: PortRange[];
  try {
    ports = parsePorts(portText);
  } catch (e) {
    throw new PolicyError(`dst=${JSON.stringify(text)}: port range ${JSON.stringify(portText)}: ${(e as Error).message}`);
  }
  return { text, alias: parseAlias(host), ports };
}

const PROTOCOLS: Record<string, number> = {
  icmp: 1, igmp: 2, ipv4: 4, 'ip-in-ip': 4, tcp: 6, egp: 8, igp: 9, udp: 17, gre: 47, esp: 50, ah: 51,
  'ipv6-icmp': 58, icmpv6: 58, sctp: 132, fc: 133,
};

/** "" → any protocol ([]); "tcp" / "6" → [6]. Throws on unknown names or numbers. */
export function parseProto(raw: string | undefined): number[] {
  if (raw === undefined || raw === '') return [];
  const p = raw.toLowerCase();
  if (p in PROTOCOLS) return [PROTOCOLS[p]];
  if (p === '*') throw new PolicyError('proto name "*" not known; use protocol number 0-255 or protocol name (icmp, tcp, udp, etc.)');
  if (/^[1-9]\d{0,2}$/.test(p) && Number(p) <= 255) return [Number(p)];
  if (/^0\d*$/.test(p)) throw new PolicyError(`leading 0 not permitted in protocol number ${JSON.stringify(raw)}`);
  throw new PolicyError(`proto name ${JSON.stringify(raw)} not known; use protocol number 0-255 or protocol name (icmp, tcp, udp, etc.)`);
}

/** Protocols on which a rule may name specific ports. */
export const PORT_PROTOCOLS = new Set([6, 17, 132]);

/** A grant's "ip" entry: "*", "22", "tcp:443", "udp:53-60", "icmp:*". */
export function parseIpEntry(text: string): { protocols: number[]; ports: PortRange[] } {
  if (text === '*') return { protocols: [], ports: [ALL_PORTS] };
  const parts = text.split(':');
  if (parts.length > 2) throw new PolicyError(`expected only one colon in Internet protocol and port type, got ${JSON.stringify(text)}`);
  const [proto, portText] = parts.length === 2 ? parts : ['', parts[0]];
  const protocols = parseProto(proto === '*' ? '' : proto);
  try {
    return { protocols, ports: parsePorts(portText) };
  } catch (e) {
    throw new PolicyError(`port range ${JSON.stringify(portText)}: ${(e as Error).message}`);
  }
}
