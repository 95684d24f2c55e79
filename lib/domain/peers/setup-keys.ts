// Setup keys: how peers join. A key is shown once at creation and stored as a SHA-256 hash.
// State is derived: revoked > expired > overused > valid. Using a key (registering a peer) is one
// conditional UPDATE, so two concurrent registrations with a one-off key cannot both succeed.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { SetupKey } from '../../db/models';
import type { Actor } from '../actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { isAllGroup } from '../groups/all-group';
import { newId } from '../ids';
import { jsonList, parseJsonList } from '../json';
import { hashSecret } from '../secrets';
import { checkNameChars } from '../names';
import { recordChange, type AuditEntry } from '../audit';

/** The audit entries of setup keys (also Tailscale's auth keys, lib/domain/peers/auth-keys.ts). */
export const setupKeyActivity = {
  created: (k: SetupKey): AuditEntry => ({ code: 'setupkey.add', activity: 'Setup key created', targetId: k.id, meta: { name: k.name, type: k.type } }),
  revoked: (k: SetupKey): AuditEntry => ({ code: 'setupkey.revoke', activity: 'Setup key revoked', targetId: k.id, meta: { name: k.name } }),
  groupAdded: (k: SetupKey, group: string): AuditEntry => ({ code: 'setupkey.group.add', activity: 'Group added to setup key', targetId: k.id, meta: { name: k.name, group } }),
  groupRemoved: (k: SetupKey, group: string): AuditEntry => ({ code: 'setupkey.group.delete', activity: 'Group removed from setup key', targetId: k.id, meta: { name: k.name, group } }),
  updated: (k: SetupKey): AuditEntry => ({ code: 'setupkey.update', activity: 'Setup key updated', targetId: k.id, meta: { name: k.name } }),
  deleted: (k: SetupKey): AuditEntry => ({ code: 'setupkey.delete', activity: 'Setup key deleted', targetId: k.id, meta: { name: k.name } }),
};

export const MIN_EXPIRES_IN = 86_400;
export const MAX_EXPIRES_IN = 31_536_000;

export type SetupKeyState = 'valid' | 'expired' | 'revoked' | 'overused';

export function keyState(k: Pick<SetupKey, 'revoked' | 'expiresAt' | 'usageLimit' | 'usedTimes'>, now = new Date()): SetupKeyState {
  if (k.revoked) return 'revoked';
  if (k.expiresAt <= now) return 'expired';
  if (k.usageLimit > 0 && k.usedTimes >= k.usageLimit) return 'overused';
  return 'valid';
}

export interface NewSetupKey {
  name: string;
  type: string;
  expiresIn: number;
  autoGroups: string[];
  usageLimit: number;
  ephemeral?: boolean;
  allowExtraDnsLabels?: boolean;
  preauthorized?: boolean;
  tags?: string[];
}

