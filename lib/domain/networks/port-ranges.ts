// Port arithmetic for ingress port allocations: which ingress ports are taken on an ingress peer,
// how many are left, and the lowest free block of a given size. TCP and UDP are separate port
// spaces; a "tcp/udp" mapping takes its ports in both.

export const INGRESS_PORT_MIN = 10_000;
export const INGRESS_PORT_MAX = 65_535;
export const PROTOCOLS = ['tcp', 'udp', 'tcp/udp'] as const;
export type PortProtocol = (typeof PROTOCOLS)[number];

/** One forwarded range, stored in this (NetBird's) shape in IngressPortAllocation.portMappings. */
export interface PortMapping {
  translated_start: number;
  translated_end: number;
  ingress_start: number;
  ingress_end: number;
  protocol: PortProtocol;
}

type Space = 'tcp' | 'udp';
const spacesOf = (p: PortProtocol): Space[] => (p === 'tcp/udp' ? ['tcp', 'udp'] : [p]);

/** Ingress ports [start, end] taken in a port space, sorted. */
function taken(mappings: readonly PortMapping[], space: Space): [number, number][] {
  return mappings
    .filter((m) => spacesOf(m.protocol).includes(space))
    .map((m): [number, number] => [m.ingress_start, m.ingress_end])
    .sort((a, b) => a[0] - b[0]);
}

/** Free ingress ports per protocol on an ingress peer holding these mappings. */
export function availablePorts(mappings: readonly PortMapping[]): { tcp: number; udp: number } {
  const total = INGRESS_PORT_MAX - INGRESS_PORT_MIN + 1;
  const used = (space: Space) => taken(mappings, space).reduce((n, [s, e]) => n + (e - s + 1), 0);
  return { tcp: total - used('tcp'), udp: total - used('udp') };
}

/** The lowest ingress port where `length` consecutive ports are free for `protocol`, or null. */
export function findFreeBlock(mappings: readonly PortMapping[], protocol: PortProtocol, length: number): number | null {
  const busy = spacesOf(protocol)
    .flatMap((s) => taken(mappings, s))
    .sort((a, b) => a[0] - b[0]);
  let candidate = INGRESS_PORT_MIN;
  for (const [s, e] of busy) {
    if (s - candidate >= length) break;
    candidate = Math.max(candidate, e + 1);
  }
  return candidate + length - 1 <= INGRESS_PORT_MAX ? candidate : null;
}

/** True when two mappings share a port number in a common port space (on the `side` given). */
export function overlaps(a: PortMapping, b: PortMapping, side: 'ingress' | 'translated'): boolean {
  const shareSpace = spacesOf(a.protocol).some((s) => spacesOf(b.protocol).includes(s));
  const [as, ae, bs, be] =
    side === 'ingress'
      ? [a.ingress_start, a.ingress_end, b.ingress_start, b.ingress_end]
      : [a.translated_start, a.translated_end, b.translated_start, b.translated_end];
  return shareSpace && as <= be && bs <= ae;
}
