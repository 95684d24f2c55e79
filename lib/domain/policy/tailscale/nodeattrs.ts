// The "nodeAttrs" section: node capabilities (and IP pools) per target. Only validated here; the
// attributes themselves are not part of packet filters or peer visibility. A target selects nodes:
// "*", users, groups, tags, hosts, addresses, autogroup:member and autogroup:tagged. Autogroups that
// depend on the other end of a connection (self), are not nodes (internet, danger-all) or name
// logins rather than devices (nonroot, shared) have no node to attach an attribute to; role
// autogroups (autogroup:admin, ...) select their users' devices.
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
    for (const t of Array.isArray(entry.target) ? entry.target : []) checkTarget(String(t), decl);
    for (const pool of Array.isArray(entry.ipPool) ? entry.ipPool : []) {
      const p = parsePrefix(String(pool));
      if (!p) throw new PolicyError(`IPPool(${pool}): invalid prefix`);
      const set = IPSet.of([prefixRange(p)]);
      if (set.overlaps(RESERVED)) throw new PolicyError(`IPPool(${pool}): network within reserved range`);
      if (!CGNAT.covers(set)) throw new PolicyError(`IPPool(${pool}): network not within 100.64.0.0/10`);
    }
  }
}

const q = JSON.stringify;
/** Autogroups that name devices: members', tagged ones, and the devices of users with a role. */
const NODE_AUTOGROUPS = new Set(['member', 'tagged', 'admin', 'owner', 'it-admin', 'network-admin', 'billing-admin', 'auditor']);

function checkTarget(text: string, decl: Declarations) {
  const a = parseAlias(text);
  switch (a.kind) {
    case 'tag':
      if (!decl.tagOwners.has(a.text)) throw new PolicyError(`tag not found: ${q(a.text)}`);
      return;
    case 'group':
      if (!decl.groups.has(a.text)) throw new PolicyError(`group not found: ${q(a.text)}`);
      return;
    case 'host':
      if (!decl.hosts.has(a.text)) throw new PolicyError(`host not found: ${q(a.text)}`);
      return;
    case 'ipset':
      if (!decl.ipsets.has(a.text)) throw new PolicyError(`ipset not found: ${q(a.text)}`);
      return;
    case 'autogroup':
      if (decl.strict && !NODE_AUTOGROUPS.has(a.name)) throw new PolicyError(`nodeAttrs target does not support this autogroup: ${q(a.text)}`);
      return;
  }
}
