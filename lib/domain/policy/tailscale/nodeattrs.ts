// The "nodeAttrs" section: node capabilities (and IP pools) per target. Only validated here; the
// attributes themselves are not part of packet filters or peer visibility.
import type { Declarations } from './document';
import { IPSet, parsePrefix, prefixRange } from './ipset';
import { PolicyError, parseAlias } from './syntax';

const RESERVED = IPSet.parse('100.100.100.0/24', '100.115.92.0/23');
const CGNAT = IPSet.parse('100.64.0.0/10');

export function checkNodeAttrs(section: unknown, decl: Declarations) {
  if (section === undefined || section === null) return;
  if (!Array.isArray(section)) throw new PolicyError('nodeAttrs: expected a list');
  for (const raw of section) {
    const entry = (raw ?? {}) as Record<string, unknown>;
    for (const t of Array.isArray(entry.target) ? entry.target : []) {
      const a = parseAlias(String(t));
      if (a.kind === 'tag' && !decl.tagOwners.has(a.text)) throw new PolicyError(`tag not found: ${JSON.stringify(a.text)}`);
      if (a.kind === 'group' && !decl.groups.has(a.text)) throw new PolicyError(`group not found: ${JSON.stringify(a.text)}`);
    }
    for (const pool of Array.isArray(entry.ipPool) ? entry.ipPool : []) {
      const p = parsePrefix(String(pool));
      if (!p) throw new PolicyError(`IPPool(${pool}): invalid prefix`);
      const set = IPSet.of([prefixRange(p)]);
      if (set.overlaps(RESERVED)) throw new PolicyError(`IPPool(${pool}): network within reserved range`);
      if (!CGNAT.covers(set)) throw new PolicyError(`IPPool(${pool}): network not within 100.64.0.0/10`);
    }
  }
}
