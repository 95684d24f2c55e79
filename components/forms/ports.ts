// The ports field of a policy rule: "22, 80, 8000-8100" typed by a person, and NetBird's two ways of
// sending it. The server refuses a rule that has both `ports` and `port_ranges`, so as soon as one
// range is typed every port goes out as a range (80 becomes 80-80); single ports alone stay `ports`.
import type { PortRange } from '@/lib/domain/policy/policy-rules';

export type ParsedPorts = { ports: string[]; portRanges: PortRange[] } | { error: string };

const PORT = /^\d{1,5}$/;
const valid = (n: number) => n >= 1 && n <= 65535;

export function parsePorts(text: string): ParsedPorts {
  const items = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const singles: number[] = [];
  const ranges: PortRange[] = [];
  for (const item of items) {
    const [a, b, ...rest] = item.split('-');
    if (rest.length || !PORT.test(a) || (b !== undefined && !PORT.test(b))) return { error: `"${item}" is not a port (1–65535) or a range like 8000-8100.` };
    const start = Number(a);
    const end = b === undefined ? start : Number(b);
    if (!valid(start) || !valid(end)) return { error: `"${item}": ports go from 1 to 65535.` };
    if (start > end) return { error: `"${item}": a range starts at its lower port.` };
    if (b === undefined) singles.push(start);
    else ranges.push({ start, end });
  }
  if (!ranges.length) return { ports: [...new Set(singles)].map(String), portRanges: [] };
  return { ports: [], portRanges: [...singles.map((p) => ({ start: p, end: p })), ...ranges] };
}

/** The text a rule's ports read back as (the inverse of parsePorts). */
export function formatPorts(ports: string[] = [], ranges: PortRange[] = []): string {
  return [...ports, ...ranges.map((r) => (r.start === r.end ? String(r.start) : `${r.start}-${r.end}`))].join(', ');
}
