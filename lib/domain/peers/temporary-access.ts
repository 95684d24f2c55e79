// Temporary access peers (NetBird): a peer that may reach one peer on given ports, and nothing
// else. It and its policy are removed once it has been gone for a while (see sweep below).
import type { Tx } from '../../db/client';
import { chunks } from '../../db/chunks';
import type { Actor } from '../actor';
import { isWireguardKey } from '../agent/protocol';
import { uniqueDnsLabel } from './dns-labels';
import { ConflictError, ValidationError } from '../errors';
import { newId } from '../ids';
import { allocatePeerAddresses } from './ipam';
import { jsonList } from '../json';
import { getPeer } from './peers';
import { bumpNetworkSerial } from '../serial';
import { checkNameChars } from '../names';
import { recordChange } from '../audit';
import { checkPeerRoom } from '../accounts/quotas';

/** How long a temporary peer lives without checking in. */
export const TEMPORARY_PEER_TTL_MS = 60 * 60_000;
const POLICY_PREFIX = 'Temporary access for ';

export function parseAccessRule(rule: string): { protocol: 'tcp' | 'udp'; ports: string[]; range?: { start: number; end: number } } {
  const m = /^(tcp|udp)\/(\d{1,5})(?:-(\d{1,5}))?$/.exec(rule.trim().toLowerCase());
  const start = Number(m?.[2]);
  const end = m?.[3] ? Number(m[3]) : start;
  if (!m || start < 1 || end > 65535 || start > end) throw new ValidationError(`invalid rule "${rule}": use protocol/port, e.g. tcp/80 or udp/5000-5010`);
  return m[3] ? { protocol: m[1] as 'tcp' | 'udp', ports: [], range: { start, end } } : { protocol: m[1] as 'tcp' | 'udp', ports: [String(start)] };
}

export async function createTemporaryAccess(db: Tx, actor: Actor, targetId: string, input: { name: string; wgPubKey: string; rules: string[] }) {
  const target = await getPeer(db, actor, targetId);
  const name = input.name.trim();
  if (!name) throw new ValidationError('name cannot be empty');
  checkNameChars(name);
  if (!isWireguardKey(input.wgPubKey)) throw new ValidationError('wg_pub_key must be a WireGuard public key (base64 of 32 bytes)');
  if (!input.rules.length) throw new ValidationError('at least one rule is required');
  const parsed = input.rules.map(parseAccessRule);
  if (await db.peer.findFirst({ where: { accountId: actor.accountId, wgPubKey: input.wgPubKey }, select: { id: true } })) {
    throw new ConflictError('a peer with this public key is already registered');
  }
  await checkPeerRoom(db, actor.accountId);
  const { ip, ipv6 } = await allocatePeerAddresses(db, actor.accountId);
  const now = new Date();
  const peer = await db.peer.create({
    data: {
      id: newId(),
      accountId: actor.accountId,
      userId: actor.userId,
      name,
      hostname: name,
      dnsLabel: await uniqueDnsLabel(db, actor.accountId, name),
      ip,
      ipv6,
      wgPubKey: input.wgPubKey,
      ephemeral: true,
      expiresAt: new Date(now.getTime() + TEMPORARY_PEER_TTL_MS),
      createdAt: now,
      lastSeen: now,
      lastLogin: now,
    },
  });
  await db.policy.create({
    data: {
      id: newId(),
      accountId: actor.accountId,
      name: `${POLICY_PREFIX}${name}`.slice(0, 255),
      description: `Lets temporary peer ${peer.id} reach peer ${target.name}`,
      rules: {
        create: parsed.map((r, position) => ({
          id: newId(),
          position,
          name: input.rules[position],
          protocol: r.protocol,
          ports: jsonList(r.ports),
          portRanges: JSON.stringify(r.range ? [r.range] : []),
          sourceResource: JSON.stringify({ id: peer.id, type: 'peer' }),
          destinationResource: JSON.stringify({ id: target.id, type: 'peer' }),
        })),
      },
    },
  });
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, {
    code: 'peer.user.add',
    activity: 'Temporary access peer added',
    targetId: peer.id,
    meta: { name: peer.name, target: targetId, rules: input.rules.join(', ') },
  });
  return { peer, rules: input.rules };
}

/** Removes temporary peers whose time ran out, with their policies. Returns how many. */
export async function sweepTemporaryPeers(db: Tx, accountId: string, now = new Date()): Promise<number> {
  const gone = await db.peer.findMany({ where: { accountId, expiresAt: { lt: now } }, select: { id: true } });
  if (!gone.length) return 0;
  const ids = gone.map((p) => p.id);
  const policies = await db.policy.findMany({ where: { accountId, name: { startsWith: POLICY_PREFIX } }, include: { rules: true } });
  const stale = policies.filter((p) => p.rules.some((r) => ids.some((id) => r.sourceResource.includes(`"${id}"`))));
  for (const chunk of chunks(stale.map((p) => p.id))) await db.policy.deleteMany({ where: { id: { in: chunk } } });
  for (const chunk of chunks(ids)) await db.peer.deleteMany({ where: { id: { in: chunk } } });
  await bumpNetworkSerial(db, accountId);
  return ids.length;
}