/** Group ids must belong to the account; the All group is implicit and cannot be assigned. */
export async function checkAutoGroups(db: Tx, accountId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const groups = await inChunks(ids, (chunk) => db.group.findMany({ where: { accountId, id: { in: chunk } }, select: { id: true, name: true } }));
  const found = new Map(groups.map((g) => [g.id, g]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new ValidationError(`group ${missing[0]} not found`);
  if (groups.some(isAllGroup)) throw new ValidationError('the All group cannot be used as an auto group');
}

export async function createSetupKey(db: Tx, actor: Actor, input: NewSetupKey) {
  const name = input.name.trim();
  if (!name) throw new ValidationError('setup key name cannot be empty');
  checkNameChars(name);
  if (input.type !== 'one-off' && input.type !== 'reusable') throw new ValidationError('type must be one-off or reusable');
  if (!Number.isInteger(input.expiresIn) || input.expiresIn < MIN_EXPIRES_IN || input.expiresIn > MAX_EXPIRES_IN) {
    throw new ValidationError(`expires_in must be between ${MIN_EXPIRES_IN} and ${MAX_EXPIRES_IN} seconds`);
  }
  if (!Number.isInteger(input.usageLimit) || input.usageLimit < 0) throw new ValidationError('usage_limit cannot be negative');
  await checkAutoGroups(db, actor.accountId, input.autoGroups);
  // NetBird's key format: an upper-case UUID (122 random bits).
  const plain = randomUUID().toUpperCase();
  const now = new Date();
  const key = await db.setupKey.create({
    data: {
      id: newId(),
      accountId: actor.accountId,
      name,
      keyHash: hashSecret(plain),
      keyPrefix: plain.slice(0, 5),
      type: input.type,
      expiresAt: new Date(now.getTime() + input.expiresIn * 1000),
      autoGroups: jsonList(input.autoGroups),
      usageLimit: input.type === 'one-off' ? 1 : input.usageLimit,
      ephemeral: input.ephemeral ?? false,
      allowExtraDnsLabels: input.allowExtraDnsLabels ?? false,
      // NetBird keys are not pre-authorized: with peer approval on, their peers wait for an admin.
      preauthorized: input.preauthorized ?? false,
      tags: jsonList(input.tags ?? []),
      createdAt: now,
      updatedAt: now,
    },
  });
  await recordChange(db, actor, setupKeyActivity.created(key));
  return { plain, key };
}

export function listSetupKeys(db: Tx, actor: Actor) {
  return db.setupKey.findMany({ where: { accountId: actor.accountId }, orderBy: { createdAt: 'asc' } });
}

export async function getSetupKey(db: Tx, actor: Actor, id: string) {
  const key = await db.setupKey.findFirst({ where: { id, accountId: actor.accountId } });
  if (!key) throw new NotFoundError('setup key', id);
  return key;
}

/** NetBird's PUT: only `revoked` and `auto_groups` change; a revoked key cannot be un-revoked. */
export async function updateSetupKey(db: Tx, actor: Actor, id: string, input: { revoked: boolean; autoGroups: string[] }) {
  const key = await getSetupKey(db, actor, id);
  if (key.revoked && !input.revoked) throw new ValidationError('a revoked setup key cannot be reactivated');
  await checkAutoGroups(db, actor.accountId, input.autoGroups);
  const updated = await db.setupKey.update({
    where: { id: key.id },
    data: { revoked: input.revoked, autoGroups: jsonList(input.autoGroups), updatedAt: new Date() },
  });
  const before = new Set(parseJsonList(key.autoGroups));
  const after = new Set(input.autoGroups);
  const r = {
    key: updated,
    revokedNow: !key.revoked && input.revoked,
    groupsAdded: [...after].filter((g) => !before.has(g)),
    groupsRemoved: [...before].filter((g) => !after.has(g)),
  };
  // One entry per change; a save that changes neither revocation nor groups is still an update.
  if (r.revokedNow) await recordChange(db, actor, setupKeyActivity.revoked(updated));
  for (const g of r.groupsAdded) await recordChange(db, actor, setupKeyActivity.groupAdded(updated, g));
  for (const g of r.groupsRemoved) await recordChange(db, actor, setupKeyActivity.groupRemoved(updated, g));
  if (!r.revokedNow && !r.groupsAdded.length && !r.groupsRemoved.length) await recordChange(db, actor, setupKeyActivity.updated(updated));
  return r;
}

export async function deleteSetupKey(db: Tx, actor: Actor, id: string) {
  const key = await getSetupKey(db, actor, id);
  await db.setupKey.delete({ where: { id: key.id } });
  await recordChange(db, actor, setupKeyActivity.deleted(key));
  return key;
}

/**
 * Consumes one use of a key for a registration, or throws with the reason it cannot be used.
 * The UPDATE re-checks every condition, so concurrent registrations race safely.
 */
export async function useSetupKey(db: Tx, plain: string, now = new Date()): Promise<SetupKey> {
  const key = await db.setupKey.findUnique({ where: { keyHash: hashSecret(plain.trim().toUpperCase()) } });
  if (!key) throw new ForbiddenError('setup key invalid');
  const state = keyState(key, now);
  if (state === 'revoked') throw new ForbiddenError('setup key is revoked');
  if (state === 'expired') throw new ForbiddenError('setup key has expired');
  if (state === 'overused') throw new ForbiddenError('setup key has been used up');
  const claimed = await db.setupKey.updateMany({
    where: {
      id: key.id,
      revoked: false,
      expiresAt: { gt: now },
      usedTimes: key.usedTimes,
    },
    data: { usedTimes: { increment: 1 }, lastUsed: now, updatedAt: now },
  });
  if (claimed.count !== 1) {
    // Someone used it at the same moment: re-read and decide again (at most a few rounds).
    const fresh = await db.setupKey.findUniqueOrThrow({ where: { id: key.id } });
    if (keyState(fresh, now) !== 'valid') throw new ForbiddenError('setup key has been used up');
    return useSetupKey(db, plain, now);
  }
  return { ...key, usedTimes: key.usedTimes + 1, lastUsed: now };
}
