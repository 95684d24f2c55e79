// Ingress port allocations: a peer's ports (ranges, or a number of "direct" ports) forwarded from
// an ingress peer's public address. Ingress ports come from 10000-65535 and never overlap on one
// ingress peer (per protocol); on update, ranges that did not change keep their ingress ports.
import type { Tx } from '../../db/client';
import type { IngressPeer, IngressPortAllocation, Peer } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange, type AuditEntry } from '../audit';
import { NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { ingressIpOf, lockIngressPeer, mappingsOnIngressPeer, regionOf } from './ingress';
import { parseJsonArray } from '../json';
import { findFreeBlock, overlaps, PROTOCOLS, type PortMapping, type PortProtocol } from './port-ranges';
import { checkNameChars } from '../names';
import { bumpNetworkSerial } from '../serial';

const MAX_RANGES = 100;
const MAX_NAME = 255;

export interface PortAllocationInput {
  name: string;
  enabled: boolean;
  portRanges?: { start: number; end: number; protocol: string }[];
  directPort?: { count: number; protocol: string };
}

export interface PortAllocationView {
  row: IngressPortAllocation;
  mappings: PortMapping[];
  ingressPeer: IngressPeer | null;
  ingressIp: string;
}

function protocolOf(field: string, v: string): PortProtocol {
  if (!(PROTOCOLS as readonly string[]).includes(v)) throw new ValidationError(`${field} must be one of ${PROTOCOLS.join(', ')}`);
  return v as PortProtocol;
}

/** What the request asks for, as mappings whose ingress ports are still to be chosen. */
function wanted(input: PortAllocationInput): { mapping: Omit<PortMapping, 'ingress_start' | 'ingress_end'>; direct: boolean }[] {
  if ((input.portRanges === undefined) === (input.directPort === undefined)) {
    throw new ValidationError('give exactly one of port_ranges and direct_port');
  }
  if (input.directPort) {
    const { count } = input.directPort;
    const protocol = protocolOf('direct_port.protocol', input.directPort.protocol);
    if (count < 1 || count > 1000) throw new ValidationError('direct_port.count must be between 1 and 1000');
    // Direct ports: the peer listens on the same port numbers the ingress peer opens (chosen below).
    return [{ mapping: { translated_start: 0, translated_end: count - 1, protocol }, direct: true }];
  }
  const ranges = input.portRanges ?? [];
  if (!ranges.length) throw new ValidationError('port_ranges needs at least one range');
  if (ranges.length > MAX_RANGES) throw new ValidationError(`port_ranges may hold at most ${MAX_RANGES} ranges`);
  const out = ranges.map((r, i) => {
    const protocol = protocolOf(`port_ranges[${i}].protocol`, r.protocol);
    if (r.start < 1 || r.end > 65535 || r.start > r.end) throw new ValidationError(`port_ranges[${i}]: need 1 <= start <= end <= 65535`);
    return { mapping: { translated_start: r.start, translated_end: r.end, protocol }, direct: false };
  });
  out.forEach((a, i) =>
    out.slice(0, i).forEach((b, j) => {
      const probe = (m: typeof a.mapping): PortMapping => ({ ...m, ingress_start: 0, ingress_end: 0 });
      if (overlaps(probe(a.mapping), probe(b.mapping), 'translated')) throw new ValidationError(`port_ranges[${j}] and port_ranges[${i}] overlap`);
    }),
  );
  return out;
}

/**
 * Chooses ingress ports for the wanted mappings next to those already on the ingress peer,
 * reusing the previous ingress ports of mappings that did not change. Null when they do not fit.
 */
function place(want: ReturnType<typeof wanted>, onIngress: PortMapping[], previous: PortMapping[]): PortMapping[] | null {
  const keep = [...previous];
  const result: (PortMapping | null)[] = want.map(({ mapping, direct }) => {
    const length = mapping.translated_end - mapping.translated_start + 1;
    const i = keep.findIndex((p) =>
      direct
        ? p.protocol === mapping.protocol && p.translated_start === p.ingress_start && p.ingress_end - p.ingress_start + 1 === length
        : p.protocol === mapping.protocol && p.translated_start === mapping.translated_start && p.translated_end === mapping.translated_end,
    );
    return i >= 0 ? keep.splice(i, 1)[0] : null;
  });
  const taken = [...onIngress, ...result.filter((m): m is PortMapping => m !== null)];
  for (let i = 0; i < want.length; i++) {
    if (result[i]) continue;
    const { mapping, direct } = want[i];
    const length = mapping.translated_end - mapping.translated_start + 1;
    const start = findFreeBlock(taken, mapping.protocol, length);
    if (start === null) return null;
    const placed: PortMapping = direct
      ? { translated_start: start, translated_end: start + length - 1, ingress_start: start, ingress_end: start + length - 1, protocol: mapping.protocol }
      : { ...mapping, ingress_start: start, ingress_end: start + length - 1 };
    result[i] = placed;
    taken.push(placed);
  }
  return result as PortMapping[];
}

async function peerOf(db: Tx, actor: Actor, peerId: string): Promise<Peer> {
  const peer = await db.peer.findFirst({ where: { id: peerId, accountId: actor.accountId } });
  if (!peer) throw new NotFoundError('peer', peerId);
  return peer;
}

// NetBird has no activity codes for ingress; port allocations are audited as services (a peer's
// ports exposed to the outside), with an "Ingress port allocation ..." activity and meta.kind.
function allocationEntry(verb: 'create' | 'update', v: PortAllocationView): AuditEntry {
  const row = v.row;
  return {
    code: `service.${verb}`,
    activity: `Ingress port allocation ${verb}d`,
    targetId: row.id,
    meta: { kind: 'ingress_port_allocation', name: row.name, peer_id: row.peerId, ingress_peer_id: row.ingressPeerId, port_range_mappings: v.mappings },
  };
}

async function view(db: Tx, row: IngressPortAllocation): Promise<PortAllocationView> {
  const ingressPeer = await db.ingressPeer.findFirst({ where: { id: row.ingressPeerId, accountId: row.accountId } });
  const host = ingressPeer ? await db.peer.findFirst({ where: { id: ingressPeer.peerId, accountId: row.accountId } }) : null;
  return { row, mappings: parseJsonArray<PortMapping>(row.portMappings), ingressPeer, ingressIp: ingressIpOf(host) };
}

function checkName(name: string): string {
  const n = name.trim();
  if (!n) throw new ValidationError('name cannot be empty');
  checkNameChars(n);
  if (n.length > MAX_NAME) throw new ValidationError(`name is too long (${MAX_NAME} characters at most)`);
  return n;
}

export async function listPortAllocations(db: Tx, actor: Actor, peerId: string, name?: string): Promise<PortAllocationView[]> {
  await peerOf(db, actor, peerId);
  const rows = await db.ingressPortAllocation.findMany({
    where: { accountId: actor.accountId, peerId, ...(name ? { name } : {}) },
    orderBy: { id: 'asc' },
  });
  return Promise.all(rows.map((r) => view(db, r)));
}

async function findAllocation(db: Tx, actor: Actor, peerId: string, id: string): Promise<IngressPortAllocation> {
  await peerOf(db, actor, peerId);
  const row = await db.ingressPortAllocation.findFirst({ where: { id, peerId, accountId: actor.accountId } });
  if (!row) throw new NotFoundError('ingress port allocation', id);
  return row;
}

export async function getPortAllocation(db: Tx, actor: Actor, peerId: string, id: string): Promise<PortAllocationView> {
  return view(db, await findAllocation(db, actor, peerId, id));
}

/**
 * Picks the ingress peer: an enabled one in the peer's region, else an enabled fallback one; the
 * first (oldest) of them where the ports fit.
 */
export async function createPortAllocation(db: Tx, actor: Actor, peerId: string, input: PortAllocationInput): Promise<PortAllocationView> {
  const name = checkName(input.name);
  const want = wanted(input);
  const peer = await peerOf(db, actor, peerId);
  const enabled = await db.ingressPeer.findMany({ where: { accountId: actor.accountId, enabled: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const region = regionOf(peer);
  const inRegion = enabled.filter((i) => i.region === region);
  const candidates = inRegion.length ? inRegion : enabled.filter((i) => i.fallback);
  if (!candidates.length) throw new ValidationError(`no enabled ingress peer serves region "${region}" and none is a fallback`);
  for (const ingress of candidates) {
    await lockIngressPeer(db, actor.accountId, ingress.id);
    const mappings = place(want, await mappingsOnIngressPeer(db, actor.accountId, ingress.id), []);
    if (!mappings) continue;
    const row = await db.ingressPortAllocation.create({
      data: { id: newId(), accountId: actor.accountId, peerId, ingressPeerId: ingress.id, name, enabled: input.enabled, portMappings: JSON.stringify(mappings) },
    });
    const v = await view(db, row);
    await bumpNetworkSerial(db, actor.accountId);
    await recordChange(db, actor, allocationEntry('create', v));
    return v;
  }
  throw new ValidationError('not enough free ingress ports on the ingress peers for this allocation');
}

/** Stays on its ingress peer; unchanged ranges keep their ingress ports. */
export async function updatePortAllocation(db: Tx, actor: Actor, peerId: string, id: string, input: PortAllocationInput): Promise<PortAllocationView> {
  const name = checkName(input.name);
  const want = wanted(input);
  const row = await findAllocation(db, actor, peerId, id);
  await lockIngressPeer(db, actor.accountId, row.ingressPeerId);
  const others = await mappingsOnIngressPeer(db, actor.accountId, row.ingressPeerId, row.id);
  const mappings = place(want, others, parseJsonArray<PortMapping>(row.portMappings));
  if (!mappings) throw new ValidationError('not enough free ingress ports on the ingress peer for this allocation');
  const updated = await db.ingressPortAllocation.update({
    where: { id: row.id },
    data: { name, enabled: input.enabled, portMappings: JSON.stringify(mappings) },
  });
  const v = await view(db, updated);
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, allocationEntry('update', v));
  return v;
}

export async function deletePortAllocation(db: Tx, actor: Actor, peerId: string, id: string): Promise<IngressPortAllocation> {
  const row = await findAllocation(db, actor, peerId, id);
  await db.ingressPortAllocation.delete({ where: { id: row.id } });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, {
    code: 'service.delete',
    activity: 'Ingress port allocation deleted',
    targetId: row.id,
    meta: { kind: 'ingress_port_allocation', name: row.name, peer_id: row.peerId, ingress_peer_id: row.ingressPeerId },
  });
  return row;
}
