// The packet filter on the mesh interface, enforced with nftables. The agent owns one table,
// `inet meshdeck_<interface>`, and replaces it whole in one `nft -f` transaction whenever a map
// with a new serial arrives, so there is never a moment without rules. Only traffic that arrives
// on the mesh interface is judged; everything else on the machine is left alone:
// - replies of connections this machine opened, and of connections the filter allowed, pass
//   (conntrack: established/related);
// - a new connection passes when a rule of the map's `packet_filter` allows it: its source among
//   the rule's SrcIPs ("*": any peer), its destination one of this peer's addresses, its protocol
//   in IPProto (absent: any) and, for TCP/UDP/SCTP, its port in the rule's range;
// - a routing peer forwards from the mesh to the networks it serves what the filter's entries for
//   those networks allow (their DstPorts name the network), and masquerades it where the route
//   says so (a `postrouting` nat chain in the same table);
// - everything else from the mesh is dropped, forwarded traffic included.
// Connections already established when a rule is withdrawn keep going until they end.
import type { FilterRule } from '../lib/domain/policy/evaluate';
import { nftElements, parseSource, type Family } from './addresses';
import type { Served } from './routing';
import { run, tryRun } from './run';

/** Protocols whose packets have ports (TCP, UDP, DCCP, SCTP); a port range applies to these only. */
const PORT_PROTOCOLS = [6, 17, 33, 132];
/**
 * A rule with ports but no IPProto ("any protocol"): the port range applies to the protocols that
 * have ports, and ICMP passes whatever the range, as in Tailscale's filter.
 */
const DEFAULT_PROTOCOLS = [...PORT_PROTOCOLS, 1, 58];

/**
 * What is dropped is remembered per (source, destination, protocol[, port]) in sets with a counter
 * each, which the flow reporter reads (flows.ts): blocked attempts are reported as drops.
 */
const PORTS = `{ ${PORT_PROTOCOLS.join(', ')} }`;
export const DROP_SETS = [
  { name: 'drops4p', family: 4, ports: true, type: 'ipv4_addr . ipv4_addr . inet_proto . inet_service', rule: `meta nfproto ipv4 meta l4proto ${PORTS} update @drops4p { ip saddr . ip daddr . meta l4proto . th dport }` },
  { name: 'drops6p', family: 6, ports: true, type: 'ipv6_addr . ipv6_addr . inet_proto . inet_service', rule: `meta nfproto ipv6 meta l4proto ${PORTS} update @drops6p { ip6 saddr . ip6 daddr . meta l4proto . th dport }` },
  { name: 'drops4', family: 4, ports: false, type: 'ipv4_addr . ipv4_addr . inet_proto', rule: `meta nfproto ipv4 meta l4proto != ${PORTS} update @drops4 { ip saddr . ip daddr . meta l4proto }` },
  { name: 'drops6', family: 6, ports: false, type: 'ipv6_addr . ipv6_addr . inet_proto', rule: `meta nfproto ipv6 meta l4proto != ${PORTS} update @drops6 { ip6 saddr . ip6 daddr . meta l4proto }` },
] as const;

export const tableName = (ifname: string) => `meshdeck_${ifname.replace(/[^A-Za-z0-9_]/g, '_')}`;

interface Own {
  ip: string;
  ipv6: string;
}

/**
 * Whether a DstPorts IP ("*", an address or a prefix) covers this peer's address of `family`. The
 * map names a peer by its IPv4 address only; that means the peer, so its IPv6 address too.
 */
function coversUs(dst: string, own: Own, family: Family): boolean {
  if (dst === '*') return true;
  const bare = dst.replace(/\/(32|128)$/, '');
  if (bare === own.ip || (own.ipv6 && bare === own.ipv6)) return true;
  const d = parseSource(dst);
  const mine = parseSource(family === 4 ? own.ip : own.ipv6);
  return !!d && !!mine && d.family === family && d.range.from <= mine.range.from && mine.range.to <= d.range.to;
}

/** Whether prefix `inner` lies inside prefix `outer` ("*" covers everything). */
function within(inner: string, outer: string): boolean {
  const i = parseSource(inner);
  const o = parseSource(outer);
  return !!i && !!o && i.family === o.family && o.range.from <= i.range.from && i.range.to <= o.range.to;
}

/**
 * Accept lines for one rule. `destination(ip, family)`: the nft destination match for a DstPorts
 * IP, or null when the entry is not for this chain (another peer, a network not served here).
 */
