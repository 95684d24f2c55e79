// The packet filter on the mesh interface, enforced with nftables. The agent owns one table,
// `inet meshdeck_<interface>`, and replaces it whole in one `nft -f` transaction whenever a map
// with a new serial arrives, so there is never a moment without rules. Only traffic that arrives
// on the mesh interface is judged; everything else on the machine is left alone:
// - replies of connections this machine opened, and of connections the filter allowed, pass
//   (conntrack: established/related);
// - a new connection passes when a rule of the map's `packet_filter` allows it: its source among
//   the rule's SrcIPs ("*": any peer), its destination one of this peer's addresses, its protocol
//   in IPProto (absent: any) and, for TCP/UDP/SCTP, its port in the rule's range;
// - everything else from the mesh is dropped, forwarded traffic included (routing through a peer
//   is not supported yet).
// Connections already established when a rule is withdrawn keep going until they end.
import type { FilterRule } from '../lib/domain/policy/evaluate';
import { nftElements, parseSource, type Family } from './addresses';
import { run, tryRun } from './run';

/** Protocols whose packets have ports (TCP, UDP, DCCP, SCTP); a port range applies to these only. */
const PORT_PROTOCOLS = [6, 17, 33, 132];
/**
 * A rule with ports but no IPProto ("any protocol"): the port range applies to the protocols that
 * have ports, and ICMP passes whatever the range, as in Tailscale's filter.
 */
const DEFAULT_PROTOCOLS = [...PORT_PROTOCOLS, 1, 58];

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

function ruleLines(rule: FilterRule, own: Own): string[] {
  const lines: string[] = [];
  const anySource = rule.SrcIPs.includes('*');
  for (const family of [4, 6] as const) {
    if (!(family === 4 ? own.ip : own.ipv6)) continue;
    const sources = anySource ? [] : nftElements(rule.SrcIPs, family);
    if (!anySource && !sources.length) continue;
    const kw = family === 4 ? 'ip' : 'ip6';
    const src = anySource ? '' : `${kw} saddr { ${sources.join(', ')} } `;
    const dst = `${kw} daddr ${family === 4 ? own.ip : own.ipv6} `;
    for (const d of rule.DstPorts) {
      if (!coversUs(d.IP, own, family)) continue;
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

/** The whole nft script for a map: creates (or replaces) this interface's table atomically. */
export function nftScript(ifname: string, own: Own, filter: readonly FilterRule[]): string {
  const table = tableName(ifname);
  const accepts = [...new Set(filter.flatMap((r) => ruleLines(r, own)))];
  const quoted = JSON.stringify(ifname);
  return [
    // Declaring the table first makes the delete succeed when it does not exist yet.
    `table inet ${table}`,
    `delete table inet ${table}`,
    `table inet ${table} {`,
    `  chain input {`,
    `    type filter hook input priority filter; policy accept;`,
    `    iifname != ${quoted} accept`,
    `    ct state established,related accept`,
    `    ct state invalid drop`,
    ...accepts.map((l) => `    ${l}`),
    `    counter drop`,
    `  }`,
    `  chain forward {`,
    `    type filter hook forward priority filter; policy accept;`,
    `    iifname != ${quoted} accept`,
    `    ct state established,related accept`,
    `    counter drop`,
    `  }`,
    `}`,
    '',
  ].join('\n');
}

export async function applyFilter(ifname: string, own: Own, filter: readonly FilterRule[]): Promise<void> {
  await run('nft', ['-f', '-'], nftScript(ifname, own, filter));
}

export async function removeFilter(ifname: string): Promise<void> {
  await tryRun('nft', ['delete', 'table', 'inet', tableName(ifname)]);
}

export async function filterExists(ifname: string): Promise<boolean> {
  return tryRun('nft', ['list', 'table', 'inet', tableName(ifname)]);
}