function ruleLines(rule: FilterRule, families: readonly Family[], destination: (ip: string, family: Family) => string | null): string[] {
  const lines: string[] = [];
  const anySource = rule.SrcIPs.includes('*');
  for (const family of families) {
    const sources = anySource ? [] : nftElements(rule.SrcIPs, family);
    if (!anySource && !sources.length) continue;
    const kw = family === 4 ? 'ip' : 'ip6';
    const src = anySource ? '' : `${kw} saddr { ${sources.join(', ')} } `;
    for (const d of rule.DstPorts) {
      const to = destination(d.IP, family);
      if (to === null) continue;
      const dst = `${kw} daddr ${to} `;
      const allPorts = d.Ports.First <= 0 && d.Ports.Last >= 65535;
      if (allPorts) {
        const proto = rule.IPProto?.length ? `meta l4proto { ${rule.IPProto.join(', ')} } ` : '';
        lines.push(`${src}${dst}${proto}accept`);
        continue;
      }
      const protos = rule.IPProto?.length ? rule.IPProto : DEFAULT_PROTOCOLS;
      const withPorts = protos.filter((p) => PORT_PROTOCOLS.includes(p));
      const portless = protos.filter((p) => !PORT_PROTOCOLS.includes(p));
      const ports = d.Ports.First === d.Ports.Last ? `${d.Ports.First}` : `${d.Ports.First}-${d.Ports.Last}`;
      if (withPorts.length) lines.push(`${src}${dst}meta l4proto { ${withPorts.join(', ')} } th dport ${ports} accept`);
      // ICMP and other protocols without ports are allowed whatever the range (Tailscale's reading).
      if (portless.length) lines.push(`${src}${dst}meta l4proto { ${portless.join(', ')} } accept`);
    }
  }
  return lines;
}

/** Input: entries naming this peer, with its own address of the family as destination. */
function inputLines(rule: FilterRule, own: Own): string[] {
  const families = ([4, 6] as const).filter((f) => (f === 4 ? own.ip : own.ipv6));
  return ruleLines(rule, families, (ip, family) => (coversUs(ip, own, family) ? (family === 4 ? own.ip : own.ipv6) : null));
}

/**
 * Forward: entries naming a network this peer serves (or a part of it), with that destination;
 * "*" stands for every served network.
 */
function forwardLines(rule: FilterRule, served: readonly Served[]): string[] {
  return ruleLines(rule, [4, 6], (ip, family) => {
    const nets = served.filter((s) => s.family === family).map((s) => s.network);
    if (!nets.length) return null;
    if (ip === '*') return `{ ${nftElements(nets, family).join(', ')} }`;
    const d = parseSource(ip);
    if (!d || d.family !== family || !nets.some((n) => within(ip, n))) return null;
    return nftElements([ip], family)[0];
  });
}

/**
 * The whole nft script for a map: creates (or replaces) this interface's table atomically.
 * `served`: the networks this peer routes (none: nothing is forwarded from the mesh).
 */
export function nftScript(ifname: string, own: Own, filter: readonly FilterRule[], served: readonly Served[] = []): string {
  const table = tableName(ifname);
  const accepts = [...new Set(filter.flatMap((r) => inputLines(r, own)))];
  const forwards = served.length ? [...new Set(filter.flatMap((r) => forwardLines(r, served)))] : [];
  const masqueraded = served.filter((s) => s.masquerade);
  const quoted = JSON.stringify(ifname);
  const drops = DROP_SETS.map((d) => `    ${d.rule}`);
  return [
    // Declaring the table first makes the delete succeed when it does not exist yet.
    `table inet ${table}`,
    `delete table inet ${table}`,
    `table inet ${table} {`,
    ...DROP_SETS.map((d) => `  set ${d.name} { type ${d.type}; size 65536; flags dynamic,timeout; timeout 10m; counter; }`),
    `  chain input {`,
    `    type filter hook input priority filter; policy accept;`,
    `    iifname != ${quoted} accept`,
    `    ct state established,related accept`,
    `    ct state invalid drop`,
    ...accepts.map((l) => `    ${l}`),
    ...drops,
    `    counter drop`,
    `  }`,
    `  chain forward {`,
    `    type filter hook forward priority filter; policy accept;`,
    `    iifname != ${quoted} accept`,
    `    ct state established,related accept`,
    `    ct state invalid drop`,
    ...forwards.map((l) => `    ${l}`),
    ...drops,
    `    counter drop`,
    `  }`,
    ...(masqueraded.length
      ? [
          // Forwarded traffic from the mesh leaves with the router's address, so the network's hosts
          // answer without a route back to the mesh.
          `  chain postrouting {`,
          `    type nat hook postrouting priority srcnat; policy accept;`,
          ...([4, 6] as const).flatMap((family) => {
            const nets = nftElements(masqueraded.filter((s) => s.family === family).map((s) => s.network), family);
            return nets.length ? [`    iifname ${quoted} ${family === 4 ? 'ip' : 'ip6'} daddr { ${nets.join(', ')} } masquerade`] : [];
          }),
          `  }`,
        ]
      : []),
    `}`,
    '',
  ].join('\n');
}

export async function applyFilter(ifname: string, own: Own, filter: readonly FilterRule[], served: readonly Served[] = []): Promise<void> {
  await run('nft', ['-f', '-'], nftScript(ifname, own, filter, served));
}

export async function removeFilter(ifname: string): Promise<void> {
  await tryRun('nft', ['delete', 'table', 'inet', tableName(ifname)]);
}

export async function filterExists(ifname: string): Promise<boolean> {
  return tryRun('nft', ['list', 'table', 'inet', tableName(ifname)]);
}
